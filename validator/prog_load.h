/* Loading one program alone (isolated), and the verifier-log helpers shared with artifact.c. */
#ifndef BPFCOMPAT_VALIDATOR_PROG_LOAD_H
#define BPFCOMPAT_VALIDATOR_PROG_LOAD_H

#include "json.h"
#include "logcap.h"

struct bpf_object;

struct load_result {
  int ok;
  int err;             /* positive errno, 0 on success */
  long long insns;     /* "processed N insns", -1 when unknown */
  char* verifier_tail; /* malloc'd, only on failure; NULL otherwise */
  char libbpf_tail[LOGCAP_TAIL + 1];
};

/* Size of the stats-only (log level 4) verifier log of one program. */
#define STATS_LOG_SIZE (64 * 1024)

/* "processed N insns" from a verifier log (the last occurrence), -1 when absent. */
long long parse_insns(const char* log);

/* Fills insns and verifier_tail of a failed load from its verbose (level 1) verifier log. */
void load_result_set_verbose_log(struct load_result* r, const char* log);

/* Opens `path` afresh and loads only the program `prog_name`. */
void load_isolated(const char* path, const char* prog_name, struct load_result* r);

/* Writes `r` as the object member `key`. */
void write_load_result(struct jw* w, const char* key, const struct load_result* r);

void load_result_free(struct load_result* r);

#endif
