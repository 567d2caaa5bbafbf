/* Captures libbpf's own messages (libbpf_set_print) so each stage can report their tail. */
#ifndef BPFCOMPAT_VALIDATOR_LOGCAP_H
#define BPFCOMPAT_VALIDATOR_LOGCAP_H

#define LOGCAP_TAIL 4096

void logcap_install(void);
/* Starts a new stage: forgets what was captured so far. */
void logcap_reset(void);
/* The last LOGCAP_TAIL bytes captured since the last reset (NUL-terminated, static). */
const char* logcap_tail(void);

/* The verifier log libbpf printed with its own "-- BEGIN PROG LOAD LOG --" dump since the last
 * reset (libbpf prints one when a program it loads with log level 0 fails: it retries with log
 * level 1 into its own buffer, grown until the whole log fits). Returns a malloc'd copy of the
 * log (the caller frees it) and stores the program's name in `prog` (size `prog_size`); NULL
 * when there was no dump. Forgets the dump. */
char* logcap_take_prog_log(char* prog, size_t prog_size);

/* Copies the last `max` bytes of `s` (of length `len`) into `out` (size max+1). */
void tail_copy(char* out, const char* s, size_t len, size_t max);

#endif
