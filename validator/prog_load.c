/* Isolated program load. The first attempt asks the verifier only for statistics (log level 4:
 * cheap, gives "processed N insns"); only a failure pays for a second, verbose attempt (level 1,
 * 8 MiB) whose tail explains the rejection. Kernels before 6.4 truncate a full log at the end,
 * so the buffer is large enough for the tail to be the real end of the log. artifact.c calls
 * this only for programs the whole-object load cannot speak for (see there). */
#include "prog_load.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "fixups.h"

#define VERBOSE_LOG_SIZE (8 * 1024 * 1024)

long long parse_insns(const char* log) {
  const char *p = log, *hit = NULL;
  /* the last occurrence: a verbose log may quote earlier numbers */
  while ((p = strstr(p, "processed ")) != NULL) {
    hit = p;
    p++;
  }
  if (!hit) return -1;
  char* end;
  long long n = strtoll(hit + strlen("processed "), &end, 10);
  return (end != hit + strlen("processed ") && !strncmp(end, " insns", 6)) ? n : -1;
}

/* One attempt: open, keep only `prog_name`, load with the given log level. Returns 0 or -errno;
 * -ENOENT (with `*found` = 0) when the program is not in this open. */
static int attempt(const char* path, const char* prog_name, char* log, size_t log_size,
                   unsigned level, int* found) {
  *found = 0;
  struct bpf_object* obj = fixups_open(path); /* the case's manifest fixups, if any */
  if (!obj) return -errno;
  struct bpf_program* p;
  bpf_object__for_each_program(p, obj) {
    int mine = !strcmp(bpf_program__name(p), prog_name);
    bpf_program__set_autoload(p, mine);
    if (mine) {
      *found = 1;
      log[0] = '\0';
      bpf_program__set_log_buf(p, log, log_size);
      bpf_program__set_log_level(p, level);
    }
  }
  int err = *found ? bpf_object__load(obj) : -ENOENT;
  bpf_object__close(obj);
  return err;
}

void load_isolated(const char* path, const char* prog_name, struct load_result* r) {
  memset(r, 0, sizeof(*r));
  r->insns = -1;
  char* log = calloc(1, STATS_LOG_SIZE);
  int found;
  logcap_reset();
  int err = log ? attempt(path, prog_name, log, STATS_LOG_SIZE, 4, &found) : -ENOMEM;
  tail_copy(r->libbpf_tail, logcap_tail(), strlen(logcap_tail()), LOGCAP_TAIL);
  if (err == 0) {
    r->ok = 1;
    r->insns = parse_insns(log);
    free(log);
    return;
  }
  r->err = -err;
  free(log);

  char* big = malloc(VERBOSE_LOG_SIZE);
  if (!big) return;
  big[0] = '\0';
  attempt(path, prog_name, big, VERBOSE_LOG_SIZE, 1, &found);
  big[VERBOSE_LOG_SIZE - 1] = '\0';
  load_result_set_verbose_log(r, big);
  free(big);
}

void load_result_set_verbose_log(struct load_result* r, const char* log) {
  r->insns = parse_insns(log);
  free(r->verifier_tail);
  r->verifier_tail = malloc(LOGCAP_TAIL + 1);
  if (r->verifier_tail) tail_copy(r->verifier_tail, log, strlen(log), LOGCAP_TAIL);
}

void write_load_result(struct jw* w, const char* key, const struct load_result* r) {
  jw_obj_begin(w, key);
  jw_bool(w, "ok", r->ok);
  jw_int(w, "errno", r->err);
  jw_int(w, "insns_processed", r->insns);
  jw_str(w, "verifier_tail", r->verifier_tail ? r->verifier_tail : "");
  jw_str(w, "libbpf_tail", r->libbpf_tail);
  jw_obj_end(w);
}

void load_result_free(struct load_result* r) {
  free(r->verifier_tail);
  r->verifier_tail = NULL;
}
