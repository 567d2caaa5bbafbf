/* program_variants: within each group, in priority order, the first program whose required
 * helper the kernel has (for that program's type) and, when asked, that loads in a trial load
 * (a fresh open with only it and the companions autoloaded) is kept; the others of the group are
 * not loaded. A helper 0 without a trial load is the unconditional fallback. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "fixups.h"
#include "helpers.h"
#include "probe_cache.h"

static int is_companion(const struct case_plan* p, const char* name) {
  for (int i = 0; i < p->n_companions; i++)
    if (!strcmp(p->companions[i], name)) return 1;
  return 0;
}

static int trial_load(const char* path, const char* prog_name, const struct case_plan* p) {
  struct bpf_object* obj = fixups_open(path);
  if (!obj) return -errno;
  struct bpf_program* prog;
  bpf_object__for_each_program(prog, obj) {
    const char* name = bpf_program__name(prog);
    bpf_program__set_autoload(prog, !strcmp(name, prog_name) || is_companion(p, name));
  }
  int err = bpf_object__load(obj);
  bpf_object__close(obj);
  return err;
}

/* The helper probe cannot load tracing, ext, lsm and struct_ops programs (they need an attach
 * target): ask for kprobe programs instead, which share the tracing helper set. */
static int helper_supported(enum bpf_prog_type type, int helper, int* proxied) {
  int r = probe_helper(type, (enum bpf_func_id)helper);
  *proxied = 0;
  if (r < 0 && type != BPF_PROG_TYPE_KPROBE) {
    *proxied = 1;
    r = probe_helper(BPF_PROG_TYPE_KPROBE, (enum bpf_func_id)helper);
  }
  return r == 1;
}

/* Why variant `v` cannot be the group's program (into `why`), or 0 when it can. */
static int rejected(const struct plan_variant* v, struct bpf_object* obj, const char* path,
                    const struct case_plan* p, char* why, size_t size) {
  struct bpf_program* prog = bpf_object__find_program_by_name(obj, v->program);
  if (!prog) {
    snprintf(why, size, "%s: not in the object", v->program);
    return 1;
  }
  enum bpf_prog_type type = bpf_program__type(prog);
  int proxied;
  if (v->helper && !helper_supported(type, v->helper, &proxied)) {
    const char* tn = libbpf_bpf_prog_type_str(type);
    snprintf(why, size, "%s: helper %s (%d) unsupported for %s%s", v->program,
             helper_name(v->helper)[0] ? helper_name(v->helper) : "unknown", v->helper,
             tn ? tn : "unspec", proxied ? " (probed as kprobe)" : "");
    return 1;
  }
  int err = v->trial_load ? trial_load(path, v->program, p) : 0;
  if (err) {
    snprintf(why, size, "%s: trial load failed (errno %d)", v->program, -err);
    return 1;
  }
  return 0;
}

static void disable(struct case_fixups* f, struct bpf_object* obj, const struct plan_variant* v) {
  struct bpf_program* prog = bpf_object__find_program_by_name(obj, v->program);
  if (!prog || f->n_disabled >= PLAN_MAX_ITEMS) return;
  for (int i = 0; i < f->n_disabled; i++)
    if (!strcmp(f->disabled[i], v->program)) return;
  bpf_program__set_autoload(prog, false);
  f->disabled_group[f->n_disabled] = v->group;
  f->disabled[f->n_disabled++] = v->program;
}

static void choose_group(struct case_fixups* f, struct bpf_object* obj, const char* path,
                         const char* group) {
  const struct case_plan* p = f->plan;
  const char* chosen = NULL;
  char notes[400] = "", why[200], detail[512];
  for (int i = 0; i < p->n_variants && !chosen; i++) {
    const struct plan_variant* v = &p->variants[i];
    if (strcmp(v->group, group)) continue;
    if (!rejected(v, obj, path, p, why, sizeof(why))) {
      chosen = v->program;
      break;
    }
    size_t len = strlen(notes);
    snprintf(notes + len, sizeof(notes) - len, "%s%s", len ? "; " : "", why);
  }
  for (int i = 0; i < p->n_variants; i++) {
    const struct plan_variant* v = &p->variants[i];
    if (!strcmp(v->group, group) && (!chosen || strcmp(v->program, chosen))) disable(f, obj, v);
  }
  if (chosen)
    snprintf(detail, sizeof(detail), "chose %s%s%s", chosen, notes[0] ? ": " : "", notes);
  else
    snprintf(detail, sizeof(detail), "no usable variant: %s", notes);
  fixups_add(f, "variant", group, chosen != NULL, detail);
}

void variants_choose(struct case_fixups* f, struct bpf_object* obj, const char* path) {
  const struct case_plan* p = f->plan;
  for (int i = 0; p && i < p->n_variants; i++) {
    int first = 1; /* each group once, at its first record */
    for (int j = 0; j < i && first; j++) first = strcmp(p->variants[j].group, p->variants[i].group);
    if (first) choose_group(f, obj, path, p->variants[i].group);
  }
}
