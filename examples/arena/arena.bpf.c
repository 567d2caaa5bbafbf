// BPF_MAP_TYPE_ARENA (6.9) with the bpf_arena_alloc_pages/free_pages kfuncs from a sleepable
// iterator: map creation fails on 5.10 and 6.1, passes on 6.12 and 7.x. Built without __arena
// address-space pointers (clang 14 has no BPF address-space casts); the kernel only sees kfunc
// calls on the arena map.
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPFCOMPAT_MAP_TYPE_ARENA);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 1); /* pages; map_extra (user address) left to the kernel */
} arena SEC(".maps");

/* Weak: a kernel without arenas reports the map type, not a missing kfunc. */
extern void *bpf_arena_alloc_pages(void *map, void *addr, __u32 page_cnt, int node_id,
				   __u64 flags) __ksym __weak;
extern void bpf_arena_free_pages(void *map, void *ptr, __u32 page_cnt) __ksym __weak;

__u64 pages_allocated = 0;

/* The arena kfuncs are sleepable up to at least 6.12, hence a sleepable iterator; it must be a
 * target that can reschedule (task, not bpf_map: that link attach is EINVAL). Runs once per task. */
SEC("iter.s/task")
int touch_arena(struct bpf_iter__task *ctx)
{
	void *page;

	if (!ctx->task)
		return 0;
	page = bpf_arena_alloc_pages(&arena, NULL, 1, -1 /* NUMA_NO_NODE */, 0);
	if (!page)
		return 0;
	pages_allocated++;
	bpf_arena_free_pages(&arena, page, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
