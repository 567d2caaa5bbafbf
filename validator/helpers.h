/* BPF helper calls: which helpers a program calls, their names, and what the verifier's answer
 * to a call means. */
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

/* Reads the verifier's answer to a probe program (call helper; exit): 1 the helper is usable
 * from the program's type, 0 not, -1 undecided (the load failed with no verifier log). The
 * wording changed across kernels, see helpers.c. `log` may be NULL. */
int helper_probe_verdict(int load_ok, const char* log);

#endif
