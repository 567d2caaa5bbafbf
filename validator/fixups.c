/* Fixups on each open of a case's object. The case runs in its own child, so the current
 * fixups are process state: prog_load.c and artifact.c open objects through fixups_open and
 * need not know about plans. Inner map templates are created once per case and reused. */
#include "fixups.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "btf_external.h"

#define ARROW " \xe2\x86\x92 " /* " → " */

static struct case_fixups* current;

void fixups_begin(struct case_fixups* f, const struct case_plan* plan) {
  memset(f, 0, sizeof(*f));
  f->plan = plan;
  for (int i = 0; i < PLAN_MAX_ITEMS; i++) f->inner_fds[i] = -1;
  current = plan ? f : NULL;
}

void fixups_end(struct case_fixups* f) {
  for (int i = 0; i < PLAN_MAX_ITEMS; i++)
    if (f->inner_fds[i] >= 0) close(f->inner_fds[i]);
  if (current == f) current = NULL;
}

void fixups_add(struct case_fixups* f, const char* kind, const char* target, int ok,
                const char* detail) {
  if (f->n_results >= FIXUPS_MAX) return;
  struct fixup_result* r = &f->results[f->n_results++];
  r->kind = kind;
  snprintf(r->target, sizeof(r->target), "%s", target ? target : "");
  r->ok = ok;
  snprintf(r->detail, sizeof(r->detail), "%s", detail ? detail : "");
}

static void append(char* buf, size_t size, const char* s) {
  size_t len = strlen(buf);
  snprintf(buf + len, size - len, "%s%s", len ? "; " : "", s);
}

static int map_type_by_name(const char* name) {
  for (int t = 1; t < 64; t++) {
    const char* s = libbpf_bpf_map_type_str((enum bpf_map_type)t);
    if (s && !strcmp(s, name)) return t;
  }
  return -1;
}

/* The inner map template of plan map `i`, created on first use; -1 (and `why`) on failure. */
static int inner_fd(struct case_fixups* f, int i, char* why, size_t why_size) {
  const struct plan_map* pm = &f->plan->maps[i];
  if (f->inner_fds[i] >= 0) return f->inner_fds[i];
  int fd;
  if (pm->inner_ringbuf_bytes) {
    fd = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "bpfcompat_inner", 0, 0,
                        (unsigned)pm->inner_ringbuf_bytes, NULL);
    snprintf(why, why_size, "inner map: ringbuf of %lld bytes", pm->inner_ringbuf_bytes);
  } else {
    int type = map_type_by_name(pm->inner_type);
    if (type < 0) {
      snprintf(why, why_size, "inner map: unknown map type '%s'", pm->inner_type);
      return -1;
    }
    fd = bpf_map_create((enum bpf_map_type)type, "bpfcompat_inner", pm->inner_key_size,
                        pm->inner_value_size, pm->inner_max_entries, NULL);
    snprintf(why, why_size, "inner map: %s (key %u, value %u, max_entries %u)", pm->inner_type,
             pm->inner_key_size, pm->inner_value_size, pm->inner_max_entries);
  }
  if (fd < 0) {
    size_t len = strlen(why);
    snprintf(why + len, why_size - len, " could not be created: %s", strerror(errno));
    return -1;
  }
  return f->inner_fds[i] = fd;
}

static void apply_map(struct case_fixups* f, struct bpf_object* obj, int i, int record) {
  const struct plan_map* pm = &f->plan->maps[i];
  struct bpf_map* m = bpf_object__find_map_by_name(obj, pm->name);
  char detail[512] = "", part[256];
  int ok = m != NULL;
  if (!m) snprintf(detail, sizeof(detail), "the object has no map of that name");
  if (m && (pm->max_entries_cpus || pm->max_entries > 0)) {
    unsigned before = bpf_map__max_entries(m);
    long long want = pm->max_entries_cpus ? libbpf_num_possible_cpus() : pm->max_entries;
    int err = want > 0 ? bpf_map__set_max_entries(m, (unsigned)want) : (int)want;
    if (want <= 0)
      snprintf(part, sizeof(part), "cannot count the possible CPUs: %s", strerror((int)-want));
    else
      snprintf(part, sizeof(part), "max_entries %u" ARROW "%lld%s%s%s", before, want,
               pm->max_entries_cpus ? " (possible CPUs)" : "", err ? ": " : "",
               err ? strerror(-err) : "");
    ok &= err == 0;
    append(detail, sizeof(detail), part);
  }
  if (m && pm->value_size > 0) {
    unsigned before = bpf_map__value_size(m);
    int err = bpf_map__set_value_size(m, (unsigned)pm->value_size);
    snprintf(part, sizeof(part), "value_size %u" ARROW "%lld%s%s", before, pm->value_size,
             err ? ": " : "", err ? strerror(-err) : "");
    ok &= err == 0;
    append(detail, sizeof(detail), part);
  }
  if (m && (pm->inner_ringbuf_bytes || pm->inner_type)) {
    int fd = inner_fd(f, i, part, sizeof(part));
    int err = fd < 0 ? -1 : bpf_map__set_inner_map_fd(m, fd);
    if (fd >= 0 && err) {
      size_t len = strlen(part);
      snprintf(part + len, sizeof(part) - len, ": %s", strerror(-err));
    }
    ok &= err == 0;
    append(detail, sizeof(detail), part);
  }
  if (record) fixups_add(f, "map", pm->name, ok, detail);
}

static int prog_type_by_name(const char* name) {
  for (int t = 1; t < 64; t++) {
    const char* s = libbpf_bpf_prog_type_str((enum bpf_prog_type)t);
    if (s && !strcmp(s, name)) return t;
  }
  return -1;
}

static void apply_prog_type(struct case_fixups* f, struct bpf_object* obj, int i, int record) {
  const struct plan_prog_type* pt = &f->plan->types[i];
  char detail[512] = "", part[300];
  int type = prog_type_by_name(pt->type), matched = 0, ok = type > 0;
  if (type < 0) snprintf(detail, sizeof(detail), "unknown program type '%s'", pt->type);
  struct bpf_program* p;
  bpf_object__for_each_program(p, obj) {
    if (type < 0) break;
    if (strcmp(bpf_program__name(p), pt->selector) &&
        strcmp(bpf_program__section_name(p), pt->selector))
      continue;
    const char* before = libbpf_bpf_prog_type_str(bpf_program__type(p));
    int err = bpf_program__set_type(p, (enum bpf_prog_type)type);
    snprintf(part, sizeof(part), "%s: %s" ARROW "%s%s%s", bpf_program__name(p),
             before ? before : "unspec", pt->type, err ? ": " : "", err ? strerror(-err) : "");
    append(detail, sizeof(detail), part);
    ok &= err == 0;
    matched++;
  }
  if (type > 0 && !matched) {
    ok = 0;
    snprintf(detail, sizeof(detail), "no program of that name or ELF section");
  }
  if (record) fixups_add(f, "program_type", pt->selector, ok, detail);
}

struct bpf_object* fixups_open(const char* path) {
  LIBBPF_OPTS(bpf_object_open_opts, opts, .btf_custom_path = btf_external_path());
  struct bpf_object* obj = bpf_object__open_file(path, &opts);
  struct case_fixups* f = current;
  if (!obj || !f) return obj;
  int record = f->n_opens++ == 0;
  for (int i = 0; i < f->plan->n_maps; i++) apply_map(f, obj, i, record);
  for (int i = 0; i < f->plan->n_types; i++) apply_prog_type(f, obj, i, record);
  for (int i = 0; record && i < f->plan->n_companions; i++) {
    int found = bpf_object__find_program_by_name(obj, f->plan->companions[i]) != NULL;
    fixups_add(f, "companion", f->plan->companions[i], found,
               found ? "kept autoloaded in variant trial loads" : "no program of that name");
  }
  for (int i = 0; i < f->n_disabled; i++) {
    struct bpf_program* p = bpf_object__find_program_by_name(obj, f->disabled[i]);
    if (p) bpf_program__set_autoload(p, false);
  }
  return obj;
}

const char* fixups_disabled_by(const char* prog) {
  for (int i = 0; current && i < current->n_disabled; i++)
    if (!strcmp(current->disabled[i], prog)) return current->disabled_group[i];
  return NULL;
}

void fixups_write(struct jw* w, const struct case_fixups* f) {
  jw_arr_begin(w, "fixups");
  for (int i = 0; i < f->n_results; i++) {
    const struct fixup_result* r = &f->results[i];
    jw_obj_begin(w, NULL);
    jw_str(w, "kind", r->kind);
    jw_str(w, "target", r->target);
    jw_bool(w, "ok", r->ok);
    jw_str(w, "detail", r->detail);
    jw_obj_end(w);
  }
  jw_arr_end(w);
  jw_arr_begin(w, "variant_disabled");
  for (int i = 0; i < f->n_disabled; i++) jw_str(w, NULL, f->disabled[i]);
  jw_arr_end(w);
}
