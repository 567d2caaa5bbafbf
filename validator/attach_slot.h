/* Attach points that hold one program at a time, as the validator attaches them. Pure. */
#ifndef BPFCOMPAT_VALIDATOR_ATTACH_SLOT_H
#define BPFCOMPAT_VALIDATOR_ATTACH_SLOT_H

/* The attach point a program of this type holds alone ("xdp on lo", ...), or NULL when several
 * programs may share it (links to cgroups, tcx and netfilter hooks, tracing, sockets of our
 * own). Two programs with the same slot cannot be attached at the same time. */
const char* attach_slot(int prog_type, int expected_attach_type);

#endif
