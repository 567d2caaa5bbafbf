/* BPF helper calls: which helpers a program calls, and their names. */
#ifndef BPFCOMPAT_VALIDATOR_HELPERS_H
#define BPFCOMPAT_VALIDATOR_HELPERS_H

#include <stddef.h>

struct bpf_insn;

/* Ids above this are ignored (there are 212 helpers; leave room for surprises). */
#define HELPER_ID_LIMIT 1024

/* "map_lookup_elem" for 1; "" for an unknown id. */
const char* helper_name(int id);

/* Collects the distinct helper ids called by `insns`, ascending, into `ids`; returns the count. */
int helpers_used(const struct bpf_insn* insns, size_t cnt, int* ids, int max);

#endif
