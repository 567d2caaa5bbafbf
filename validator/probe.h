/* Facts about the running kernel, reported once in the `hello` record. */
#ifndef BPFCOMPAT_VALIDATOR_PROBE_H
#define BPFCOMPAT_VALIDATOR_PROBE_H

#include "json.h"

struct kernel_facts {
  int btf_vmlinux;
  char lockdown[32];
  int unprivileged_bpf_disabled; /* -1 when the sysctl is absent */
  char lsm[256];
  int bpf_lsm_active;
  long long uptime_ms;
};

void probe_kernel(struct kernel_facts* f);

/* Writes the kernel facts as members of the current object. */
void probe_write(struct jw* w, const struct kernel_facts* f);

#endif
