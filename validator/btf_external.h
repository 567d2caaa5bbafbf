/* External vmlinux BTF (`--btf PATH`, handed to libbpf as btf_custom_path on every open) and the
 * test knob that hides the kernel's own BTF (`bpfcompat.hide_btf=1` on the kernel command line). */
#ifndef BPFCOMPAT_VALIDATOR_BTF_EXTERNAL_H
#define BPFCOMPAT_VALIDATOR_BTF_EXTERNAL_H

/* The path given with --btf (NULL: none); fixups_open passes it to bpf_object__open_file. */
void btf_external_set(const char* path);
const char* btf_external_path(void);

/* Does this kernel command line have the word `bpfcompat.hide_btf=1`? Pure. */
int btf_cmdline_hides(const char* cmdline);

/* When /proc/cmdline has the word `bpfcompat.hide_btf=1`: mounts an empty tmpfs over
 * /sys/kernel/btf, so that libbpf and the hello record see a kernel without BTF. PID 1 only (a
 * disposable guest). Returns 1 when hidden, 0 when not asked, -errno when the mount failed. */
int btf_hide_if_asked(void);

#endif
