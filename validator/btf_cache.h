/* Kernel (vmlinux and module) BTF parsed once per boot and shared by every libbpf object of the
 * run. */
#ifndef BPFCOMPAT_VALIDATOR_BTF_CACHE_H
#define BPFCOMPAT_VALIDATOR_BTF_CACHE_H

struct btf;

/* Parses vmlinux BTF, indexes it by name and parses the loaded modules' BTF now (call before
 * forking per artifact, after loading modules). Returns 0, or -errno. */
int btf_cache_init(void);

/* The cached vmlinux BTF, or NULL when the kernel has none or init was not called. */
struct btf* btf_cache_vmlinux(void);

/* How many times vmlinux BTF was really parsed in this process (the cache's effect). */
int btf_cache_parse_count(void);

/* Does the kernel have a BTF function named `name`, in vmlinux or a loaded module's BTF?
 * Returns 1, 0, or -1 when there is no vmlinux BTF to look in. */
int btf_cache_has_func(const char* name);

#endif
