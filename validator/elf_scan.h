/* Minimal ELF look-ups that do not need libbpf to accept the file. */
#ifndef BPFCOMPAT_VALIDATOR_ELF_SCAN_H
#define BPFCOMPAT_VALIDATOR_ELF_SCAN_H

struct elf_sections {
  int btf;     /* has .BTF */
  int btf_ext; /* has .BTF.ext */
};

/* Fills `out` (all zero when the file is unreadable or not ELF). */
void elf_scan_sections(const char* path, struct elf_sections* out);

#endif
