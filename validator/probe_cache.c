/* Shared probe results. One byte per question in an anonymous MAP_SHARED mapping made before
 * the first fork: 0 unknown, else the answer + 2 (libbpf answers 1, 0 or a negative error,
 * stored as -1). A case killed while probing leaves the byte at 0 or the full answer. Kernel
 * answers do not change during a run: the validator loads its modules before the first case. */
#include "probe_cache.h"

#include <sys/mman.h>

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

int probe_helper(enum bpf_prog_type type, enum bpf_func_id id) {
  volatile signed char* s =
      t && (unsigned)type < MAX_TYPES && (unsigned)id < MAX_HELPERS ? &t->helper[type][id] : NULL;
  int r;
  if (get(s, &r)) return r;
  return put(s, libbpf_probe_bpf_helper(type, id, NULL));
}
