/* libbpf message capture. A linear buffer of twice the tail size: when full, the older half is
 * dropped, so the newest LOGCAP_TAIL bytes are always there without a ring's index arithmetic. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "logcap.h"

static char buf[2 * LOGCAP_TAIL + 1];
static size_t len;
static char tail[LOGCAP_TAIL + 1];

void tail_copy(char* out, const char* s, size_t n, size_t max) {
  if (n > max) {
    s += n - max;
    n = max;
  }
  memcpy(out, s, n);
  out[n] = '\0';
}

static void append(const char* s, size_t n) {
  if (n > LOGCAP_TAIL) {
    s += n - LOGCAP_TAIL;
    n = LOGCAP_TAIL;
  }
  if (len + n > 2 * LOGCAP_TAIL) {
    size_t keep = len > LOGCAP_TAIL ? LOGCAP_TAIL : len;
    memmove(buf, buf + len - keep, keep);
    len = keep;
  }
  memcpy(buf + len, s, n);
  len += n;
  buf[len] = '\0';
}

/* Debug messages are skipped: CO-RE relocation chatter would push the actual error out of the
 * 4 KiB tail. */
static int print_fn(enum libbpf_print_level level, const char* fmt, va_list ap) {
  char line[1024];
  if (level == LIBBPF_DEBUG) return 0;
  int n = vsnprintf(line, sizeof(line), fmt, ap);
  if (n < 0) return 0;
  append(line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
  return n;
}

void logcap_install(void) {
  libbpf_set_print(print_fn);
}

void logcap_reset(void) {
  len = 0;
  buf[0] = '\0';
}

const char* logcap_tail(void) {
  tail_copy(tail, buf, len, LOGCAP_TAIL);
  return tail;
}
