/* Whether ftrace can patch a kernel function: what a BPF trampoline (fentry, fexit, fmod_ret)
 * needs besides the function's BTF. */
#ifndef BPFCOMPAT_VALIDATOR_FTRACE_FUNCS_H
#define BPFCOMPAT_VALIDATOR_FTRACE_FUNCS_H

/* 1 when `func` is listed in /sys/kernel/tracing/available_filter_functions (tracefs is mounted
 * there when it is not yet), 0 when it is not, -1 when the list cannot be read. */
int ftrace_traceable(const char* func);

/* The function a trampoline section names: "fentry/vfs_read" -> "vfs_read" (NULL: none). */
const char* trampoline_target(const char* section);

#endif
