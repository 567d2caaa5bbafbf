/* Per-program facts and their JSON (protocol: programs[]). */
#include "prog_info.h"

#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "probe_cache.h"

void collect_programs(struct bpf_object* obj, struct prog_info** out, int* n_out) {
  struct bpf_program* p;
  int n = 0;
  bpf_object__for_each_program(p, obj) n++;
  struct prog_info* v = calloc((size_t)(n ? n : 1), sizeof(*v));
  n = 0;
  bpf_object__for_each_program(p, obj) {
    struct prog_info* pi = &v[n++];
    pi->name = strdup(bpf_program__name(p));
    pi->section = strdup(bpf_program__section_name(p));
    pi->type = bpf_program__type(p);
    pi->eat = bpf_program__expected_attach_type(p);
    pi->prog = p;
    pi->autoload = bpf_program__autoload(p);
    /* Subprograms (.text) are appended only at load time: their calls are not seen. */
    pi->n_helpers = helpers_used(bpf_program__insns(p), bpf_program__insn_cnt(p), pi->helpers,
                                 PROG_INFO_MAX_HELPERS);
    attach_not_run(&pi->attach);
  }
  *out = v;
  *n_out = n;
}

void write_program(struct jw* w, const struct prog_info* pi) {
  const char* tn = libbpf_bpf_prog_type_str(pi->type);
  /* attach type 0 is BPF_CGROUP_INET_INGRESS, but for most types it just means "none" */
  const char* an = (pi->eat != 0 || pi->type == BPF_PROG_TYPE_CGROUP_SKB)
                       ? libbpf_bpf_attach_type_str(pi->eat)
                       : "";
  jw_obj_begin(w, NULL);
  jw_str(w, "name", pi->name);
  jw_str(w, "section", pi->section);
  jw_int(w, "type", pi->type);
  jw_str(w, "type_name", tn ? tn : "");
  jw_int(w, "expected_attach_type", pi->eat);
  jw_str(w, "attach_type_name", an ? an : "");
  jw_tristate(w, "prog_type_supported", probe_prog_type(pi->type));
  jw_arr_begin(w, "helpers");
  for (int h = 0; h < pi->n_helpers; h++) {
    jw_obj_begin(w, NULL);
    jw_int(w, "id", pi->helpers[h]);
    jw_str(w, "name", helper_name(pi->helpers[h]));
    jw_tristate(w, "supported", probe_helper(pi->type, (enum bpf_func_id)pi->helpers[h]));
    jw_obj_end(w);
  }
  jw_arr_end(w);
  write_load_result(w, "load", &pi->load);
  write_attach_result(w, &pi->attach);
  jw_obj_end(w);
}

void free_programs(struct prog_info* v, int n) {
  for (int i = 0; i < n; i++) {
    load_result_free(&v[i].load);
    free(v[i].stats_log);
    free(v[i].name);
    free(v[i].section);
  }
  free(v);
}
