/* Reads section names with libelf directly: `btf`/`btf_ext` must be reported even when libbpf
 * refuses the object, and libbpf has no public accessor for .BTF.ext. */
#include "elf_scan.h"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <string.h>
#include <unistd.h>

void elf_scan_sections(const char* path, struct elf_sections* out) {
  memset(out, 0, sizeof(*out));
  if (elf_version(EV_CURRENT) == EV_NONE) return;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  Elf* e = elf_begin(fd, ELF_C_READ, NULL);
  size_t shstrndx;
  if (e && elf_kind(e) == ELF_K_ELF && elf_getshdrstrndx(e, &shstrndx) == 0) {
    Elf_Scn* scn = NULL;
    while ((scn = elf_nextscn(e, scn)) != NULL) {
      GElf_Shdr sh;
      if (!gelf_getshdr(scn, &sh)) continue;
      const char* name = elf_strptr(e, shstrndx, sh.sh_name);
      if (!name) continue;
      if (!strcmp(name, ".BTF"))
        out->btf = 1;
      else if (!strcmp(name, ".BTF.ext"))
        out->btf_ext = 1;
    }
  }
  if (e) elf_end(e);
  close(fd);
}
