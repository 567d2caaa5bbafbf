/* The validation of one artifact, run inside the forked child: open, facts, isolated loads,
 * object load, attach (and, for case plans, fixups and functional tests). Produces the whole
 * `artifact` record. */
#ifndef BPFCOMPAT_VALIDATOR_ARTIFACT_H
#define BPFCOMPAT_VALIDATOR_ARTIFACT_H

#include "json.h"
#include "plan.h"

struct case_opts {
  int bpf_lsm_active;
  int case_timeout_sec;
};

/* Writes the artifact record (status "done") for plan `p` (not of mode command) into `w`.
 * `start_ms` is when the case started (now_ms()), for duration_ms. */
void artifact_validate(struct jw* w, const struct case_plan* p, const struct case_opts* o,
                       long long start_ms);

#endif
