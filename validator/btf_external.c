/* External BTF and the hide_btf test knob (see btf_external.h). */
#include "btf_external.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#define HIDE_BTF_WORD "bpfcompat.hide_btf=1"

static const char* external;

void btf_external_set(const char* path) {
  external = path;
}

const char* btf_external_path(void) {
  return external;
}

int btf_cmdline_hides(const char* cmdline) {
  size_t wl = strlen(HIDE_BTF_WORD);
  for (const char* p = cmdline; (p = strstr(p, HIDE_BTF_WORD)) != NULL; p += wl) {
    int starts = p == cmdline || p[-1] == ' ';
    int ends = p[wl] == '\0' || p[wl] == ' ' || p[wl] == '\n';
    if (starts && ends) return 1;
  }
  return 0;
}

static int cmdline_asks_to_hide(void) {
  char buf[4096];
  int fd = open("/proc/cmdline", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  ssize_t n = read(fd, buf, sizeof(buf) - 1);
  close(fd);
  if (n <= 0) return 0;
  buf[n] = '\0';
  return btf_cmdline_hides(buf);
}

int btf_hide_if_asked(void) {
  if (!cmdline_asks_to_hide()) return 0;
  /* /sys/kernel/btf exists only on kernels with BTF; without it there is nothing to hide. */
  if (access("/sys/kernel/btf", F_OK) != 0) return 1;
  if (mount("tmpfs", "/sys/kernel/btf", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4k") != 0)
    return -errno;
  return 1;
}
