/* One case = one forked child under a watchdog; the parent forwards its record. */
#ifndef BPFCOMPAT_VALIDATOR_RUNNER_H
#define BPFCOMPAT_VALIDATOR_RUNNER_H

#include <stddef.h>

#include "artifact.h"
#include "plan.h"

/* Validates one case in a child and writes exactly one `artifact` line to `out_fd`: the child's
 * record, or a `timeout`/`crashed` record made by the parent. The watchdog is --case-timeout
 * plus the case's test or command timeouts. */
void run_case(int out_fd, const struct case_plan* p, const struct case_opts* o);

/* The record of a case whose plan could not be read (status "error"). */
void write_plan_error(int out_fd, const char* name, const char* path, const char* error);

/* write(2) until done; returns 0 or -1. */
int write_all(int fd, const char* buf, size_t len);

#endif
