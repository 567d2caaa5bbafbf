/* libbpf message capture. A linear buffer of twice the tail size: when full, the older half is
 * dropped, so the newest LOGCAP_TAIL bytes are always there without a ring's index arithmetic. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "logcap.h"

static char buf[2 * LOGCAP_TAIL + 1];
static size_t len;
static char tail[LOGCAP_TAIL + 1];
static char* dump; /* the whole message holding libbpf's last verifier log dump */

#define DUMP_BEGIN "-- BEGIN PROG LOAD LOG --\n"
#define DUMP_END "-- END PROG LOAD LOG --\n"

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
/* A verifier log dump is kept whole as well (it is usually longer than a line): the stage that
 * wants it takes it with logcap_take_prog_log; the tail keeps its first line's worth as before. */
static int print_fn(enum libbpf_print_level level, const char* fmt, va_list ap) {
  char line[1024];
  if (level == LIBBPF_DEBUG) return 0;
  va_list full;
  va_copy(full, ap);
  int n = vsnprintf(line, sizeof(line), fmt, ap);
  if (n < 0) {
    va_end(full);
    return 0;
  }
  append(line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
  if (strstr(line, DUMP_BEGIN)) {
    char* m = malloc((size_t)n + 1);
    if (m) {
      vsnprintf(m, (size_t)n + 1, fmt, full);
      free(dump);
      dump = m;
    }
  }
  va_end(full);
  return n;
}

char* logcap_take_prog_log(char* prog, size_t prog_size) {
  if (prog_size) prog[0] = '\0';
  if (!dump) return NULL;
  char* out = NULL;
  /* "libbpf: prog 'NAME': -- BEGIN PROG LOAD LOG --\n<log>-- END PROG LOAD LOG --\n" */
  char* begin = strstr(dump, DUMP_BEGIN);
  char *q1 = strstr(dump, "prog '"), *q2 = q1 ? strstr(q1 + 6, "': ") : NULL;
  if (begin && q1 && q2 && q2 < begin && prog_size) {
    size_t k = (size_t)(q2 - q1 - 6);
    if (k >= prog_size) k = prog_size - 1;
    memcpy(prog, q1 + 6, k);
    prog[k] = '\0';
  }
  if (begin) {
    char* log = begin + strlen(DUMP_BEGIN);
    char *end = NULL, *p = log;
    while ((p = strstr(p, DUMP_END)) != NULL) end = p++; /* the last one: the real end */
    size_t len = end ? (size_t)(end - log) : strlen(log);
    out = malloc(len + 1);
    if (out) {
      memcpy(out, log, len);
      out[len] = '\0';
    }
  }
  free(dump);
  dump = NULL;
  return out;
}

void logcap_install(void) {
  libbpf_set_print(print_fn);
}

void logcap_reset(void) {
  len = 0;
  buf[0] = '\0';
  free(dump);
  dump = NULL;
}

const char* logcap_tail(void) {
  tail_copy(tail, buf, len, LOGCAP_TAIL);
  return tail;
}
