/* Minimal kernel types for the shipped examples, instead of a vmlinux.h generated from the
 * build machine's kernel. Kernel structs carry preserve_access_index, so every field access is a
 * CO-RE relocation that libbpf resolves against the target kernel's BTF at load time. */
#ifndef BPFCOMPAT_TYPES_H
#define BPFCOMPAT_TYPES_H

#include <linux/types.h>
#include <linux/bpf.h> /* uapi contexts: struct xdp_md, struct __sk_buff, map and prog enums */

/* Constants newer than bookworm's uapi <linux/bpf.h> (6.1); values from upstream
 * include/uapi/linux/bpf.h. */
enum {
	BPFCOMPAT_MAP_TYPE_ARENA = 33, /* BPF_MAP_TYPE_ARENA, 6.9 */
};
enum {
	BPFCOMPAT_TCX_NEXT = -1, /* enum tcx_action_base, 6.6 */
	BPFCOMPAT_TCX_PASS = 0,
	BPFCOMPAT_TCX_DROP = 2,
};

#ifndef NULL
#define NULL ((void *)0)
#endif
typedef _Bool bool;

#pragma clang attribute push(__attribute__((preserve_access_index)), apply_to = record)

/* Only passed through, never dereferenced by the examples. */
struct pt_regs;
struct file;
struct filename;
struct seq_file;

/* __state is 5.14+ (was `long state`); read it through task_struct___pre514 when absent. */
struct task_struct {
	int pid;
	int tgid;
	unsigned int __state;
};

struct bpf_iter_meta {
	struct seq_file *seq;
	__u64 session_id;
	__u64 seq_num;
};

struct bpf_iter__task {
	struct bpf_iter_meta *meta;
	struct task_struct *task;
};

struct nf_hook_state;
struct sk_buff;
struct bpf_nf_ctx {
	const struct nf_hook_state *state;
	struct sk_buff *skb;
};

#pragma clang attribute pop

/* Opaque state of the open-coded numeric iterator (6.4); bpf_helpers.h only forward-declares it
 * and declares the bpf_iter_num_{new,next,destroy} kfuncs. */
struct bpf_iter_num {
	__u64 __opaque[1];
} __attribute__((aligned(8)));

#endif /* BPFCOMPAT_TYPES_H */
