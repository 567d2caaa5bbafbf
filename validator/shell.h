/* Running one shell command for a functional test or a command case: its own session, a clean
 * environment, a timeout that kills its whole process group, and the tails of its output. */
#ifndef BPFCOMPAT_VALIDATOR_SHELL_H
#define BPFCOMPAT_VALIDATOR_SHELL_H

#include "plan.h"

#define SHELL_TAIL 4096
#define SHELL_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

struct test_run {
  const char* name; /* borrowed from the plan */
  int required;
  const char* status; /* "pass", "fail", "not_run" */
  int exit_code;      /* 124 on timeout, 128+N when killed by signal N, -1 not run */
  int expect_exit;
  int timed_out;
  long long duration_ms;
  char out_tail[SHELL_TAIL + 1];
  char err_tail[SHELL_TAIL + 1];
  char error[512];
};

/* Runs `t->command` as `/bin/sh -c` with PATH=SHELL_PATH plus `env` ("NAME=VALUE", later ones
 * win), stdin /dev/null, and fills exit_code, timed_out, duration_ms and the tails of `r`
 * (`error` only when the command could not be started: no /bin/sh, fork failed). Blocks for at
 * most t->timeout_sec (+ a short drain). Every process of the command's group is killed when
 * it ends. */
void shell_run(const struct plan_test* t, char* const* env, int n_env, struct test_run* r);

#endif
