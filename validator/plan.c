/* Case plan parsing. The host writes the file (src/validation/case_plan.cpp); anything it would
 * not write is rejected with the file and line, so a protocol mismatch shows up as a clear error
 * in the case's record instead of a half-applied plan. */
#include "plan.h"

#include "plan_records.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PLAN_MAX_BYTES (1024 * 1024)

struct line {
  int n;
  char* f[PLAN_MAX_FIELDS];
};

/* Undoes \\ \t \n in place; returns -1 on any other escape. */
static int unescape(char* s) {
  char* o = s;
  for (; *s; s++) {
    if (*s != '\\') {
      *o++ = *s;
      continue;
    }
    s++;
    if (*s == '\\')
      *o++ = '\\';
    else if (*s == 't')
      *o++ = '\t';
    else if (*s == 'n')
      *o++ = '\n';
    else
      return -1;
  }
  *o = '\0';
  return 0;
}

static int split(char* text, struct line* l) {
  l->n = 0;
  for (char* s = text;;) {
    if (l->n == PLAN_MAX_FIELDS) return -1;
    l->f[l->n++] = s;
    char* tab = strchr(s, '\t');
    if (!tab) break;
    *tab = '\0';
    s = tab + 1;
  }
  for (int i = 0; i < l->n; i++)
    if (unescape(l->f[i])) return -1;
  return 0;
}

static int fail(char* err, int errlen, const char* origin, int line_no, const char* msg,
                const char* arg) {
  if (line_no > 0)
    snprintf(err, (size_t)errlen, "case plan %s:%d: %s%s%s%s", origin, line_no, msg,
             arg ? " '" : "", arg ? arg : "", arg ? "'" : "");
  else
    snprintf(err, (size_t)errlen, "case plan %s: %s", origin, msg);
  return -1;
}

static const char* check_complete(const struct case_plan* p) {
  if (!p->name || !*p->name) return "no 'name' record";
  if (p->mode == MODE_COMMAND && !p->has_command) return "mode command without a 'command' record";
  if (p->mode != MODE_COMMAND && (!p->artifact || !*p->artifact))
    return "no 'artifact' record (only mode command may lack one)";
  return NULL;
}

int plan_parse(char* text, const char* origin, enum case_mode default_mode, struct case_plan* p,
               char* err, int errlen) {
  memset(p, 0, sizeof(*p));
  p->is_case = 1;
  p->mode = default_mode;
  int line_no = 0, seen_mode = 0;
  for (char* s = text; s && *s;) {
    char* nl = strchr(s, '\n');
    if (nl) *nl = '\0';
    char* raw = s;
    s = nl ? nl + 1 : NULL;
    line_no++;
    size_t len = strlen(raw);
    if (len && raw[len - 1] == '\r') raw[--len] = '\0';
    struct line l;
    if (split(raw, &l))
      return fail(err, errlen, origin, line_no, "bad escape or too many fields", NULL);
    if (line_no == 1) {
      if (strcmp(l.f[0], "bpfcompat-case") || l.n != 2)
        return fail(err, errlen, origin, 1, "not a case plan (expected 'bpfcompat-case<TAB>1')",
                    NULL);
      if (strcmp(l.f[1], "1"))
        return fail(err, errlen, origin, 1, "unsupported plan version", l.f[1]);
      continue;
    }
    if (l.n == 1 && !*l.f[0]) continue; /* blank line */
    int fields = plan_record_fields(l.f[0]);
    if (!fields) return fail(err, errlen, origin, line_no, "unknown record kind", l.f[0]);
    if (l.n != fields) {
      char msg[96];
      snprintf(msg, sizeof(msg), "'%.40s' record needs %d fields, got %d", l.f[0], fields - 1,
               l.n - 1);
      return fail(err, errlen, origin, line_no, msg, NULL);
    }
    const char* bad = plan_apply_record(p, l.f, &seen_mode);
    if (bad) return fail(err, errlen, origin, line_no, bad, NULL);
  }
  if (line_no == 0) return fail(err, errlen, origin, 0, "empty file", NULL);
  const char* incomplete = check_complete(p);
  return incomplete ? fail(err, errlen, origin, 0, incomplete, NULL) : 0;
}

int plan_read(const char* path, enum case_mode default_mode, struct case_plan* p, char* err,
              int errlen) {
  memset(p, 0, sizeof(*p));
  p->is_case = 1;
  FILE* f = fopen(path, "r");
  if (!f) {
    snprintf(err, (size_t)errlen, "cannot read case plan %s: %s", path, strerror(errno));
    return -1;
  }
  char* text = malloc(PLAN_MAX_BYTES + 1);
  size_t n = text ? fread(text, 1, PLAN_MAX_BYTES + 1, f) : 0;
  fclose(f);
  if (!text || n > PLAN_MAX_BYTES || memchr(text, '\0', n)) {
    free(text);
    return fail(err, errlen, path, 0, "unreadable, larger than 1 MiB or binary", NULL);
  }
  text[n] = '\0';
  int rc = plan_parse(text, path, default_mode, p, err, errlen);
  free(text);
  return rc;
}

void plan_from_artifact(struct case_plan* p, const char* name, const char* path,
                        enum case_mode mode) {
  memset(p, 0, sizeof(*p));
  p->name = (char*)name;
  p->artifact = (char*)path;
  p->mode = mode;
}

static void free_test(struct plan_test* t) {
  free(t->name);
  free(t->expect_stdout);
  free(t->expect_stderr);
  free(t->command);
}

void plan_free(struct case_plan* p) {
  if (!p->is_case) return; /* borrowed strings */
  free(p->name);
  free(p->artifact);
  for (int i = 0; i < p->n_maps; i++) {
    free(p->maps[i].name);
    free(p->maps[i].inner_type);
  }
  for (int i = 0; i < p->n_types; i++) {
    free(p->types[i].selector);
    free(p->types[i].type);
  }
  for (int i = 0; i < p->n_variants; i++) {
    free(p->variants[i].group);
    free(p->variants[i].program);
  }
  for (int i = 0; i < p->n_companions; i++) free(p->companions[i]);
  for (int i = 0; i < p->n_optional; i++) free(p->optional[i]);
  for (int i = 0; i < p->n_env; i++) free(p->env[i]);
  for (int i = 0; i < p->n_tests; i++) free_test(&p->tests[i]);
  if (p->has_command) free_test(&p->command);
  memset(p, 0, sizeof(*p));
}

int plan_extra_timeout_sec(const struct case_plan* p) {
  int s = 0;
  if (p->mode == MODE_BEHAVIOR)
    for (int i = 0; i < p->n_tests; i++) s += p->tests[i].timeout_sec + 2;
  if (p->mode == MODE_COMMAND && p->has_command) s += p->command.timeout_sec + 2;
  return s;
}
