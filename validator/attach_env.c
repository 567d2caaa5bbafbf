/* What attaching keeps alive (links, fds, tc filters), each tagged with the program that made
 * it: released all at once at the end of a case, or one program's at a time when attaches must
 * be sequenced (attach_order.c). */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "attach.h"

static struct attach_held* held_slot(struct attach_env* e) {
  if (e->n_held >= ATTACH_MAX_HELD) return NULL;
  struct attach_held* h = &e->held[e->n_held++];
  memset(h, 0, sizeof(*h));
  h->owner = e->owner;
  h->fd = -1;
  return h;
}

void attach_hold_link(struct attach_env* e, struct bpf_link* l, struct attach_result* r,
                      const char* method) {
  if (!l) {
    attach_failed(r, method, errno, NULL);
    return;
  }
  struct attach_held* h = held_slot(e);
  if (h)
    h->link = l;
  else
    bpf_link__destroy(l);
  attach_ok(r, method);
}

void attach_hold_fd(struct attach_env* e, int fd) {
  struct attach_held* h = held_slot(e);
  if (h)
    h->fd = fd;
  else
    close(fd);
}

void attach_hold_tc(struct attach_env* e, unsigned handle, unsigned priority) {
  struct attach_held* h = held_slot(e);
  if (!h) return; /* removed with the clsact qdisc at release, if we created it */
  h->tc = 1;
  h->tc_handle = handle;
  h->tc_priority = priority;
}

static void release_one(struct attach_env* e, const struct attach_held* h) {
  if (h->link) bpf_link__destroy(h->link);
  if (h->fd >= 0) close(h->fd);
  if (h->tc) attach_tc_detach(e, h);
}

void attach_env_init(struct attach_env* e, int bpf_lsm_active) {
  memset(e, 0, sizeof(*e));
  e->bpf_lsm_active = bpf_lsm_active;
  e->lo_ifindex = 1; /* refined by attach_net.c on first use */
  e->cgroup_fd = -1;
  e->netns_fd = -1;
  e->owner = -1;
}

void attach_env_release(struct attach_env* e) {
  for (int i = e->n_held - 1; i >= 0; i--) release_one(e, &e->held[i]);
  e->n_held = 0;
  attach_net_release(e);
}

void attach_env_detach(struct attach_env* e, int owner) {
  int kept = 0;
  for (int i = e->n_held - 1; i >= 0; i--) {
    if (e->held[i].owner == owner) release_one(e, &e->held[i]);
  }
  for (int i = 0; i < e->n_held; i++) {
    if (e->held[i].owner != owner) e->held[kept++] = e->held[i];
  }
  e->n_held = kept;
}

int attach_env_holds(const struct attach_env* e, int owner) {
  for (int i = 0; i < e->n_held; i++) {
    if (e->held[i].owner == owner) return 1;
  }
  return 0;
}
