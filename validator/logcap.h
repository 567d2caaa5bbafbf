/* Captures libbpf's own messages (libbpf_set_print) so each stage can report their tail. */
#ifndef BPFCOMPAT_VALIDATOR_LOGCAP_H
#define BPFCOMPAT_VALIDATOR_LOGCAP_H

#define LOGCAP_TAIL 4096

void logcap_install(void);
/* Starts a new stage: forgets what was captured so far. */
void logcap_reset(void);
/* The last LOGCAP_TAIL bytes captured since the last reset (NUL-terminated, static). */
const char* logcap_tail(void);

/* Copies the last `max` bytes of `s` (of length `len`) into `out` (size max+1). */
void tail_copy(char* out, const char* s, size_t len, size_t max);

#endif
