/* Functional tests and command cases. A test passes when its exit code is the expected one and
 * each non-empty expected substring is in the tail of its stdout/stderr; the aggregate fails
 * when a required test did not pass, warns when only optional ones did not. */
#include "functional.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"

#define NOT_RUN_ERROR "load/attach did not pass; functional test was not executed"

static void add_error(struct test_run* r, const char* msg) {
  size_t len = strlen(r->error);
  snprintf(r->error + len, sizeof(r->error) - len, "%s%s", len ? "; " : "", msg);
}

/* Sets status and error from what shell_run reported. */
static void judge(const struct plan_test* t, struct test_run* r) {
  char msg[256];
  if (r->error[0]) { /* could not start */
    r->status = "fail";
    return;
  }
  if (r->timed_out) {
    snprintf(msg, sizeof(msg), "timed out after %d s", t->timeout_sec);
    add_error(r, msg);
  } else if (r->exit_code != t->expect_exit) {
    snprintf(msg, sizeof(msg), "exit %d, expected %d", r->exit_code, t->expect_exit);
    add_error(r, msg);
  }
  if (t->expect_stdout[0] && !strstr(r->out_tail, t->expect_stdout)) {
    snprintf(msg, sizeof(msg), "stdout lacks '%.200s'", t->expect_stdout);
    add_error(r, msg);
  }
  if (t->expect_stderr[0] && !strstr(r->err_tail, t->expect_stderr)) {
    snprintf(msg, sizeof(msg), "stderr lacks '%.200s'", t->expect_stderr);
    add_error(r, msg);
  }
  r->status = r->error[0] ? "fail" : "pass";
}

static void run_one(const struct plan_test* t, const struct case_plan* p, struct test_run* r) {
  memset(r, 0, sizeof(*r));
  r->name = t->name;
  r->required = t->required;
  r->expect_exit = t->expect_exit;
  shell_run(t, p->env, p->n_env, r);
  judge(t, r);
}

static int alloc_runs(struct functional* f, const struct case_plan* p) {
  f->n = 0;
  f->runs = calloc((size_t)(p->n_tests ? p->n_tests : 1), sizeof(*f->runs));
  if (!f->runs) return -1;
  f->n = p->n_tests;
  return 0;
}

void functional_run(struct functional* f, const struct case_plan* p) {
  if (alloc_runs(f, p)) return;
  for (int i = 0; i < f->n; i++) run_one(&p->tests[i], p, &f->runs[i]);
}

void functional_not_run(struct functional* f, const struct case_plan* p) {
  if (alloc_runs(f, p)) return;
  for (int i = 0; i < f->n; i++) {
    struct test_run* r = &f->runs[i];
    r->name = p->tests[i].name;
    r->required = p->tests[i].required;
    r->expect_exit = p->tests[i].expect_exit;
    r->status = "not_run";
    r->exit_code = -1;
    snprintf(r->error, sizeof(r->error), "%s", NOT_RUN_ERROR);
  }
}

static const char* aggregate(const struct functional* f) {
  int required_failed = 0, optional_failed = 0;
  for (int i = 0; i < f->n; i++) {
    if (!strcmp(f->runs[i].status, "pass")) continue;
    if (f->runs[i].required)
      required_failed = 1;
    else
      optional_failed = 1;
  }
  if (f->n == 0) return "skipped";
  return required_failed ? "fail" : optional_failed ? "warn" : "pass";
}

static void write_test_run(struct jw* w, const char* key, const struct test_run* r) {
  jw_obj_begin(w, key);
  jw_str(w, "name", r->name);
  jw_bool(w, "required", r->required);
  jw_str(w, "status", r->status);
  jw_int(w, "exit_code", r->exit_code);
  jw_int(w, "expect_exit", r->expect_exit);
  jw_bool(w, "timed_out", r->timed_out);
  jw_int(w, "duration_ms", r->duration_ms);
  jw_str(w, "stdout_tail", r->out_tail);
  jw_str(w, "stderr_tail", r->err_tail);
  jw_str(w, "error", r->error);
  jw_obj_end(w);
}

void functional_write(struct jw* w, const struct functional* f) {
  jw_obj_begin(w, "functional");
  jw_str(w, "status", aggregate(f));
  jw_arr_begin(w, "tests");
  for (int i = 0; i < f->n; i++) write_test_run(w, NULL, &f->runs[i]);
  jw_arr_end(w);
  jw_obj_end(w);
}

void functional_free(struct functional* f) {
  free(f->runs);
  f->runs = NULL;
  f->n = 0;
}

void command_case_validate(struct jw* w, const struct case_plan* p, long long start_ms) {
  struct test_run* r = calloc(1, sizeof(*r));
  if (r) run_one(&p->command, p, r);
  jw_obj_begin(w, NULL);
  jw_str(w, "type", "artifact");
  jw_bool(w, "case", 1);
  jw_str(w, "name", p->name);
  jw_str(w, "path", p->artifact ? p->artifact : "");
  jw_str(w, "mode", plan_mode_name(p->mode));
  jw_str(w, "status", "done");
  jw_arr_begin(w, "maps");
  jw_arr_end(w);
  jw_arr_begin(w, "kfuncs");
  jw_arr_end(w);
  jw_arr_begin(w, "programs");
  jw_arr_end(w);
  jw_arr_begin(w, "fixups");
  jw_arr_end(w);
  jw_arr_begin(w, "variant_disabled");
  jw_arr_end(w);
  if (r) write_test_run(w, "command", r);
  jw_int(w, "duration_ms", now_ms() - start_ms);
  jw_obj_end(w);
  free(r);
}
