/* Case plans (docs/validator-protocol.md, "Case plans"): the file `--case PATH` names, parsed
 * into what one case asks for. A plain NAME=PATH argument is a plan with only a name, an
 * artifact and the global mode. */
#ifndef BPFCOMPAT_VALIDATOR_PLAN_H
#define BPFCOMPAT_VALIDATOR_PLAN_H

#define PLAN_MAX_ITEMS 64

enum case_mode { MODE_LOAD_ONLY, MODE_LOAD_ATTACH, MODE_BEHAVIOR, MODE_COMMAND };

struct plan_map {
  char* name;
  long long max_entries; /* -1: keep the object's */
  int max_entries_cpus;
  long long value_size;          /* 0: keep the object's */
  long long inner_ringbuf_bytes; /* 0: none */
  char* inner_type;              /* NULL: none */
  unsigned inner_key_size, inner_value_size, inner_max_entries;
};

struct plan_prog_type {
  char *selector, *type; /* program name or ELF section; libbpf's prog type name */
};

struct plan_variant {
  char *group, *program;
  int helper; /* 0: none */
  int trial_load;
};

/* A functional test, or the command of a command case (name "command"). */
struct plan_test {
  char* name;
  int required;
  int timeout_sec;
  int expect_exit;
  char *expect_stdout, *expect_stderr; /* "" : no expectation */
  char* command;
};

struct case_plan {
  int is_case; /* 1: from a plan file */
  char* name;
  char* artifact; /* NULL: no object (mode command only) */
  enum case_mode mode;
  int n_maps, n_types, n_variants, n_companions, n_env, n_tests;
  struct plan_map maps[PLAN_MAX_ITEMS];
  struct plan_prog_type types[PLAN_MAX_ITEMS];
  struct plan_variant variants[PLAN_MAX_ITEMS];
  char* companions[PLAN_MAX_ITEMS];
  int n_optional;
  char* optional[PLAN_MAX_ITEMS]; /* programs whose failed attach does not stop the tests */
  char* env[PLAN_MAX_ITEMS];      /* "NAME=VALUE" */
  struct plan_test tests[PLAN_MAX_ITEMS];
  int has_command;
  struct plan_test command;
};

/* Reads and parses the plan at `path`; `default_mode` applies when it has no `mode` record.
 * Returns 0, or -1 with a message naming the file and line in `err`; `p` then holds what was
 * read before the error (its name, if any, for the error record). */
int plan_read(const char* path, enum case_mode default_mode, struct case_plan* p, char* err,
              int errlen);

/* Parses plan text (modified in place). Same contract as plan_read; `origin` names the source. */
int plan_parse(char* text, const char* origin, enum case_mode default_mode, struct case_plan* p,
               char* err, int errlen);

/* A plain NAME=PATH artifact as a plan (the strings are borrowed, never freed). */
void plan_from_artifact(struct case_plan* p, const char* name, const char* path,
                        enum case_mode mode);

void plan_free(struct case_plan* p);

const char* plan_mode_name(enum case_mode m);

/* Seconds the case's watchdog adds to --case-timeout for its tests or command. */
int plan_extra_timeout_sec(const struct case_plan* p);

#endif
