/* Per-artifact flow. Each stage opens the object afresh: libbpf objects cannot be loaded twice,
 * and an isolated load must not be influenced by what another program's load did. */
#include "artifact.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "attach.h"
#include "btf_cache.h"
#include "clock.h"
#include "elf_scan.h"
#include "helpers.h"
#include "logcap.h"
#include "object_facts.h"
#include "prog_load.h"

#define MAX_HELPERS 256

struct prog_info {
  char *name, *section;
  enum bpf_prog_type type;
  enum bpf_attach_type eat;
  int n_helpers;
  int helpers[MAX_HELPERS];
  struct load_result load;
  struct attach_result attach;
};

static void collect_programs(struct bpf_object* obj, struct prog_info** out, int* n_out) {
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
    /* Subprograms (.text) are appended only at load time: their calls are not seen. */
    pi->n_helpers =
        helpers_used(bpf_program__insns(p), bpf_program__insn_cnt(p), pi->helpers, MAX_HELPERS);
    attach_not_run(&pi->attach);
  }
  *out = v;
  *n_out = n;
}

/* Loads the whole object and, in load_attach mode, attaches each program while all links stay
 * alive; links are destroyed at the end. Fills object_load and each program's attach. */
static void object_load_attach(const char* path, const struct case_opts* o, struct prog_info* v,
                               int n, struct load_result* ol) {
  memset(ol, 0, sizeof(*ol));
  ol->insns = -1;
  logcap_reset();
  struct bpf_object* obj = bpf_object__open_file(path, NULL);
  int err = obj ? bpf_object__load(obj) : -errno;
  tail_copy(ol->libbpf_tail, logcap_tail(), strlen(logcap_tail()), LOGCAP_TAIL);
  ol->ok = err == 0;
  ol->err = -err;
  if (err || !o->load_attach) {
    bpf_object__close(obj);
    return;
  }
  struct attach_env env;
  struct attach_result so;
  int have_so = 0;
  attach_env_init(&env, o->bpf_lsm_active);
  for (int i = 0; i < n; i++) {
    struct bpf_program* p = bpf_object__find_program_by_name(obj, v[i].name);
    if (!p || bpf_program__fd(p) < 0) {
      attach_not_run(&v[i].attach);
      strcpy(v[i].attach.reason, "not loaded by the object (autoload is off)");
      continue;
    }
    if (v[i].type == BPF_PROG_TYPE_STRUCT_OPS) {
      if (!have_so) {
        logcap_reset();
        attach_struct_ops(&env, obj, &so);
        tail_copy(so.libbpf_tail, logcap_tail(), strlen(logcap_tail()), LOGCAP_TAIL);
        have_so = 1;
      }
      v[i].attach = so;
      continue;
    }
    attach_program(&env, p, &v[i].attach);
  }
  attach_env_release(&env);
  bpf_object__close(obj);
}

static void write_program(struct jw* w, const struct prog_info* pi) {
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
  jw_tristate(w, "prog_type_supported", libbpf_probe_bpf_prog_type(pi->type, NULL));
  jw_arr_begin(w, "helpers");
  for (int h = 0; h < pi->n_helpers; h++) {
    jw_obj_begin(w, NULL);
    jw_int(w, "id", pi->helpers[h]);
    jw_str(w, "name", helper_name(pi->helpers[h]));
    jw_tristate(w, "supported",
                libbpf_probe_bpf_helper(pi->type, (enum bpf_func_id)pi->helpers[h], NULL));
    jw_obj_end(w);
  }
  jw_arr_end(w);
  write_load_result(w, "load", &pi->load);
  write_attach_result(w, &pi->attach);
  jw_obj_end(w);
}

void artifact_validate(struct jw* w, const char* name, const char* path, const struct case_opts* o,
                       long long start_ms) {
  int parses_before = btf_cache_parse_count();
  struct elf_sections es;
  elf_scan_sections(path, &es);

  logcap_reset();
  struct bpf_object* obj = bpf_object__open_file(path, NULL);
  int open_err = obj ? 0 : errno;

  jw_obj_begin(w, NULL);
  jw_str(w, "type", "artifact");
  jw_str(w, "name", name);
  jw_str(w, "path", path);
  jw_str(w, "status", "done");
  jw_obj_begin(w, "open");
  jw_bool(w, "ok", obj != NULL);
  jw_int(w, "errno", open_err);
  jw_str(w, "log", logcap_tail());
  jw_obj_end(w);
  jw_bool(w, "btf", es.btf);
  jw_bool(w, "btf_ext", es.btf_ext);

  struct prog_info* v = NULL;
  int n = 0;
  struct load_result ol = {.ok = 0, .err = open_err, .insns = -1};
  if (obj) {
    write_maps(w, obj);
    write_kfuncs(w, path);
    collect_programs(obj, &v, &n);
    bpf_object__close(obj);
    for (int i = 0; i < n; i++) load_isolated(path, v[i].name, &v[i].load);
    object_load_attach(path, o, v, n, &ol);
  } else {
    jw_arr_begin(w, "maps");
    jw_arr_end(w);
    jw_arr_begin(w, "kfuncs");
    jw_arr_end(w);
  }
  jw_arr_begin(w, "programs");
  for (int i = 0; i < n; i++) {
    write_program(w, &v[i]);
    load_result_free(&v[i].load);
    free(v[i].name);
    free(v[i].section);
  }
  jw_arr_end(w);
  free(v);
  jw_obj_begin(w, "object_load");
  jw_bool(w, "ok", ol.ok);
  jw_int(w, "errno", ol.err);
  jw_str(w, "libbpf_tail", ol.libbpf_tail);
  jw_obj_end(w);
  /* Not in the contract: how often this case parsed vmlinux BTF itself (0 with the cache). */
  jw_int(w, "vmlinux_btf_parses", btf_cache_parse_count() - parses_before);
  jw_int(w, "duration_ms", now_ms() - start_ms);
  jw_obj_end(w);
}
