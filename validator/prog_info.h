/* What a case knows about each program of its object: static facts from the open, then the
 * load and attach results; and the program's JSON in the artifact record. */
#ifndef BPFCOMPAT_VALIDATOR_PROG_INFO_H
#define BPFCOMPAT_VALIDATOR_PROG_INFO_H

#include <bpf/libbpf.h>

#include "attach.h"
#include "json.h"
#include "prog_load.h"

#define PROG_INFO_MAX_HELPERS 256

struct prog_info {
  char *name, *section;
  enum bpf_prog_type type;
  enum bpf_attach_type eat;
  struct bpf_program* prog; /* in the artifact's object (open until the end of the case) */
  int autoload;             /* as opened (and after the variant choice): the object load loads it */
  char* stats_log;          /* its level-4 log in the object load */
  int n_helpers;
  int helpers[PROG_INFO_MAX_HELPERS];
  struct load_result load;
  struct attach_result attach;
};

/* One prog_info per program of `obj` (calloc'd array in *out, count in *n_out). */
void collect_programs(struct bpf_object* obj, struct prog_info** out, int* n_out);

/* Writes the program object into the current array of `w`. */
void write_program(struct jw* w, const struct prog_info* pi);

/* Frees what the array owns, and the array. */
void free_programs(struct prog_info* v, int n);

#endif
