/* Per-artifact flow: one open gives the facts and is then loaded whole (and attached); isolated
 * loads (each a fresh open: libbpf objects cannot be loaded twice) only where that load cannot
 * speak for a program. See load_and_attach. */
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
#include "probe_cache.h"
#include "prog_load.h"

#define MAX_HELPERS 256

struct prog_info {
  char *name, *section;
  enum bpf_prog_type type;
  enum bpf_attach_type eat;
  struct bpf_program* prog; /* in the artifact's object (open until the end of the case) */
  int autoload;             /* as opened: the object load loads it */
  char* stats_log;          /* its level-4 log in the object load */
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
    pi->prog = p;
    pi->autoload = bpf_program__autoload(p);
    /* Subprograms (.text) are appended only at load time: their calls are not seen. */
    pi->n_helpers =
        helpers_used(bpf_program__insns(p), bpf_program__insn_cnt(p), pi->helpers, MAX_HELPERS);
    attach_not_run(&pi->attach);
  }
  *out = v;
  *n_out = n;
}

/* Attaches each program of the loaded object while all links stay alive; links are destroyed
 * at the end. */
static void attach_all(struct bpf_object* obj, const struct case_opts* o, struct prog_info* v,
                       int n) {
  struct attach_env env;
  struct attach_result so;
  int have_so = 0;
  attach_env_init(&env, o->bpf_lsm_active);
  for (int i = 0; i < n; i++) {
    struct bpf_program* p = v[i].prog;
    if (bpf_program__fd(p) < 0) {
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
}

/* The whole object as a loader loads it (log level 0: on a failure libbpf retries with level 1
 * and prints the verifier log into its messages), on a fresh open. Fills `ol`; returns the
 * verifier log libbpf printed (malloc'd, NULL if none) and the program it belongs to. */
static char* plain_object_load(const char* path, struct load_result* ol, char* prog,
                               size_t prog_size) {
  memset(ol, 0, sizeof(*ol));
  ol->insns = -1;
  logcap_reset();
  struct bpf_object* obj = bpf_object__open_file(path, NULL);
  int err = obj ? bpf_object__load(obj) : -errno;
  tail_copy(ol->libbpf_tail, logcap_tail(), strlen(logcap_tail()), LOGCAP_TAIL);
  ol->ok = err == 0;
  ol->err = -err;
  char* log = logcap_take_prog_log(prog, prog_size);
  bpf_object__close(obj);
  return log;
}

/* Loads `obj` (opened by the caller, not loaded yet) and fills every program's `load` and
 * `ol` (object_load), then attaches in load_attach mode.
 *
 * The whole object is loaded once, as a loader would, except that each program asks the
 * verifier for its statistics (log level 4: "processed N insns"). When that load succeeds every
 * program it loaded is loaded fine, so its result is also the program's `load`: an isolated load
 * (a fresh open with only that program autoloaded) could only add failures that no loader of
 * the object would see. Isolated loads remain for what the object load cannot answer: the
 * programs it did not load (SEC("?...")), and, when it fails, every program of an object with
 * several autoloaded programs, to tell which of them fail and why. An object with exactly one
 * autoloaded program is the same load as that program's isolated load: its failure is recorded
 * once for both, and the verbose verifier log comes from the plain (level 0) reload that also
 * gives object_load the libbpf messages a loader would print. When no program's stats log got
 * a single byte (libbpf failed before the verifier ran: a map, an extern, a missing attach
 * target, or the kernel refused the program before verifying it), a reload would print exactly
 * the same, so none is made. */
static void load_and_attach(const char* path, struct bpf_object* obj, const struct case_opts* o,
                            struct prog_info* v, int n, struct load_result* ol) {
  int n_auto = 0, auto_idx = -1;
  memset(ol, 0, sizeof(*ol));
  ol->insns = -1;
  for (int i = 0; i < n; i++) {
    memset(&v[i].load, 0, sizeof(v[i].load));
    v[i].load.insns = -1;
    if (!v[i].autoload) continue;
    n_auto++;
    auto_idx = i;
    v[i].stats_log = calloc(1, STATS_LOG_SIZE);
    if (v[i].stats_log) {
      bpf_program__set_log_buf(v[i].prog, v[i].stats_log, STATS_LOG_SIZE);
      bpf_program__set_log_level(v[i].prog, 4);
    }
  }
  logcap_reset();
  int err = bpf_object__load(obj);
  tail_copy(ol->libbpf_tail, logcap_tail(), strlen(logcap_tail()), LOGCAP_TAIL);
  ol->ok = err == 0;
  ol->err = -err;

  if (err == 0) {
    for (int i = 0; i < n; i++) {
      if (bpf_program__fd(v[i].prog) < 0) {
        load_isolated(path, v[i].name, &v[i].load);
        continue;
      }
      v[i].load.ok = 1;
      v[i].load.insns = v[i].stats_log ? parse_insns(v[i].stats_log) : -1;
      memcpy(v[i].load.libbpf_tail, ol->libbpf_tail, sizeof(ol->libbpf_tail));
    }
    if (o->load_attach) attach_all(obj, o, v, n);
    return;
  }

  int verifier_spoke = 0;
  for (int i = 0; i < n; i++) verifier_spoke |= v[i].stats_log && v[i].stats_log[0] != '\0';
  struct load_result first = *ol;
  char prog[128];
  char* vlog = NULL;
  if (verifier_spoke) vlog = plain_object_load(path, ol, prog, sizeof(prog));
  for (int i = 0; i < n; i++) {
    if (i != auto_idx || n_auto != 1) {
      load_isolated(path, v[i].name, &v[i].load);
      continue;
    }
    v[i].load = first; /* the same load as its isolated one */
    v[i].load.verifier_tail = NULL;
    if (vlog && !strcmp(prog, v[i].name)) {
      load_result_set_verbose_log(&v[i].load, vlog);
    } else if (verifier_spoke) { /* no verbose log from the reload: ask for it directly */
      struct load_result r;
      load_isolated(path, v[i].name, &r);
      v[i].load.insns = r.insns;
      v[i].load.verifier_tail = r.verifier_tail;
    }
  }
  free(vlog);
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
    load_and_attach(path, obj, o, v, n, &ol);
    bpf_object__close(obj);
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
    free(v[i].stats_log);
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
