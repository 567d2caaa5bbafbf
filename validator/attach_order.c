/* A correct object must never fail because of how the validator sequences its attaches. Two
 * cases: (1) v[i] needs a slot an earlier program of the object holds (attach_slot.c); (2) its
 * attach failed with EBUSY/EEXIST while other programs of the object were attached, which may be
 * a conflict we do not know of. Either way v[i] is attached alone: the others are detached, v[i]
 * attached, its result recorded (isolated, with a note), v[i] detached, the others re-attached,
 * so the first program keeps its slot for the rest of the case (functional tests). */
#include "attach_order.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "attach_slot.h"

#define MAX_OTHERS 64

/* The programs before v[i] attached now: all of them, or those holding `slot`. */
static int attached_before(const struct attach_env* e, const struct prog_info* v, int i,
                           const char* slot, int* out) {
  int n = 0;
  for (int k = 0; k < i && n < MAX_OTHERS; k++) {
    if (!attach_env_holds(e, k)) continue;
    const char* s = attach_slot(v[k].type, v[k].eat);
    if (slot && (!s || strcmp(s, slot))) continue;
    out[n++] = k;
  }
  return n;
}

static void attach_as(struct attach_env* e, struct prog_info* pi, int owner) {
  e->owner = owner;
  attach_program(e, pi->prog, &pi->attach);
  e->owner = -1;
}

static void names_of(const struct prog_info* v, const int* ks, int n, char* buf, size_t size) {
  size_t len = 0;
  buf[0] = '\0';
  for (int j = 0; j < n && len < size; j++)
    len += (size_t)snprintf(buf + len, size - len, "%s'%s'", j ? ", " : "", v[ks[j]].name);
}

/* Re-attaches v[k] after an isolated attach; a failure is noted on v[k] (its own attach went
 * well, but it is not attached for the rest of the case). */
static void reattach(struct attach_env* e, struct prog_info* v, int k) {
  struct attach_result keep = v[k].attach;
  attach_as(e, &v[k], k);
  struct attach_result again = v[k].attach;
  v[k].attach = keep;
  if (!strcmp(again.status, "ok")) return;
  snprintf(v[k].attach.note, sizeof(v[k].attach.note),
           "re-attaching it after an isolated attach failed (%s): detached for the rest of the "
           "case",
           strerror(again.err));
}

static void attach_alone(struct attach_env* e, struct prog_info* v, int i, const int* others, int n,
                         const char* why) {
  char names[128];
  names_of(v, others, n, names, sizeof(names));
  for (int j = 0; j < n; j++) attach_env_detach(e, others[j]);
  attach_as(e, &v[i], i);
  struct attach_result* r = &v[i].attach;
  if (!strcmp(r->status, "ok")) {
    r->isolated = 1;
    snprintf(r->note, sizeof(r->note),
             "%s: attached alone, with %s detached, then detached again so the object's earlier "
             "programs stay attached",
             why, names);
  } else {
    snprintf(r->note, sizeof(r->note), "%s: failed alone too, with %s detached", why, names);
  }
  attach_env_detach(e, i);
  for (int j = 0; j < n; j++) reattach(e, v, others[j]);
}

void attach_in_order(struct attach_env* e, struct prog_info* v, int i) {
  int others[MAX_OTHERS];
  char why[160];
  const char* slot = attach_slot(v[i].type, v[i].eat);
  int n = slot ? attached_before(e, v, i, slot, others) : 0;
  if (n > 0) {
    snprintf(why, sizeof(why), "%s holds one program at a time", slot);
    attach_alone(e, v, i, others, n, why);
    return;
  }
  attach_as(e, &v[i], i);
  int err = v[i].attach.err;
  if (strcmp(v[i].attach.status, "failed") || (err != EBUSY && err != EEXIST)) return;
  n = attached_before(e, v, i, NULL, others);
  if (n == 0) return; /* nothing of ours in the way: the failure stands */
  struct attach_result first = v[i].attach;
  snprintf(why, sizeof(why),
           "the attach failed with %s while other programs of the object were "
           "attached",
           err == EBUSY ? "EBUSY" : "EEXIST");
  attach_alone(e, v, i, others, n, why);
  if (strcmp(v[i].attach.status, "ok")) { /* a real conflict: report the first failure */
    char note[sizeof(first.note)];
    memcpy(note, v[i].attach.note, sizeof(note));
    v[i].attach = first;
    memcpy(v[i].attach.note, note, sizeof(note));
  }
}
