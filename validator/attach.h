/* Attaching loaded programs to the kernel, each the way its type needs (protocol: attach). */
#ifndef BPFCOMPAT_VALIDATOR_ATTACH_H
#define BPFCOMPAT_VALIDATOR_ATTACH_H

#include "json.h"
#include "logcap.h"

struct bpf_link;
struct bpf_object;
struct bpf_program;

#define ATTACH_MAX_HELD 512

struct attach_result {
  const char* status; /* "ok", "failed", "skipped", "not_run" */
  const char* method; /* "auto", "xdp", "tc", ... or "none" */
  int err;            /* positive errno */
  char reason[256];
  char libbpf_tail[LOGCAP_TAIL + 1];
};

/* Everything attached stays alive until attach_env_release, so programs coexist like they
 * would under a real loader. Targets (cgroup, netns fd, clsact hook) are made on first use. */
struct attach_env {
  int bpf_lsm_active;
  int lo_ifindex;
  int cgroup_fd;
  char cgroup_path[96];
  int cgroup_created;
  int netns_fd;
  int tc_hook_created;
  int n_tc; /* filters we added to a clsact that was already there: detached at release */
  unsigned tc_handle[64], tc_priority[64];
  int n_links;
  struct bpf_link* links[ATTACH_MAX_HELD];
  int n_fds;
  int fds[ATTACH_MAX_HELD]; /* sockets and iterator fds */
};

void attach_env_init(struct attach_env* e, int bpf_lsm_active);
void attach_env_release(struct attach_env* e);

/* Attaches one loaded program (not struct_ops: see attach_struct_ops). */
void attach_program(struct attach_env* e, struct bpf_program* p, struct attach_result* r);

/* Registers every struct_ops map of `obj`; the result applies to each struct_ops program. */
void attach_struct_ops(struct attach_env* e, struct bpf_object* obj, struct attach_result* r);

void attach_not_run(struct attach_result* r);
void write_attach_result(struct jw* w, const struct attach_result* r);

/* Shared by attach.c and attach_net.c. */
void attach_ok(struct attach_result* r, const char* method);
void attach_failed(struct attach_result* r, const char* method, int err, const char* reason);
void attach_skipped(struct attach_result* r, const char* reason);
/* Keeps a link (or records the failure from errno when it is NULL). */
void attach_hold_link(struct attach_env* e, struct bpf_link* l, struct attach_result* r,
                      const char* method);
void attach_hold_fd(struct attach_env* e, int fd);

/* attach_net.c: the program types that need a network or cgroup target. */
void attach_xdp(struct attach_env* e, struct bpf_program* p, struct attach_result* r);
void attach_tc(struct attach_env* e, struct bpf_program* p, struct attach_result* r);
void attach_tcx(struct attach_env* e, struct bpf_program* p, struct attach_result* r);
void attach_cgroup(struct attach_env* e, struct bpf_program* p, struct attach_result* r);
void attach_socket(struct attach_env* e, struct bpf_program* p, struct attach_result* r);
void attach_netns(struct attach_env* e, struct bpf_program* p, struct attach_result* r);
void attach_netfilter(struct attach_env* e, struct bpf_program* p, struct attach_result* r);
void attach_net_release(struct attach_env* e);

#endif
