/* libbpf probes kernel features lazily (a map create or a tiny program load each) and keeps the
 * answers in a process-wide cache, so every forked case used to probe again whatever its load
 * and attach needed: 10-30 ms per case under TCG. Probing them once in the parent, before the
 * first fork, gives every case the same answers (same kernel, same boot, same credentials)
 * without the syscalls.
 *
 * The probe entry point, feat_supported(), is internal to libbpf (features.c; a global symbol of
 * the static archive) and the list of features is internal too (enum kern_feature_id in
 * libbpf_internal.h), so this is compiled only for the libbpf versions whose list was checked:
 * CMakeLists.txt sets BPFCOMPAT_LIBBPF_FEATURES for them. The syscall-wrapper probe is left out:
 * it creates a kprobe (~75 ms) and only ksyscall programs need its answer. */
#include "libbpf_warm.h"

#include <stddef.h>

#ifdef BPFCOMPAT_LIBBPF_FEATURES
struct kern_feature_cache;
_Bool feat_supported(struct kern_feature_cache* cache, int feat_id);

#define FEAT_SYSCALL_WRAPPER 18 /* libbpf 1.4 */

void libbpf_warm_features(void) {
  for (int id = 0; id < BPFCOMPAT_LIBBPF_FEATURES; id++)
    if (id != FEAT_SYSCALL_WRAPPER) feat_supported(NULL, id);
}
#else
void libbpf_warm_features(void) {}
#endif
