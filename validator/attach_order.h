/* Attaching the programs of one object in turn, each alone where it would compete with an
 * earlier one for an attach point that holds one program at a time (protocol: attach.isolated). */
#ifndef BPFCOMPAT_VALIDATOR_ATTACH_ORDER_H
#define BPFCOMPAT_VALIDATOR_ATTACH_ORDER_H

#include "prog_info.h"

/* Attaches v[i] (loaded; v[0..i-1] already went through here) into v[i].attach. */
void attach_in_order(struct attach_env* e, struct prog_info* v, int i);

#endif
