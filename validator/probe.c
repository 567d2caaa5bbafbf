/* Kernel facts from /proc and /sys; absent files mean "feature not there", never an error. */
#include "probe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

/* Reads a small file into `out` without the trailing newline; returns -1 if unreadable. */
static int read_small(const char* path, char* out, size_t size) {
  FILE* f = fopen(path, "r");
  if (!f) return -1;
  size_t n = fread(out, 1, size - 1, f);
  fclose(f);
  out[n] = '\0';
  while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == ' ')) out[--n] = '\0';
  return 0;
}

/* Is `word` one of the comma-separated items of `list`? */
static int list_has(const char* list, const char* word) {
  size_t wl = strlen(word);
  for (const char* p = list; *p;) {
    const char* end = strchr(p, ',');
    size_t n = end ? (size_t)(end - p) : strlen(p);
    if (n == wl && !strncmp(p, word, wl)) return 1;
    if (!end) break;
    p = end + 1;
  }
  return 0;
}

void probe_kernel(struct kernel_facts* f) {
  char tmp[256];
  memset(f, 0, sizeof(*f));
  f->btf_vmlinux = access("/sys/kernel/btf/vmlinux", R_OK) == 0;

  /* "none [integrity] confidentiality": report the bracketed (active) word. */
  if (read_small("/sys/kernel/security/lockdown", tmp, sizeof(tmp)) == 0) {
    char *l = strchr(tmp, '['), *r = l ? strchr(l, ']') : NULL;
    if (l && r && (size_t)(r - l - 1) < sizeof(f->lockdown)) {
      memcpy(f->lockdown, l + 1, (size_t)(r - l - 1));
      f->lockdown[r - l - 1] = '\0';
    }
  }

  f->unprivileged_bpf_disabled = -1;
  if (read_small("/proc/sys/kernel/unprivileged_bpf_disabled", tmp, sizeof(tmp)) == 0)
    f->unprivileged_bpf_disabled = atoi(tmp);

  if (read_small("/sys/kernel/security/lsm", f->lsm, sizeof(f->lsm)) != 0) f->lsm[0] = '\0';
  f->bpf_lsm_active = list_has(f->lsm, "bpf");

  f->uptime_ms = -1;
  if (read_small("/proc/uptime", tmp, sizeof(tmp)) == 0)
    f->uptime_ms = (long long)(strtod(tmp, NULL) * 1000.0);
}

void probe_write(struct jw* w, const struct kernel_facts* f) {
  struct utsname u;
  if (uname(&u) != 0) memset(&u, 0, sizeof(u));
  jw_obj_begin(w, "kernel");
  jw_str(w, "release", u.release);
  jw_str(w, "version", u.version);
  jw_str(w, "machine", u.machine);
  jw_obj_end(w);
  jw_bool(w, "btf_vmlinux", f->btf_vmlinux);
  jw_str(w, "lockdown", f->lockdown);
  jw_int(w, "unprivileged_bpf_disabled", f->unprivileged_bpf_disabled);
  jw_str(w, "lsm", f->lsm);
  jw_bool(w, "bpf_lsm_active", f->bpf_lsm_active);
}
