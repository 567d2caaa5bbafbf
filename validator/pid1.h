/* What the validator does when it is the kernel's /init: set up a minimal system, power off. */
#ifndef BPFCOMPAT_VALIDATOR_PID1_H
#define BPFCOMPAT_VALIDATOR_PID1_H

#include "json.h"

/* Mounts the pseudo file systems, gives PID 1 a console for stdio and brings `lo` up. */
void pid1_setup(void);

/* When /bin/busybox exists: makes /bin /sbin /usr/bin /usr/sbin and installs its applets as
 * symlinks (/bin/sh, ...). Sets PATH either way. For the shell commands of case plans. */
void pid1_install_busybox(void);

/* Opens a serial port in raw mode for output; returns the fd or -1. */
int open_serial_raw(const char* path);

/* Loads each module with finit_module, in order, writing one JSON object per module into the
 * current array of `w`. EEXIST (already loaded or built in) counts as success. */
void load_modules(struct jw* w, const char* const* paths, int n);

/* Raises RLIMIT_MEMLOCK to infinity (kernels before 5.11 charge BPF memory to it). */
void raise_memlock(void);

/* Drains `fd`, syncs and powers off. Never returns. */
void power_off(int fd) __attribute__((noreturn));

#endif
