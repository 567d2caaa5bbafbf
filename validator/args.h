/* Command line of the validator (see docs/validator-protocol.md, "Invocation"). */
#ifndef BPFCOMPAT_VALIDATOR_ARGS_H
#define BPFCOMPAT_VALIDATOR_ARGS_H

#define ARGS_MAX_ITEMS 256

/* A NAME=PATH artifact, or a case plan (`--case PATH`: name NULL, path the plan file). */
struct artifact_arg {
  const char* name;
  const char* path;
  int is_plan;
};

struct args {
  const char* out; /* NULL: stdout (or /dev/ttyS1 as PID 1) */
  int load_attach; /* 1 load_attach, 0 load_only */
  int case_timeout_sec;
  int poweroff;
  int no_btf_cache; /* debugging/benchmarks: let libbpf parse vmlinux BTF each time */
  const char* btf;  /* --btf: external vmlinux BTF (btf_custom_path), NULL: none */
  int n_modules;
  const char* modules[ARGS_MAX_ITEMS];
  int n_artifacts; /* artifacts and case plans, in the order given */
  struct artifact_arg artifacts[ARGS_MAX_ITEMS];
};

/* Parses argv[1..argc-1]; on error writes a message to `err` and returns -1. */
int args_parse(struct args* a, int argc, char** argv, char* err, int errlen);

/* Reads one argument per line from `path` into a NULL-terminated argv (argv[0] = "init").
 * Returns argc, or -1 if the file cannot be read. The strings are never freed (PID 1 lifetime). */
int args_read_file(const char* path, char*** argv_out);

#endif
