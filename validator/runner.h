/* One artifact = one forked child under a watchdog; the parent forwards its record. */
#ifndef BPFCOMPAT_VALIDATOR_RUNNER_H
#define BPFCOMPAT_VALIDATOR_RUNNER_H

#include <stddef.h>

#include "artifact.h"

/* Validates one artifact in a child and writes exactly one `artifact` line to `out_fd`:
 * the child's record, or a `timeout`/`crashed` record made by the parent. */
void run_case(int out_fd, const char* name, const char* path, const struct case_opts* o);

/* write(2) until done; returns 0 or -1. */
int write_all(int fd, const char* buf, size_t len);

#endif
