/* Per-artifact flow: one open gives the facts and is then loaded whole (and attached); isolated
 * loads (each a fresh open: libbpf objects cannot be loaded twice) only where that load cannot
 * speak for a program. See load_and_attach. A case plan adds fixups to every open (fixups.c),
 * a variant choice before the load, and in behavior mode functional tests while attached. */
#include "artifact.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "attach_order.h"
#include "btf_cache.h"
#include "clock.h"
#include "elf_scan.h"
#include "fixups.h"
#include "functional.h"
#include "logcap.h"
#include "object_facts.h"
#include "prog_info.h"

/* One case in its child. */
struct case_run {
  const struct case_plan* plan;
  const struct case_opts* o;
  int attach;           /* the mode attaches */
  int tests_ran;        /* behavior mode: functional_run or functional_not_run happened */
  struct functional fr; /* behavior mode */
};

static int attach_optional(const struct case_plan* p, const char* prog) {
  for (int i = 0; i < p->n_optional; i++) {
    if (!strcmp(p->optional[i], prog)) return 1;
  }
  return 0;
}

/* Behavior mode, with every link still alive: the tests run when the object loaded and no
 * attach failed (skipped attaches, and those the plan marks optional, do not count). */
static void run_tests(struct case_run* cr, const struct prog_info* v, int n) {
  int passed = 1;
  for (int i = 0; i < n; i++) {
    if (!strcmp(v[i].attach.status, "failed") && !attach_optional(cr->plan, v[i].name)) passed = 0;
  }
  if (passed)
    functional_run(&cr->fr, cr->plan);
  else
    functional_not_run(&cr->fr, cr->plan);
  cr->tests_ran = 1;
}

/* A program the object load does not load: attach not_run, saying why. */
static void not_loaded(struct prog_info* pi) {
  const char* group = fixups_disabled_by(pi->name);
  attach_not_run(&pi->attach);
  if (group)
    snprintf(pi->attach.reason, sizeof(pi->attach.reason), "disabled by program_variants group %s",
             group);
  else
    strcpy(pi->attach.reason, "not loaded by the object (autoload is off)");
}

/* Attaches each program of the loaded object while all links stay alive (and runs the
 * functional tests of behavior mode); links are destroyed at the end. */
static void attach_all(struct bpf_object* obj, struct case_run* cr, struct prog_info* v, int n) {
  struct attach_env env;
  struct attach_result so;
  int have_so = 0;
  attach_env_init(&env, cr->o->bpf_lsm_active);
  for (int i = 0; i < n; i++) {
    struct bpf_program* p = v[i].prog;
    if (bpf_program__fd(p) < 0) {
      not_loaded(&v[i]);
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
    attach_in_order(&env, v, i);
  }
  if (cr->plan->mode == MODE_BEHAVIOR) run_tests(cr, v, n);
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
  struct bpf_object* obj = fixups_open(path);
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
static void load_and_attach(const char* path, struct bpf_object* obj, struct case_run* cr,
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
    if (cr->attach) attach_all(obj, cr, v, n);
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

static void write_header(struct jw* w, const struct case_plan* p) {
  jw_obj_begin(w, NULL);
  jw_str(w, "type", "artifact");
  if (p->is_case) jw_bool(w, "case", 1);
  jw_str(w, "name", p->name);
  jw_str(w, "path", p->artifact);
  jw_str(w, "mode", plan_mode_name(p->mode));
  jw_str(w, "status", "done");
}

/* Opens, writes the facts, chooses variants, loads and attaches (and runs the tests). */
static void validate_object(struct jw* w, struct case_run* cr, struct case_fixups* fx,
                            struct load_result* ol, struct prog_info** v, int* n) {
  const char* path = cr->plan->artifact;
  struct elf_sections es;
  elf_scan_sections(path, &es);
  logcap_reset();
  struct bpf_object* obj = fixups_open(path);
  int open_err = obj ? 0 : errno;
  jw_obj_begin(w, "open");
  jw_bool(w, "ok", obj != NULL);
  jw_int(w, "errno", open_err);
  jw_str(w, "log", logcap_tail());
  jw_obj_end(w);
  jw_bool(w, "btf", es.btf);
  jw_bool(w, "btf_ext", es.btf_ext);
  memset(ol, 0, sizeof(*ol));
  ol->err = open_err;
  ol->insns = -1;
  if (!obj) {
    jw_arr_begin(w, "maps");
    jw_arr_end(w);
    jw_arr_begin(w, "kfuncs");
    jw_arr_end(w);
    return;
  }
  write_maps(w, obj);
  write_kfuncs(w, path);
  if (cr->plan->is_case) variants_choose(fx, obj, path);
  collect_programs(obj, v, n);
  for (int i = 0; i < *n; i++)
    if (fixups_disabled_by((*v)[i].name)) not_loaded(&(*v)[i]); /* also when the load fails */
  load_and_attach(path, obj, cr, *v, *n, ol);
  bpf_object__close(obj);
}

void artifact_validate(struct jw* w, const struct case_plan* p, const struct case_opts* o,
                       long long start_ms) {
  int parses_before = btf_cache_parse_count();
  struct case_run cr = {.plan = p, .o = o, .attach = p->mode != MODE_LOAD_ONLY};
  struct case_fixups* fx = calloc(1, sizeof(*fx));
  if (!fx) return; /* the runner reports the case as crashed */
  fixups_begin(fx, p->is_case ? p : NULL);
  write_header(w, p);

  struct prog_info* v = NULL;
  int n = 0;
  struct load_result ol;
  validate_object(w, &cr, fx, &ol, &v, &n);
  jw_arr_begin(w, "programs");
  for (int i = 0; i < n; i++) write_program(w, &v[i]);
  jw_arr_end(w);
  free_programs(v, n);
  jw_obj_begin(w, "object_load");
  jw_bool(w, "ok", ol.ok);
  jw_int(w, "errno", ol.err);
  jw_str(w, "libbpf_tail", ol.libbpf_tail);
  jw_obj_end(w);
  if (p->is_case) fixups_write(w, fx);
  if (p->mode == MODE_BEHAVIOR) {
    if (!cr.tests_ran) functional_not_run(&cr.fr, p); /* the load or the open failed */
    functional_write(w, &cr.fr);
    functional_free(&cr.fr);
  }
  fixups_end(fx);
  free(fx);
  /* Not in the contract: how often this case parsed vmlinux BTF itself (0 with the cache). */
  jw_int(w, "vmlinux_btf_parses", btf_cache_parse_count() - parses_before);
  jw_int(w, "duration_ms", now_ms() - start_ms);
  jw_obj_end(w);
}
