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
  int isolated;   /* attached alone, the others of its object detached (attach_order.c) */
  char note[512]; /* how the attach was sequenced, when it was not simply attached */
  int traceable;  /* trampoline failures: target in available_filter_functions (1/0, -1) */
};

/* What one attach keeps alive: a link, an fd (socket, iterator) or a tc filter, tagged with
 * the program that made it so it can be detached alone. */
struct attach_held {
  int owner; /* program index (attach_env.owner when it was made), -1 for the object */
  struct bpf_link* link;
  int fd;
  int tc; /* a tc filter on lo's clsact ingress: */
  unsigned tc_handle, tc_priority;
};

/* Everything attached stays alive until attach_env_release (or attach_env_detach of its owner),
 * so programs coexist like they would under a real loader. Targets (cgroup, netns fd, clsact
 * hook) are made on first use. */
struct attach_env {
  int bpf_lsm_active;
  int lo_ifindex;
  int cgroup_fd;
  char cgroup_path[96];
  int cgroup_created;
  int netns_fd;
  int tc_hook_created;
  int n_netfilter; /* netfilter links made: each gets its own priority */
  int owner;       /* the program being attached: what it holds is tagged with it */
  int n_held;
  struct attach_held held[ATTACH_MAX_HELD];
};

void attach_env_init(struct attach_env* e, int bpf_lsm_active);
void attach_env_release(struct attach_env* e);
/* Detaches everything `owner` holds; attach_env_holds says whether it holds anything. */
void attach_env_detach(struct attach_env* e, int owner);
int attach_env_holds(const struct attach_env* e, int owner);

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
void attach_hold_tc(struct attach_env* e, unsigned handle, unsigned priority);
void attach_tc_detach(struct attach_env* e, const struct attach_held* h); /* attach_net.c */

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
