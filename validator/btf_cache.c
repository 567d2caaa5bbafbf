/* Kernel BTF cache. libbpf parses the 4-5 MB kernel BTF on every bpf_object__load that needs
 * it (CO-RE, fentry, kfuncs, struct_ops): 60-260 ms each under TCG. The validator is linked with
 *   -Wl,--wrap=btf__load_vmlinux_btf -Wl,--wrap=btf__free
 *   -Wl,--wrap=btf_get_from_fd -Wl,--wrap=btf__find_by_name_kind
 * so libbpf.o's calls land here: loading returns the BTF parsed once in the parent (inherited by
 * every forked child), and freeing that pointer is a no-op. Only libbpf.o's (and our own) calls
 * are rewired (--wrap affects undefined references, and btf.o defines all four), which is the set
 * that bpf_object__load and bpf_program__set_attach_target use. Module BTFs are split BTFs on
 * top of this base and do not modify it; they are parsed once too (see __wrap_btf_get_from_fd),
 * and name lookups use an index (see __wrap_btf__find_by_name_kind). btf_get_from_fd is
 * libbpf-internal: a libbpf without it fails to link rather than silently losing the cache. */
#include "btf_cache.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <linux/btf.h>
#include <unistd.h>

struct btf* __real_btf__load_vmlinux_btf(void);
void __real_btf__free(struct btf* btf);
struct btf* __real_btf_get_from_fd(int btf_fd, struct btf* base_btf);
struct btf* __wrap_btf__load_vmlinux_btf(void);
void __wrap_btf__free(struct btf* btf);
struct btf* __wrap_btf_get_from_fd(int btf_fd, struct btf* base_btf);

#define MAX_MODULE_BTFS 64

struct module_btf {
  uint32_t id;
  struct btf* btf;
};

static struct btf* cached;
static int parses;
static struct module_btf modules[MAX_MODULE_BTFS];
static int n_modules;

struct btf* __wrap_btf__load_vmlinux_btf(void) {
  if (cached) return cached;
  parses++;
  return __real_btf__load_vmlinux_btf();
}

static int is_cached(const struct btf* btf) {
  if (btf == cached) return 1;
  for (int i = 0; i < n_modules; i++)
    if (modules[i].btf == btf) return 1;
  return 0;
}

void __wrap_btf__free(struct btf* btf) {
  if (btf && is_cached(btf)) return;
  __real_btf__free(btf);
}

/* Kernel BTF object info: 0 and `*id`, `*name` (size 64) filled; -1 on error. A kernel without
 * the name/kernel_btf fields (5.10: E2BIG) has no module BTF: reported as not a kernel BTF. */
static int btf_info(int fd, uint32_t* id, char* name, int* kernel_btf) {
  struct bpf_btf_info info;
  uint32_t len = sizeof(info);
  memset(&info, 0, sizeof(info));
  name[0] = '\0';
  info.name = (uintptr_t)name;
  info.name_len = 64;
  if (bpf_obj_get_info_by_fd(fd, &info, &len) != 0) return -1;
  *id = info.id;
  *kernel_btf = info.kernel_btf;
  return 0;
}

/* libbpf.o's only call of btf_get_from_fd is its walk of the kernel's module BTFs (kfuncs,
 * CO-RE candidates and attach targets in modules): every object load that needs them would
 * parse each module's BTF again. Hand out the copy parsed once per boot instead. */
struct btf* __wrap_btf_get_from_fd(int btf_fd, struct btf* base_btf) {
  if (cached && base_btf == cached && n_modules > 0) {
    uint32_t id;
    char name[64];
    int kernel_btf;
    if (btf_info(btf_fd, &id, name, &kernel_btf) == 0)
      for (int i = 0; i < n_modules; i++)
        if (modules[i].id == id) return modules[i].btf;
  }
  return __real_btf_get_from_fd(btf_fd, base_btf);
}

/* The BTF of every loaded module (5.11+), split on the vmlinux BTF. vmlinux itself and program
 * BTFs are recognised by their info before anything is read. Modules loaded later are not
 * cached: lookups then fall back to the kernel (libbpf's own walk, which is wrapped above only
 * for cached ids). */
static void load_module_btfs(void) {
  uint32_t id = 0;
  while (n_modules < MAX_MODULE_BTFS && bpf_btf_get_next_id(id, &id) == 0) {
    int fd = bpf_btf_get_fd_by_id(id);
    if (fd < 0) continue;
    uint32_t info_id;
    char name[64];
    int kernel_btf = 0;
    int module = btf_info(fd, &info_id, name, &kernel_btf) == 0 && kernel_btf &&
                 strcmp(name, "vmlinux") != 0;
    close(fd);
    if (!module) continue;
    struct btf* mb = btf__load_from_kernel_by_id_split(id, cached);
    if (!mb) continue;
    modules[n_modules].id = id;
    modules[n_modules].btf = mb;
    n_modules++;
  }
}

/* Name index of the cached vmlinux BTF. libbpf looks kernel types up by name with a linear scan
 * over all of vmlinux (100-150k types: 3-15 ms each under TCG), for every kfunc, attach target
 * (fentry, iter, tp_btf, lsm...) and struct_ops type, in every load, and also over vmlinux
 * again when it searches a module's split BTF. With
 *   -Wl,--wrap=btf__find_by_name_kind
 * libbpf.o's lookups in the cached BTF (or in a split BTF on top of it) use this index instead:
 * an open-addressing table of the lowest type id for each (name, kind), which is exactly what
 * the scan returns. */
static uint32_t* index_ids; /* 0: empty slot */
static uint32_t index_mask;

static uint32_t name_hash(const char* s, uint32_t kind) {
  uint32_t h = 2166136261u ^ kind;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

static void build_index(void) {
  uint32_t n = btf__type_cnt(cached), size = 1024;
  while (size < 2 * n) size <<= 1;
  index_ids = calloc(size, sizeof(*index_ids));
  if (!index_ids) return;
  index_mask = size - 1;
  for (uint32_t id = 1; id < n; id++) {
    const struct btf_type* t = btf__type_by_id(cached, id);
    if (!t || t->name_off == 0) continue; /* anonymous: "" is looked up by the real scan */
    const char* name = btf__name_by_offset(cached, t->name_off);
    if (!name) continue;
    uint32_t kind = btf_kind(t);
    for (uint32_t i = name_hash(name, kind) & index_mask;; i = (i + 1) & index_mask) {
      uint32_t o = index_ids[i];
      if (o == 0) {
        index_ids[i] = id;
        break;
      }
      const struct btf_type* ot = btf__type_by_id(cached, o);
      if (btf_kind(ot) == kind && !strcmp(btf__name_by_offset(cached, ot->name_off), name))
        break; /* a lower id has this name and kind already */
    }
  }
}

static uint32_t index_find(const char* name, uint32_t kind) {
  for (uint32_t i = name_hash(name, kind) & index_mask;; i = (i + 1) & index_mask) {
    uint32_t o = index_ids[i];
    if (o == 0) return 0;
    const struct btf_type* ot = btf__type_by_id(cached, o);
    if (btf_kind(ot) == kind && !strcmp(btf__name_by_offset(cached, ot->name_off), name)) return o;
  }
}

__s32 __real_btf__find_by_name_kind(const struct btf* btf, const char* name, __u32 kind);
__s32 __wrap_btf__find_by_name_kind(const struct btf* btf, const char* name, __u32 kind);

__s32 __wrap_btf__find_by_name_kind(const struct btf* btf, const char* name, __u32 kind) {
  if (!index_ids || !btf || !name || !name[0] || kind == BTF_KIND_UNKN || !strcmp(name, "void"))
    return __real_btf__find_by_name_kind(btf, name, kind);
  int split = btf != cached;
  if (split && btf__base_btf(btf) != cached) return __real_btf__find_by_name_kind(btf, name, kind);
  uint32_t id = index_find(name, kind);
  if (id) return (__s32)id;
  if (split) { /* then the split BTF's own types, in order */
    for (uint32_t i = btf__type_cnt(cached), n = btf__type_cnt(btf); i < n; i++) {
      const struct btf_type* t = btf__type_by_id(btf, i);
      const char* tn = btf_kind(t) == kind ? btf__name_by_offset(btf, t->name_off) : NULL;
      if (tn && !strcmp(tn, name)) return (__s32)i;
    }
  }
  errno = ENOENT;
  return -ENOENT;
}

int btf_cache_init(void) {
  if (cached) return 0;
  parses++;
  struct btf* b = __real_btf__load_vmlinux_btf();
  if (!b) return -errno;
  cached = b;
  build_index();
  load_module_btfs();
  return 0;
}

struct btf* btf_cache_vmlinux(void) {
  return cached;
}

int btf_cache_parse_count(void) {
  return parses;
}

/* A split BTF's own types only: its base (vmlinux) was searched already. */
static int has_own_func(const struct btf* b, const char* name) {
  unsigned first = btf__type_cnt(btf__base_btf(b)), n = btf__type_cnt(b);
  for (unsigned id = first; id < n; id++) {
    const struct btf_type* t = btf__type_by_id(b, id);
    if (t && btf_is_func(t) && !strcmp(btf__name_by_offset(b, t->name_off), name)) return 1;
  }
  return 0;
}

int btf_cache_has_func(const char* name) {
  if (!cached) return -1;
  if (btf__find_by_name_kind(cached, name, BTF_KIND_FUNC) > 0) return 1;
  for (int i = 0; i < n_modules; i++)
    if (has_own_func(modules[i].btf, name)) return 1;
  return 0;
}
