// A legacy loader's object: one program in a section that names no program type (the loader sets
// the type in code), next to one whose section does.
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>

SEC("my_filter")
int legacy_filter(void *ctx)
{
	return 0;
}

SEC("socket")
int typed_filter(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
