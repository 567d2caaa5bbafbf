/* Static facts of an opened object written into its artifact record: maps and kfuncs. */
#ifndef BPFCOMPAT_VALIDATOR_OBJECT_FACTS_H
#define BPFCOMPAT_VALIDATOR_OBJECT_FACTS_H

#include "json.h"

struct bpf_object;

/* "maps": [...] with libbpf_probe_bpf_map_type() support per map. */
void write_maps(struct jw* w, struct bpf_object* obj);

/* "kfuncs": [...] of the object file at `path`, each looked up in the kernel's BTF. */
void write_kfuncs(struct jw* w, const char* path);

#endif
