/* Shared probe results, and the helper probe itself (helper_load_probe). One byte per question
 * in an anonymous MAP_SHARED mapping made before the first fork: 0 unknown, else the answer + 2
 * (probes answer 1, 0 or a negative error, stored as -1). A case killed while probing leaves the
 * byte at 0 or the full answer. Kernel answers do not change during a run: the validator loads its
 * modules before the first case. */
#include "probe_cache.h"

#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "helpers.h"
#include "uapi_compat.h"

#define MAX_TYPES 128
#define MAX_HELPERS 1024

struct table {
  volatile signed char prog[MAX_TYPES];
  volatile signed char map[MAX_TYPES];
  volatile signed char helper[MAX_TYPES][MAX_HELPERS];
};

static struct table* t;

void probe_cache_init(void) {
  void* m = mmap(NULL, sizeof(*t), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (m != MAP_FAILED) t = m;
}

static int get(volatile signed char* slot, int* out) {
  if (!slot || *slot == 0) return 0;
  *out = *slot - 2;
  return 1;
}

static int put(volatile signed char* slot, int r) {
  if (slot) *slot = (signed char)((r == 0 || r == 1 ? r : -1) + 2);
  return r;
}

int probe_prog_type(enum bpf_prog_type type) {
  volatile signed char* s = t && (unsigned)type < MAX_TYPES ? &t->prog[type] : NULL;
  int r;
  if (get(s, &r)) return r;
  return put(s, libbpf_probe_bpf_prog_type(type, NULL));
}

int probe_map_type(enum bpf_map_type type) {
  volatile signed char* s = t && (unsigned)type < MAX_TYPES ? &t->map[type] : NULL;
  int r;
  if (get(s, &r)) return r;
  return put(s, libbpf_probe_bpf_map_type(type, NULL));
}

/* The expected attach type (or flags) a type needs to load at all, as libbpf's probes set. */
static void probe_opts(enum bpf_prog_type type, struct bpf_prog_load_opts* o) {
  switch ((int)type) {
    case BPF_PROG_TYPE_CGROUP_SOCK_ADDR:
      o->expected_attach_type = BPF_CGROUP_INET4_CONNECT;
      break;
    case BPF_PROG_TYPE_CGROUP_SOCKOPT:
      o->expected_attach_type = BPF_CGROUP_GETSOCKOPT;
      break;
    case BPF_PROG_TYPE_SK_LOOKUP:
      o->expected_attach_type = BPF_SK_LOOKUP;
      break;
    case BPF_PROG_TYPE_LIRC_MODE2:
      o->expected_attach_type = BPF_LIRC_MODE2;
      break;
    case BPF_PROG_TYPE_SYSCALL:
      o->prog_flags = BPF_F_SLEEPABLE;
      break;
    case BPFC_PROG_TYPE_NETFILTER:
      o->expected_attach_type = (enum bpf_attach_type)BPFC_NETFILTER;
      break;
    default:
      break;
  }
}

/* Loads `call helper; exit` as `type` and reads the verifier's answer (helper_probe_verdict).
 * Tracing, ext, lsm and struct_ops programs need an attach target to load: -EOPNOTSUPP. A type
 * the kernel lacks cannot call anything: 0. */
static int helper_load_probe(enum bpf_prog_type type, int id) {
  switch ((int)type) {
    case BPF_PROG_TYPE_TRACING:
    case BPF_PROG_TYPE_EXT:
    case BPF_PROG_TYPE_LSM:
    case BPF_PROG_TYPE_STRUCT_OPS:
      return -EOPNOTSUPP;
    default:
      break;
  }
  if (probe_prog_type(type) == 0) return 0;
  struct bpf_insn insns[] = {
      {.code = BPF_JMP | BPF_CALL, .imm = id},
      {.code = BPF_JMP | BPF_EXIT},
  };
  char log[4096];
  log[0] = '\0';
  LIBBPF_OPTS(bpf_prog_load_opts, opts, .log_buf = log, .log_size = sizeof(log), .log_level = 1);
  probe_opts(type, &opts);
  int fd = bpf_prog_load(type, NULL, "GPL", insns, 2, &opts);
  int err = errno;
  if (fd >= 0) close(fd);
  int r = helper_probe_verdict(fd >= 0, log);
  return r >= 0 ? r : -(err ? err : EINVAL);
}

int probe_helper(enum bpf_prog_type type, enum bpf_func_id id) {
  volatile signed char* s =
      t && (unsigned)type < MAX_TYPES && (unsigned)id < MAX_HELPERS ? &t->helper[type][id] : NULL;
  int r;
  if (get(s, &r)) return r;
  return put(s, helper_load_probe(type, (int)id));
}
