/* bpfcompat-validator: loads and attaches eBPF objects on the running kernel and reports JSON
 * lines (docs/validator-protocol.md). The same static binary runs as an initramfs /init (PID 1)
 * or as an ordinary program. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "args.h"
#include "artifact.h"
#include "btf_cache.h"
#include "btf_external.h"
#include "clock.h"
#include "json.h"
#include "libbpf_warm.h"
#include "logcap.h"
#include "pid1.h"
#include "plan.h"
#include "probe.h"
#include "probe_cache.h"
#include "runner.h"

#ifndef BPFCOMPAT_VALIDATOR_VERSION
#define BPFCOMPAT_VALIDATOR_VERSION "0.0.0"
#endif
#define PROTOCOL_VERSION 1
#define PID1_ARGS_FILE "/etc/bpfcompat/args"
#define PID1_OUT "/dev/ttyS1"

static const char* libbpf_version(void) {
#ifdef BPFCOMPAT_LIBBPF_VERSION
  return BPFCOMPAT_LIBBPF_VERSION; /* full version (1.4.6) from pkg-config at build time */
#else
  const char* v = libbpf_version_string(); /* "v1.4": no patch level */
  return v[0] == 'v' ? v + 1 : v;
#endif
}

static void emit(int fd, struct jw* w) {
  size_t len;
  const char* line = jw_line(w, &len);
  write_all(fd, line, len);
  jw_free(w);
}

static int open_out(const char* path, int pid1) {
  if (!path) return pid1 ? open_serial_raw(PID1_OUT) : STDOUT_FILENO;
  if (!strncmp(path, "/dev/tty", 8)) return open_serial_raw(path);
  return open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
}

static void write_hello(int fd, const struct args* a, const struct kernel_facts* kf,
                        int btf_hidden) {
  struct jw w;
  jw_init(&w);
  jw_obj_begin(&w, NULL);
  jw_str(&w, "type", "hello");
  jw_int(&w, "protocol", PROTOCOL_VERSION);
  jw_str(&w, "validator", BPFCOMPAT_VALIDATOR_VERSION);
  jw_str(&w, "libbpf", libbpf_version());
  probe_write(&w, kf);
  jw_bool(&w, "btf_hidden", btf_hidden);
  jw_str(&w, "btf_custom_path", a->btf ? a->btf : "");
  jw_arr_begin(&w, "modules");
  load_modules(&w, a->modules, a->n_modules);
  jw_arr_end(&w);
  jw_int(&w, "uptime_ms", kf->uptime_ms);
  jw_obj_end(&w);
  emit(fd, &w);
}

/* Optional record (hosts ignore unknown types): why a run could not start. */
static void write_error(int fd, const char* msg) {
  struct jw w;
  jw_init(&w);
  jw_obj_begin(&w, NULL);
  jw_str(&w, "type", "error");
  jw_str(&w, "message", msg);
  jw_obj_end(&w);
  emit(fd, &w);
}

static void write_end(int fd, int n, long long duration) {
  struct jw w;
  jw_init(&w);
  jw_obj_begin(&w, NULL);
  jw_str(&w, "type", "end");
  jw_int(&w, "artifacts", n);
  jw_int(&w, "duration_ms", duration);
  jw_obj_end(&w);
  emit(fd, &w);
}

/* Work done once, in the parent before the first case that uses libbpf, that every child
 * would otherwise repeat: parse vmlinux and module BTF (btf_cache.c) and run libbpf's kernel
 * feature probes (libbpf_warm.c). Command cases do without. */
static void prepare_libbpf(const struct args* a, int btf_vmlinux) {
  static int done;
  if (done) return;
  done = 1;
  if (btf_vmlinux && !a->no_btf_cache) btf_cache_init();
  libbpf_warm_features();
}

/* One NAME=PATH artifact or one case plan, validated in its own child. */
static void run_item(int out, const struct artifact_arg* item, const struct args* a,
                     const struct case_opts* co, int btf_vmlinux) {
  enum case_mode mode = a->load_attach ? MODE_LOAD_ATTACH : MODE_LOAD_ONLY;
  static struct case_plan plan; /* ~10 KiB: not on PID 1's stack */
  if (!item->is_plan) {
    plan_from_artifact(&plan, item->name, item->path, mode);
    prepare_libbpf(a, btf_vmlinux);
    run_case(out, &plan, co);
    return;
  }
  char err[512];
  if (plan_read(item->path, mode, &plan, err, sizeof(err)) == 0) {
    if (plan.mode != MODE_COMMAND) prepare_libbpf(a, btf_vmlinux);
    run_case(out, &plan, co);
  } else {
    write_plan_error(out, plan.name ? plan.name : item->path, plan.artifact ? plan.artifact : "",
                     err);
  }
  plan_free(&plan);
}

int main(int argc, char** argv) {
  long long start = now_ms();
  int pid1 = getpid() == 1;
  struct kernel_facts kf;
  struct args a;
  char err[256] = "";

  if (pid1) {
    pid1_setup();
    char** fargv;
    int fargc = args_read_file(PID1_ARGS_FILE, &fargv);
    if (fargc < 0) {
      snprintf(err, sizeof(err), "cannot read %s: %s", PID1_ARGS_FILE, strerror(errno));
      fargc = 1;
      static char* empty[] = {"init", NULL};
      fargv = empty;
    }
    argc = fargc;
    argv = fargv;
  }
  char perr[256] = "";
  int bad = args_parse(&a, argc, argv, perr, sizeof(perr)) != 0 || err[0];
  if (!err[0]) memcpy(err, perr, sizeof(err));
  if (bad && !pid1) {
    fprintf(stderr,
            "bpfcompat-validator: %s\n"
            "usage: bpfcompat-validator [--out PATH] [--mode load_only|load_attach]"
            " [--case-timeout SEC] [--module PATH]... [--btf PATH] [--poweroff]"
            " [NAME=PATH | --case PLAN]...\n",
            err);
    return 64;
  }
  raise_memlock();
  logcap_install();
  int out = open_out(a.out, pid1);
  if (out < 0 && pid1) out = open_serial_raw(PID1_OUT);
  if (out < 0) {
    if (!pid1) {
      fprintf(stderr, "bpfcompat-validator: cannot open %s: %s\n", a.out, strerror(errno));
      return 1;
    }
    out = STDERR_FILENO; /* the console: better than nothing */
  }

  /* The test knob acts before anything looks at the kernel's BTF. */
  int btf_hidden = pid1 && btf_hide_if_asked() == 1;
  btf_external_set(a.btf);
  probe_kernel(&kf);
  write_hello(out, &a, &kf, btf_hidden);
  if (bad) {
    write_error(out, err);
    a.n_artifacts = 0;
  }
  /* The record's support probes are answered once and shared between cases (probe_cache.c). */
  probe_cache_init();

  if (pid1) pid1_install_busybox(); /* /bin/sh for the tests and commands of case plans */

  struct case_opts co = {.bpf_lsm_active = kf.bpf_lsm_active,
                         .case_timeout_sec = a.case_timeout_sec};
  for (int i = 0; i < a.n_artifacts; i++) run_item(out, &a.artifacts[i], &a, &co, kf.btf_vmlinux);
  write_end(out, a.n_artifacts, now_ms() - start);

  if (pid1 || a.poweroff) power_off(out);
  return 0;
}
