/* Attach types that need a network device, a socket, a network namespace or a cgroup. All of
 * them use what a bare guest has: the loopback device, a socket of our own, our own netns and a
 * cgroup created for the case. On kernels where lo lacks clsact, the host must load the
 * sch_ingress and cls_bpf modules first (see README). */
#include "attach.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <net/if.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "uapi_compat.h"

#ifndef SO_ATTACH_BPF
#define SO_ATTACH_BPF 50
#endif

static int lo_index(struct attach_env* e) {
  unsigned idx = if_nametoindex("lo");
  if (idx) e->lo_ifindex = (int)idx;
  return e->lo_ifindex;
}

void attach_xdp(struct attach_env* e, struct bpf_program* p, struct attach_result* r) {
  /* lo has no native XDP: the kernel falls back to generic (skb) mode. */
  attach_hold_link(e, bpf_program__attach_xdp(p, lo_index(e)), r, "xdp");
}

void attach_tcx(struct attach_env* e, struct bpf_program* p, struct attach_result* r) {
  attach_hold_link(e, bpf_program__attach_tcx(p, lo_index(e), NULL), r, "tcx");
}

/* Classic tc: a clsact qdisc on lo and a cls_bpf filter (direct-action) on its ingress. Each
 * filter is held (detached with its program); a qdisc we created is deleted at release. */
void attach_tc(struct attach_env* e, struct bpf_program* p, struct attach_result* r) {
  LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = lo_index(e), .attach_point = BPF_TC_INGRESS);
  int err = bpf_tc_hook_create(&hook);
  if (err && err != -EEXIST) {
    attach_failed(r, "tc", err,
                  "creating the clsact qdisc on lo failed "
                  "(module sch_ingress missing?)");
    return;
  }
  if (!err) e->tc_hook_created = 1;
  LIBBPF_OPTS(bpf_tc_opts, opts, .prog_fd = bpf_program__fd(p));
  err = bpf_tc_attach(&hook, &opts);
  if (err) {
    attach_failed(r, "tc", err, "adding the bpf filter failed (module cls_bpf missing?)");
    return;
  }
  attach_hold_tc(e, opts.handle, opts.priority);
  attach_ok(r, "tc");
}

/* The cgroup2 hierarchy: /sys/fs/cgroup in our guests, /sys/fs/cgroup/unified on hosts that
 * still run the hybrid v1/v2 layout. */
static const char* cgroup2_root(void) {
  static const char* const kRoots[] = {"/sys/fs/cgroup", "/sys/fs/cgroup/unified"};
  for (size_t i = 0; i < sizeof(kRoots) / sizeof(kRoots[0]); i++) {
    struct statfs sf;
    if (statfs(kRoots[i], &sf) == 0 && sf.f_type == CGROUP2_SUPER_MAGIC) return kRoots[i];
  }
  return NULL;
}

static int cgroup_fd(struct attach_env* e) {
  if (e->cgroup_fd >= 0) return e->cgroup_fd;
  const char* root = cgroup2_root();
  if (!root) {
    errno = ENOENT;
    return -1;
  }
  snprintf(e->cgroup_path, sizeof(e->cgroup_path), "%s/bpfcompat-%d", root, (int)getpid());
  if (mkdir(e->cgroup_path, 0755) == 0 || errno == EEXIST) {
    e->cgroup_created = 1;
    e->cgroup_fd = open(e->cgroup_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  }
  if (e->cgroup_fd < 0) /* cannot create one: use the root of the hierarchy */
    e->cgroup_fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  return e->cgroup_fd;
}

void attach_cgroup(struct attach_env* e, struct bpf_program* p, struct attach_result* r) {
  int fd = cgroup_fd(e);
  if (fd < 0) {
    attach_failed(r, "cgroup", errno, "no cgroup2 hierarchy at /sys/fs/cgroup");
    return;
  }
  attach_hold_link(e, bpf_program__attach_cgroup(p, fd), r, "cgroup");
}

void attach_socket(struct attach_env* e, struct bpf_program* p, struct attach_result* r) {
  int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (s < 0) {
    attach_failed(r, "socket", errno, "socket(AF_INET, SOCK_DGRAM) failed");
    return;
  }
  int pfd = bpf_program__fd(p);
  if (setsockopt(s, SOL_SOCKET, SO_ATTACH_BPF, &pfd, sizeof(pfd)) != 0) {
    attach_failed(r, "socket", errno, "setsockopt(SO_ATTACH_BPF) failed");
    close(s);
    return;
  }
  attach_hold_fd(e, s);
  attach_ok(r, "socket");
}

void attach_netns(struct attach_env* e, struct bpf_program* p, struct attach_result* r) {
  if (e->netns_fd < 0) e->netns_fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
  if (e->netns_fd < 0) {
    attach_failed(r, "netns", errno, "cannot open /proc/self/ns/net");
    return;
  }
  attach_hold_link(e, bpf_program__attach_netns(p, e->netns_fd), r, "netns");
}

/* Each link gets its own priority, so the programs of one object never compete for a place. */
void attach_netfilter(struct attach_env* e, struct bpf_program* p, struct attach_result* r) {
  LIBBPF_OPTS(bpf_netfilter_opts, opts, .pf = BPFC_NFPROTO_IPV4, .hooknum = BPFC_NF_INET_LOCAL_IN,
              .priority = -128 + e->n_netfilter++);
  attach_hold_link(e, bpf_program__attach_netfilter(p, &opts), r, "netfilter");
}

void attach_tc_detach(struct attach_env* e, const struct attach_held* h) {
  LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = e->lo_ifindex, .attach_point = BPF_TC_INGRESS);
  LIBBPF_OPTS(bpf_tc_opts, opts, .handle = h->tc_handle, .priority = h->tc_priority);
  bpf_tc_detach(&hook, &opts);
}

/* After attach_env_release detached every held filter. */
void attach_net_release(struct attach_env* e) {
  if (e->tc_hook_created) {
    LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = e->lo_ifindex,
                .attach_point = BPF_TC_INGRESS | BPF_TC_EGRESS);
    bpf_tc_hook_destroy(&hook);
    e->tc_hook_created = 0;
  }
  if (e->netns_fd >= 0) close(e->netns_fd);
  e->netns_fd = -1;
  if (e->cgroup_fd >= 0) close(e->cgroup_fd);
  e->cgroup_fd = -1;
  if (e->cgroup_created) rmdir(e->cgroup_path);
  e->cgroup_created = 0;
}
