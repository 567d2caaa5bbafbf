/* Attach dispatch by program type, plus the types that need no network target: libbpf's
 * auto-attach (tracing family), iterators, perf events and struct_ops. */
#include "attach.h"

#include <errno.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "ftrace_funcs.h"
#include "uapi_compat.h"

#define ITER_READ_LIMIT (16 * 1024 * 1024)

static void result_reset(struct attach_result* r) {
  memset(r, 0, sizeof(*r));
  r->status = "not_run";
  r->method = "none";
  r->traceable = -1;
}

void attach_not_run(struct attach_result* r) {
  result_reset(r);
}

void attach_ok(struct attach_result* r, const char* method) {
  r->status = "ok";
  r->method = method;
  r->err = 0;
}

void attach_failed(struct attach_result* r, const char* method, int err, const char* reason) {
  r->status = "failed";
  r->method = method;
  r->err = err < 0 ? -err : err;
  snprintf(r->reason, sizeof(r->reason), "%s", reason ? reason : "");
}

void attach_skipped(struct attach_result* r, const char* reason) {
  r->status = "skipped";
  r->method = "none";
  snprintf(r->reason, sizeof(r->reason), "%s", reason);
}

/* A section without '/' names no attach point ("kprobe", "uprobe", "usdt", "raw_tp"): libbpf
 * loads it but cannot attach it without a target supplied by its loader. */
static void attach_auto(struct attach_env* e, struct bpf_program* p, struct attach_result* r) {
  struct bpf_link* l = bpf_program__attach(p);
  int err = errno;
  const char* sec = bpf_program__section_name(p);
  if (!l && err == EOPNOTSUPP && !strchr(sec, '/')) {
    snprintf(r->reason, sizeof(r->reason),
             "needs an outside target: section '%s' names no attach point", sec);
    r->status = "skipped";
    r->method = "auto";
    r->err = err;
    return;
  }
  errno = err;
  attach_hold_link(e, l, r, "auto");
}

static void attach_iter(struct attach_env* e, struct bpf_program* p, struct attach_result* r) {
  struct bpf_link* l = bpf_program__attach_iter(p, NULL);
  attach_hold_link(e, l, r, "iter");
  if (!l) return;
  int fd = bpf_iter_create(bpf_link__fd(l));
  if (fd < 0) {
    attach_failed(r, "iter", errno, "bpf_iter_create failed");
    return;
  }
  char buf[4096];
  ssize_t n;
  size_t total = 0;
  while ((n = read(fd, buf, sizeof(buf))) > 0 && total < ITER_READ_LIMIT) total += (size_t)n;
  if (n < 0) attach_failed(r, "iter", errno, "reading the iterator failed");
  close(fd);
}

static void attach_perf(struct attach_env* e, struct bpf_program* p, struct attach_result* r) {
  struct perf_event_attr a;
  memset(&a, 0, sizeof(a));
  a.size = sizeof(a);
  a.type = PERF_TYPE_SOFTWARE;
  a.config = PERF_COUNT_SW_CPU_CLOCK;
  a.sample_period = 10 * 1000 * 1000; /* 10 ms: the event exists, the guest barely notices */
  int pfd = (int)syscall(SYS_perf_event_open, &a, -1, 0, -1, PERF_FLAG_FD_CLOEXEC);
  if (pfd < 0) {
    attach_failed(r, "perf_event", errno, "perf_event_open(cpu-clock) failed");
    return;
  }
  struct bpf_link* l = bpf_program__attach_perf_event(p, pfd);
  if (!l) close(pfd); /* on success the link owns it */
  attach_hold_link(e, l, r, "perf_event");
}

void attach_struct_ops(struct attach_env* e, struct bpf_object* obj, struct attach_result* r) {
  struct bpf_map* m;
  int n = 0;
  result_reset(r);
  attach_ok(r, "struct_ops");
  bpf_object__for_each_map(m, obj) {
    if (bpf_map__type(m) != BPF_MAP_TYPE_STRUCT_OPS) continue;
    n++;
    struct bpf_link* l = bpf_map__attach_struct_ops(m);
    if (!l) {
      int err = errno;
      char why[160];
      snprintf(why, sizeof(why), "registering struct_ops map '%s' failed", bpf_map__name(m));
      attach_failed(r, "struct_ops", err, why);
      return;
    }
    int owner = e->owner;
    e->owner = -1; /* the object's, not one program's */
    attach_hold_link(e, l, r, "struct_ops");
    e->owner = owner;
  }
  if (n == 0) attach_skipped(r, "needs an outside target: no struct_ops map in the object");
}

/* Types that only make sense against something the validator cannot create by itself. */
static const char* outside_target(enum bpf_prog_type t, enum bpf_attach_type eat) {
  switch ((int)t) {
    case BPF_PROG_TYPE_EXT:
      return "needs an outside target: freplace replaces a function of another BPF program";
    case BPF_PROG_TYPE_SK_MSG:
    case BPF_PROG_TYPE_SK_SKB:
      return "needs an outside target: a sockmap/sockhash holding sockets";
    case BPF_PROG_TYPE_LWT_IN:
    case BPF_PROG_TYPE_LWT_OUT:
    case BPF_PROG_TYPE_LWT_XMIT:
    case BPF_PROG_TYPE_LWT_SEG6LOCAL:
      return "needs an outside target: a route with 'encap bpf'";
    case BPF_PROG_TYPE_SK_REUSEPORT:
      return "needs an outside target: a SO_REUSEPORT socket group";
    case BPF_PROG_TYPE_LIRC_MODE2:
      return "needs an outside target: a lirc device";
    case BPF_PROG_TYPE_SCHED_ACT:
      return "needs an outside target: a tc filter using a bpf action";
    case BPF_PROG_TYPE_SYSCALL:
      return "not attachable: syscall programs are run with BPF_PROG_TEST_RUN";
    case BPF_PROG_TYPE_XDP:
      if (eat == BPF_XDP_DEVMAP || eat == BPF_XDP_CPUMAP)
        return "needs an outside target: a devmap/cpumap entry";
      return NULL;
    case BPF_PROG_TYPE_SCHED_CLS:
      if ((int)eat == BPFC_NETKIT_PRIMARY || (int)eat == BPFC_NETKIT_PEER)
        return "needs an outside target: a netkit device";
      return NULL;
    default:
      return NULL;
  }
}

static int is_trampoline(enum bpf_prog_type t, enum bpf_attach_type eat) {
  return t == BPF_PROG_TYPE_TRACING &&
         (eat == BPF_TRACE_FENTRY || eat == BPF_TRACE_FEXIT || eat == BPF_MODIFY_RETURN);
}

void attach_program(struct attach_env* e, struct bpf_program* p, struct attach_result* r) {
  enum bpf_prog_type t = bpf_program__type(p);
  enum bpf_attach_type eat = bpf_program__expected_attach_type(p);
  result_reset(r);
  logcap_reset();
  const char* why = outside_target(t, eat);
  if (why) {
    attach_skipped(r, why);
    return;
  }
  switch ((int)t) {
    case BPF_PROG_TYPE_XDP:
      attach_xdp(e, p, r);
      break;
    case BPF_PROG_TYPE_SCHED_CLS:
      if ((int)eat == BPFC_TCX_INGRESS || (int)eat == BPFC_TCX_EGRESS)
        attach_tcx(e, p, r);
      else
        attach_tc(e, p, r);
      break;
    case BPF_PROG_TYPE_CGROUP_SKB:
    case BPF_PROG_TYPE_CGROUP_SOCK:
    case BPF_PROG_TYPE_CGROUP_SOCK_ADDR:
    case BPF_PROG_TYPE_CGROUP_SOCKOPT:
    case BPF_PROG_TYPE_CGROUP_SYSCTL:
    case BPF_PROG_TYPE_CGROUP_DEVICE:
    case BPF_PROG_TYPE_SOCK_OPS:
      attach_cgroup(e, p, r);
      break;
    case BPF_PROG_TYPE_SOCKET_FILTER:
      attach_socket(e, p, r);
      break;
    case BPF_PROG_TYPE_SK_LOOKUP:
    case BPF_PROG_TYPE_FLOW_DISSECTOR:
      attach_netns(e, p, r);
      break;
    case BPFC_PROG_TYPE_NETFILTER:
      attach_netfilter(e, p, r);
      break;
    case BPF_PROG_TYPE_PERF_EVENT:
      attach_perf(e, p, r);
      break;
    case BPF_PROG_TYPE_LSM:
      if (eat == BPF_LSM_CGROUP)
        attach_cgroup(e, p, r);
      else if (!e->bpf_lsm_active)
        attach_skipped(r,
                       "bpf is not an active LSM on this kernel "
                       "(boot option lsm=...,bpf)");
      else
        attach_auto(e, p, r);
      break;
    case BPF_PROG_TYPE_TRACING:
      if (eat == BPF_TRACE_ITER)
        attach_iter(e, p, r);
      else
        attach_auto(e, p, r);
      break;
    default: /* kprobe/uprobe/ksyscall/kprobe.multi/usdt, tracepoint, raw_tp, ... */
      attach_auto(e, p, r);
      break;
  }
  if (!strcmp(r->status, "failed") || !strcmp(r->status, "skipped"))
    tail_copy(r->libbpf_tail, logcap_tail(), strlen(logcap_tail()), LOGCAP_TAIL);
  if (!strcmp(r->status, "failed") && is_trampoline(t, eat))
    r->traceable = ftrace_traceable(trampoline_target(bpf_program__section_name(p)));
}

void write_attach_result(struct jw* w, const struct attach_result* r) {
  jw_obj_begin(w, "attach");
  jw_str(w, "status", r->status);
  jw_str(w, "method", r->method);
  jw_int(w, "errno", r->err);
  jw_str(w, "reason", r->reason);
  jw_str(w, "libbpf_tail", r->libbpf_tail);
  jw_bool(w, "isolated", r->isolated);
  jw_str(w, "note", r->note);
  jw_tristate(w, "target_traceable", r->traceable);
  jw_obj_end(w);
}
