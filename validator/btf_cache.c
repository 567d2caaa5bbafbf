/* vmlinux BTF cache. libbpf parses the 4-5 MB kernel BTF on every bpf_object__load that needs
 * it (CO-RE, fentry, kfuncs, struct_ops): 60-260 ms each under TCG. The validator is linked with
 *   -Wl,--wrap=btf__load_vmlinux_btf -Wl,--wrap=btf__free
 * so libbpf.o's calls land here: loading returns the BTF parsed once in the parent (inherited by
 * every forked child), and freeing that pointer is a no-op. Only libbpf.o's calls are rewired
 * (--wrap affects undefined references, and btf.o defines both), which is exactly the set that
 * bpf_object__load and bpf_program__set_attach_target use. Module BTFs are split BTFs on top of
 * this base and do not modify it. */
#include "btf_cache.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <linux/btf.h>
#include <unistd.h>

struct btf* __real_btf__load_vmlinux_btf(void);
void __real_btf__free(struct btf* btf);
struct btf* __wrap_btf__load_vmlinux_btf(void);
void __wrap_btf__free(struct btf* btf);

static struct btf* cached;
static int parses;

struct btf* __wrap_btf__load_vmlinux_btf(void) {
  if (cached) return cached;
  parses++;
  return __real_btf__load_vmlinux_btf();
}

void __wrap_btf__free(struct btf* btf) {
  if (btf && btf == cached) return;
  __real_btf__free(btf);
}

int btf_cache_init(void) {
  if (cached) return 0;
  parses++;
  struct btf* b = __real_btf__load_vmlinux_btf();
  if (!b) return -errno;
  cached = b;
  return 0;
}

struct btf* btf_cache_vmlinux(void) {
  return cached;
}

int btf_cache_parse_count(void) {
  return parses;
}

/* Walks the BTF objects the kernel has loaded (vmlinux and modules, 5.11+ for modules). */
static int module_btfs_have_func(const char* name) {
  uint32_t id = 0;
  while (bpf_btf_get_next_id(id, &id) == 0) {
    int fd = bpf_btf_get_fd_by_id(id);
    if (fd < 0) continue;
    char mod_name[64] = "";
    struct bpf_btf_info info;
    uint32_t len = sizeof(info);
    memset(&info, 0, sizeof(info));
    info.name = (uintptr_t)mod_name;
    info.name_len = sizeof(mod_name);
    /* 5.10 has neither module BTF nor the name/kernel_btf fields (E2BIG): skip. */
    int is_module = bpf_obj_get_info_by_fd(fd, &info, &len) == 0 && info.kernel_btf &&
                    strcmp(mod_name, "vmlinux") != 0;
    close(fd);
    if (!is_module) continue; /* vmlinux (already searched) or a program's BTF */
    struct btf* mb = btf__load_from_kernel_by_id_split(id, cached);
    if (!mb) continue;
    int found = btf__find_by_name_kind(mb, name, BTF_KIND_FUNC) > 0;
    btf__free(mb);
    if (found) return 1;
  }
  return 0;
}

int btf_cache_has_func(const char* name) {
  if (!cached) return -1;
  if (btf__find_by_name_kind(cached, name, BTF_KIND_FUNC) > 0) return 1;
  return module_btfs_have_func(name);
}
