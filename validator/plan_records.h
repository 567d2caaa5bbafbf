/* The record kinds of a case plan and how each fills the plan (plan.c reads the lines). */
#ifndef BPFCOMPAT_VALIDATOR_PLAN_RECORDS_H
#define BPFCOMPAT_VALIDATOR_PLAN_RECORDS_H

#include "plan.h"

#define PLAN_MAX_FIELDS 9

/* How many fields (the kind included) a record of `kind` has; 0 for an unknown kind. */
int plan_record_fields(const char* kind);

/* Applies one record (f[0] is its kind, its field count already checked). `seen_mode` tracks
 * the `mode` record. Returns NULL, or what is wrong with the record. */
const char* plan_apply_record(struct case_plan* p, char* const* f, int* seen_mode);

#endif
