/* The validation of one artifact, run inside the forked child: open, facts, isolated loads,
 * object load, attach. Produces the whole `artifact` record. */
#ifndef BPFCOMPAT_VALIDATOR_ARTIFACT_H
#define BPFCOMPAT_VALIDATOR_ARTIFACT_H

#include "json.h"

struct case_opts {
  int load_attach;
  int bpf_lsm_active;
  int case_timeout_sec;
};

/* Writes the artifact record (status "done") for `path` into `w`. `start_ms` is when the case
 * started (now_ms()), for duration_ms. */
void artifact_validate(struct jw* w, const char* name, const char* path, const struct case_opts* o,
                       long long start_ms);

#endif
