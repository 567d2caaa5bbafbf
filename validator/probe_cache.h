/* libbpf's feature probes for the artifact records (prog type, map type, helper support),
 * answered once per boot: the first case that needs an answer asks the kernel, the others
 * read it from memory shared by every forked case. */
#ifndef BPFCOMPAT_VALIDATOR_PROBE_CACHE_H
#define BPFCOMPAT_VALIDATOR_PROBE_CACHE_H

#include <bpf/libbpf.h>

/* Maps the shared table; call in the parent before forking (without it every call probes). */
void probe_cache_init(void);

/* Same results as libbpf_probe_bpf_prog_type/_map_type/_helper (NULL opts). */
int probe_prog_type(enum bpf_prog_type type);
int probe_map_type(enum bpf_map_type type);
int probe_helper(enum bpf_prog_type type, enum bpf_func_id id);

#endif
