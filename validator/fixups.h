/* A case plan's manifest fixups: map sizes and inner maps, program types, and the variant
 * choices, applied to every open of the case's object (the isolated loads reopen it). */
#ifndef BPFCOMPAT_VALIDATOR_FIXUPS_H
#define BPFCOMPAT_VALIDATOR_FIXUPS_H

#include "json.h"
#include "plan.h"

struct bpf_object;

#define FIXUPS_MAX (PLAN_MAX_ITEMS * 4)

struct fixup_result {
  const char* kind; /* "map", "program_type", "variant", "companion" */
  char target[128];
  int ok;
  char detail[512];
};

struct case_fixups {
  const struct case_plan* plan;
  int n_opens;
  int inner_fds[PLAN_MAX_ITEMS]; /* per plan map: the inner map template, -1 none yet */
  int n_results;
  struct fixup_result results[FIXUPS_MAX];
  int n_disabled;
  const char* disabled[PLAN_MAX_ITEMS]; /* borrowed from the plan */
  const char* disabled_group[PLAN_MAX_ITEMS];
};

/* Makes `f` (for `plan`; NULL: none) what every later fixups_open applies, for this process. */
void fixups_begin(struct case_fixups* f, const struct case_plan* plan);
/* Closes the inner map templates; fixups_open no longer applies anything. */
void fixups_end(struct case_fixups* f);

/* bpf_object__open_file (with the --btf file as btf_custom_path) plus the current fixups (programs
 * disabled by a variant group are not autoloaded). The case's first open records the map, program
 * type and companion results. NULL with errno set when libbpf cannot open the file. */
struct bpf_object* fixups_open(const char* path);

/* The group that disabled program `prog`, or NULL. */
const char* fixups_disabled_by(const char* prog);

void fixups_add(struct case_fixups* f, const char* kind, const char* target, int ok,
                const char* detail);

/* "fixups": [...] and "variant_disabled": [...] */
void fixups_write(struct jw* w, const struct case_fixups* f);

/* variants.c: chooses one program per variant group on `obj` (opened with fixups_open, not
 * loaded), turns the others' autoload off and records them and a `variant` result per group.
 * Trial loads reopen `path`. */
void variants_choose(struct case_fixups* f, struct bpf_object* obj, const char* path);

#endif
