/* A tiny JSON writer into a growable memory buffer; one record is built, then written as a line. */
#ifndef BPFCOMPAT_VALIDATOR_JSON_H
#define BPFCOMPAT_VALIDATOR_JSON_H

#include <stddef.h>

#define JW_MAX_DEPTH 16

struct jw {
  char* buf;
  size_t len, cap;
  int depth;
  int first[JW_MAX_DEPTH]; /* no member written yet at this depth */
  int oom;                 /* an allocation failed: the buffer is truncated */
};

void jw_init(struct jw* w);
void jw_free(struct jw* w);

/* `key` is the member name inside an object, NULL inside an array. */
void jw_obj_begin(struct jw* w, const char* key);
void jw_obj_end(struct jw* w);
void jw_arr_begin(struct jw* w, const char* key);
void jw_arr_end(struct jw* w);
void jw_str(struct jw* w, const char* key, const char* val); /* NULL writes "" */
void jw_int(struct jw* w, const char* key, long long val);
void jw_bool(struct jw* w, const char* key, int val);
void jw_null(struct jw* w, const char* key);
/* tri-state: 1 true, 0 false, anything else null (libbpf probes return <0 when unknown). */
void jw_tristate(struct jw* w, const char* key, int val);

/* Appends "\n" and returns the line (owned by `w`). */
const char* jw_line(struct jw* w, size_t* len);

#endif
