/* Case plan records, one handler per kind. Numbers are strict decimals in range; strings are
 * copied (the plan owns them, plan_free releases them). */
#include "plan_records.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_EMPTY LLONG_MIN
#define U32_MAX 0xffffffffLL

/* Strict decimal in [lo, hi]; "" gives `empty_value`, or an error when that is NO_EMPTY. */
static int num(const char* s, long long lo, long long hi, long long empty_value, long long* out) {
  if (!*s) {
    *out = empty_value;
    return empty_value == NO_EMPTY ? -1 : 0;
  }
  char* end;
  errno = 0;
  long long v = strtoll(s, &end, 10);
  if (errno || *end || v < lo || v > hi) return -1;
  *out = v;
  return 0;
}

static char* dup(const char* s) {
  return strdup(s ? s : "");
}

static const char* const kModes[] = {"load_only", "load_attach", "behavior", "command"};

const char* plan_mode_name(enum case_mode m) {
  return (unsigned)m < 4 ? kModes[m] : "load_attach";
}

static const char* on_name(struct case_plan* p, char* const* f, int* seen_mode) {
  (void)seen_mode;
  if (p->name) return "duplicate 'name' record";
  p->name = dup(f[1]);
  return NULL;
}

static const char* on_artifact(struct case_plan* p, char* const* f, int* seen_mode) {
  (void)seen_mode;
  if (p->artifact) return "duplicate 'artifact' record";
  p->artifact = dup(f[1]);
  return NULL;
}

static const char* on_mode(struct case_plan* p, char* const* f, int* seen_mode) {
  if (*seen_mode) return "duplicate 'mode' record";
  for (int i = 0; i < 4; i++) {
    if (!strcmp(f[1], kModes[i])) {
      p->mode = (enum case_mode)i;
      *seen_mode = 1;
      return NULL;
    }
  }
  return "unknown mode";
}

/* map: name max_entries(N|cpus|"") ringbuf_bytes inner_type key value inner_max_entries
 *      value_size("" = keep) */
static const char* on_map(struct case_plan* p, char* const* f, int* seen_mode) {
  (void)seen_mode;
  if (p->n_maps == PLAN_MAX_ITEMS) return "too many 'map' records";
  struct plan_map* m = &p->maps[p->n_maps];
  long long v[5];
  memset(m, 0, sizeof(*m));
  if (!strcmp(f[2], "cpus"))
    m->max_entries_cpus = 1;
  else if (num(f[2], 1, U32_MAX, -1, &m->max_entries))
    return "bad number in 'map' record";
  m->max_entries = m->max_entries_cpus ? -1 : m->max_entries;
  if (num(f[3], 0, U32_MAX, 0, &v[0]) || num(f[5], 0, U32_MAX, 0, &v[1]) ||
      num(f[6], 0, U32_MAX, 0, &v[2]) || num(f[7], 0, U32_MAX, 0, &v[3]) ||
      num(f[8], 1, U32_MAX, 0, &v[4]))
    return "bad number in 'map' record";
  m->name = dup(f[1]);
  m->inner_ringbuf_bytes = v[0];
  m->inner_type = *f[4] ? dup(f[4]) : NULL;
  m->inner_key_size = (unsigned)v[1];
  m->inner_value_size = (unsigned)v[2];
  m->inner_max_entries = (unsigned)v[3];
  m->value_size = v[4];
  p->n_maps++;
  return NULL;
}

static const char* on_program_type(struct case_plan* p, char* const* f, int* seen_mode) {
  (void)seen_mode;
  if (p->n_types == PLAN_MAX_ITEMS) return "too many 'program_type' records";
  p->types[p->n_types].selector = dup(f[1]);
  p->types[p->n_types++].type = dup(f[2]);
  return NULL;
}

static const char* on_variant(struct case_plan* p, char* const* f, int* seen_mode) {
  (void)seen_mode;
  long long helper, trial;
  if (p->n_variants == PLAN_MAX_ITEMS) return "too many 'variant' records";
  if (num(f[3], 0, 100000, NO_EMPTY, &helper) || num(f[4], 0, 1, NO_EMPTY, &trial))
    return "bad number in 'variant' record";
  struct plan_variant* v = &p->variants[p->n_variants++];
  v->group = dup(f[1]);
  v->program = dup(f[2]);
  v->helper = (int)helper;
  v->trial_load = (int)trial;
  return NULL;
}

static const char* on_attach_optional(struct case_plan* p, char* const* f, int* seen_mode) {
  (void)seen_mode;
  if (p->n_optional == PLAN_MAX_ITEMS) return "too many 'attach_optional' records";
  p->optional[p->n_optional++] = dup(f[1]);
  return NULL;
}

static const char* on_companion(struct case_plan* p, char* const* f, int* seen_mode) {
  (void)seen_mode;
  if (p->n_companions == PLAN_MAX_ITEMS) return "too many 'companion' records";
  p->companions[p->n_companions++] = dup(f[1]);
  return NULL;
}

static const char* on_env(struct case_plan* p, char* const* f, int* seen_mode) {
  (void)seen_mode;
  if (p->n_env == PLAN_MAX_ITEMS) return "too many 'env' records";
  if (!*f[1] || strchr(f[1], '=')) return "bad variable name in 'env' record";
  size_t size = strlen(f[1]) + strlen(f[2]) + 2;
  char* kv = malloc(size);
  if (kv) snprintf(kv, size, "%s=%s", f[1], f[2]);
  p->env[p->n_env++] = kv;
  return NULL;
}

/* test: name required timeout expect_exit expect_stdout expect_stderr command */
static const char* on_test(struct case_plan* p, char* const* f, int* seen_mode) {
  (void)seen_mode;
  long long req, timeout, ex;
  if (p->n_tests == PLAN_MAX_ITEMS) return "too many 'test' records";
  if (num(f[2], 0, 1, NO_EMPTY, &req) || num(f[3], 1, 86400, NO_EMPTY, &timeout) ||
      num(f[4], 0, 255, NO_EMPTY, &ex))
    return "bad number in 'test' record";
  struct plan_test* t = &p->tests[p->n_tests++];
  *t = (struct plan_test){dup(f[1]), (int)req,  (int)timeout, (int)ex,
                          dup(f[5]), dup(f[6]), dup(f[7])};
  return NULL;
}

/* command: expect_exit timeout command */
static const char* on_command(struct case_plan* p, char* const* f, int* seen_mode) {
  (void)seen_mode;
  long long ex, timeout;
  if (p->has_command) return "duplicate 'command' record";
  if (num(f[1], 0, 255, NO_EMPTY, &ex) || num(f[2], 1, 86400, NO_EMPTY, &timeout))
    return "bad number in 'command' record";
  p->command =
      (struct plan_test){dup("command"), 1, (int)timeout, (int)ex, dup(""), dup(""), dup(f[3])};
  p->has_command = 1;
  return NULL;
}

struct kind {
  const char* name;
  int fields; /* the kind included */
  const char* (*apply)(struct case_plan* p, char* const* f, int* seen_mode);
};

static const struct kind kKinds[] = {
    {"name", 2, on_name},
    {"artifact", 2, on_artifact},
    {"mode", 2, on_mode},
    {"map", 9, on_map},
    {"program_type", 3, on_program_type},
    {"variant", 5, on_variant},
    {"companion", 2, on_companion},
    {"attach_optional", 2, on_attach_optional},
    {"env", 3, on_env},
    {"test", 8, on_test},
    {"command", 4, on_command},
};

static const struct kind* find(const char* kind) {
  for (size_t i = 0; i < sizeof(kKinds) / sizeof(kKinds[0]); i++)
    if (!strcmp(kKinds[i].name, kind)) return &kKinds[i];
  return NULL;
}

int plan_record_fields(const char* kind) {
  const struct kind* k = find(kind);
  return k ? k->fields : 0;
}

const char* plan_apply_record(struct case_plan* p, char* const* f, int* seen_mode) {
  const struct kind* k = find(f[0]);
  return k ? k->apply(p, f, seen_mode) : "unknown record kind";
}
