/* Feature probes for the artifact records (prog type, map type, helper support),
 * answered once per boot: the first case that needs an answer asks the kernel, the others
 * read it from memory shared by every forked case. */
#ifndef BPFCOMPAT_VALIDATOR_PROBE_CACHE_H
#define BPFCOMPAT_VALIDATOR_PROBE_CACHE_H

#include <bpf/libbpf.h>

/* Maps the shared table; call in the parent before forking (without it every call probes). */
void probe_cache_init(void);

/* Same results as libbpf_probe_bpf_prog_type/_map_type (NULL opts): 1, 0 or a negative error. */
int probe_prog_type(enum bpf_prog_type type);
int probe_map_type(enum bpf_map_type type);
/* 1 if a `type` program may call helper `id`, 0 if not, negative when undecidable: our own
 * probe, which reads every kernel's wording (libbpf_probe_bpf_helper is wrong on 6.2+). */
int probe_helper(enum bpf_prog_type type, enum bpf_func_id id);

#endif
