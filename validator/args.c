/* Argument parsing, by hand: the validator is static and tiny, and the grammar is small. */
#include "args.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int need_value(int i, int argc, const char* opt, char* err, int errlen) {
  if (i + 1 < argc) return 0;
  snprintf(err, errlen, "option %s needs a value", opt);
  return -1;
}

int args_parse(struct args* a, int argc, char** argv, char* err, int errlen) {
  memset(a, 0, sizeof(*a));
  a->load_attach = 1;
  a->case_timeout_sec = 60;
  for (int i = 1; i < argc; i++) {
    const char* s = argv[i];
    if (!strcmp(s, "--out")) {
      if (need_value(i, argc, s, err, errlen)) return -1;
      a->out = argv[++i];
    } else if (!strcmp(s, "--mode")) {
      if (need_value(i, argc, s, err, errlen)) return -1;
      const char* m = argv[++i];
      if (!strcmp(m, "load_attach"))
        a->load_attach = 1;
      else if (!strcmp(m, "load_only"))
        a->load_attach = 0;
      else {
        snprintf(err, errlen, "unknown --mode '%s'", m);
        return -1;
      }
    } else if (!strcmp(s, "--case-timeout")) {
      if (need_value(i, argc, s, err, errlen)) return -1;
      a->case_timeout_sec = atoi(argv[++i]);
      if (a->case_timeout_sec <= 0) {
        snprintf(err, errlen, "bad --case-timeout '%s'", argv[i]);
        return -1;
      }
    } else if (!strcmp(s, "--module")) {
      if (need_value(i, argc, s, err, errlen)) return -1;
      if (a->n_modules < ARGS_MAX_ITEMS)
        a->modules[a->n_modules++] = argv[++i];
      else
        i++;
    } else if (!strcmp(s, "--case")) {
      if (need_value(i, argc, s, err, errlen)) return -1;
      if (a->n_artifacts >= ARGS_MAX_ITEMS) {
        snprintf(err, errlen, "too many artifacts and cases (max %d)", ARGS_MAX_ITEMS);
        return -1;
      }
      a->artifacts[a->n_artifacts++] = (struct artifact_arg){NULL, argv[++i], 1};
    } else if (!strcmp(s, "--btf")) {
      if (need_value(i, argc, s, err, errlen)) return -1;
      a->btf = argv[++i];
    } else if (!strcmp(s, "--poweroff")) {
      a->poweroff = 1;
    } else if (!strcmp(s, "--no-btf-cache")) {
      a->no_btf_cache = 1;
    } else if (s[0] == '-' && s[1] == '-') {
      snprintf(err, errlen, "unknown option '%s'", s);
      return -1;
    } else {
      const char* eq = strchr(s, '=');
      if (!eq || eq == s || !eq[1]) {
        snprintf(err, errlen, "expected NAME=PATH, got '%s'", s);
        return -1;
      }
      if (a->n_artifacts >= ARGS_MAX_ITEMS) {
        snprintf(err, errlen, "too many artifacts and cases (max %d)", ARGS_MAX_ITEMS);
        return -1;
      }
      char* name = strndup(s, (size_t)(eq - s));
      a->artifacts[a->n_artifacts].name = name;
      a->artifacts[a->n_artifacts].path = eq + 1;
      a->artifacts[a->n_artifacts].is_plan = 0;
      a->n_artifacts++;
    }
  }
  return 0;
}

int args_read_file(const char* path, char*** argv_out) {
  FILE* f = fopen(path, "r");
  if (!f) return -1;
  int cap = 16, argc = 1;
  char** argv = calloc((size_t)cap, sizeof(*argv));
  char* line = NULL;
  size_t n = 0;
  ssize_t got;
  argv[0] = "init";
  while (argv && (got = getline(&line, &n, f)) >= 0) {
    while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r')) line[--got] = '\0';
    if (got == 0) continue; /* blank lines separate nothing; skip them */
    if (argc + 2 > cap) {
      cap *= 2;
      argv = realloc(argv, (size_t)cap * sizeof(*argv));
      if (!argv) break;
    }
    argv[argc++] = strdup(line);
  }
  free(line);
  fclose(f);
  if (!argv) return -1;
  argv[argc] = NULL;
  *argv_out = argv;
  return argc;
}
