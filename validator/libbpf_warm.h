/* libbpf's kernel feature probes, run once per boot in the parent. */
#ifndef BPFCOMPAT_VALIDATOR_LIBBPF_WARM_H
#define BPFCOMPAT_VALIDATOR_LIBBPF_WARM_H

/* Fills libbpf's global feature cache (call before forking). A no-op unless the build's libbpf
 * is one whose feature list is known (BPFCOMPAT_LIBBPF_FEATURES, set by CMakeLists.txt). */
void libbpf_warm_features(void);

#endif
