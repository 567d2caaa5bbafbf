/* Behavior mode's functional tests (run while the case's links are alive) and command cases:
 * running them, judging them against the plan's expectations, and their JSON. */
#ifndef BPFCOMPAT_VALIDATOR_FUNCTIONAL_H
#define BPFCOMPAT_VALIDATOR_FUNCTIONAL_H

#include "json.h"
#include "plan.h"
#include "shell.h"

struct functional {
  int n;
  struct test_run* runs; /* one per plan test, in order */
};

/* Runs every test of `p` in order and judges it. */
void functional_run(struct functional* f, const struct case_plan* p);

/* Records every test of `p` as not run (the load or the attach did not pass). */
void functional_not_run(struct functional* f, const struct case_plan* p);

/* "functional": {"status": ..., "tests": [...]} */
void functional_write(struct jw* w, const struct functional* f);
void functional_free(struct functional* f);

/* The whole `artifact` record of a mode-command case: no libbpf, only the command's run. */
void command_case_validate(struct jw* w, const struct case_plan* p, long long start_ms);

#endif
