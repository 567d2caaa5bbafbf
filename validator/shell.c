/* Shell commands for functional tests and command cases. The command runs in its own session
 * (setsid) so a timeout can kill everything it started; its exit is noticed through a pidfd with
 * waitid(WNOWAIT), so the group is killed while the leader's pid is still reserved. */
#include "shell.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clock.h"

#define DRAIN_AFTER_EXIT_MS 1000

struct tail {
  char buf[2 * SHELL_TAIL];
  size_t len;
};

static void tail_add(struct tail* t, const char* s, size_t n) {
  if (n > SHELL_TAIL) {
    s += n - SHELL_TAIL;
    n = SHELL_TAIL;
  }
  if (t->len + n > sizeof(t->buf)) { /* keep the newest half */
    memmove(t->buf, t->buf + t->len - SHELL_TAIL, SHELL_TAIL);
    t->len = SHELL_TAIL;
  }
  memcpy(t->buf + t->len, s, n);
  t->len += n;
}

/* The last SHELL_TAIL bytes as a C string (NUL bytes of the output become '?'). */
static void tail_finish(const struct tail* t, char* out) {
  size_t n = t->len > SHELL_TAIL ? SHELL_TAIL : t->len;
  memcpy(out, t->buf + t->len - n, n);
  for (size_t i = 0; i < n; i++)
    if (out[i] == '\0') out[i] = '?';
  out[n] = '\0';
}

/* PATH, then the plan's variables; a later definition of a name replaces an earlier one. */
static char** build_env(char* const* env, int n_env) {
  char** e = calloc((size_t)n_env + 2, sizeof(*e));
  if (!e) return NULL;
  int k = 0, has_path = 0;
  for (int i = 0; i < n_env; i++) has_path |= env[i] && !strncmp(env[i], "PATH=", 5);
  if (!has_path) e[k++] = "PATH=" SHELL_PATH;
  for (int i = 0; i < n_env; i++) {
    if (!env[i]) continue;
    size_t name_len = strcspn(env[i], "=") + 1;
    int replaced = 0;
    for (int j = i + 1; j < n_env; j++) replaced |= env[j] && !strncmp(env[i], env[j], name_len);
    if (!replaced) e[k++] = env[i];
  }
  e[k] = NULL;
  return e;
}

static void close_from_3(void) {
#ifdef SYS_close_range
  if (syscall(SYS_close_range, 3U, ~0U, 0U) == 0) return;
#endif
  for (int fd = 3; fd < 4096; fd++) close(fd);
}

static void exec_child(const char* cmd, char** envp, int out_w, int err_w) {
  setsid();
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  for (int sig = 1; sig < NSIG; sig++) signal(sig, SIG_DFL); /* EINVAL for some: harmless */
  int nul = open("/dev/null", O_RDONLY);
  if (nul >= 0) dup2(nul, 0);
  dup2(out_w, 1);
  dup2(err_w, 2);
  close_from_3(); /* BPF fds, links, the case's result pipe: not the command's business */
  char* argv[] = {"sh", "-c", (char*)cmd, NULL};
  execve("/bin/sh", argv, envp);
  _exit(127);
}

/* Reads what is there; returns 0 at EOF or on a hard error (the pipe is done). */
static int pump(int fd, struct tail* t) {
  char tmp[8192];
  for (;;) {
    ssize_t n = read(fd, tmp, sizeof(tmp));
    if (n > 0) {
      tail_add(t, tmp, (size_t)n);
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) return 1;
    return 0;
  }
}

static int exited_now(pid_t pid) {
  siginfo_t si;
  memset(&si, 0, sizeof(si));
  return waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0 && si.si_pid == pid;
}

struct watch {
  pid_t pid;
  int pidfd;
  int fds[2]; /* stdout, stderr read ends; -1 once at EOF */
  struct tail tails[2];
};

/* Waits for the leader's exit and EOF on both pipes, until `deadline`. Returns 1 when the
 * leader exited (its group is then killed), 0 on timeout. */
static int watch_until(struct watch* w, long long deadline) {
  int exited = 0;
  while (!exited || w->fds[0] >= 0 || w->fds[1] >= 0) {
    long long left = deadline - now_ms();
    if (left <= 0) break;
    struct pollfd p[3];
    int np = 0;
    for (int i = 0; i < 2; i++)
      if (w->fds[i] >= 0) p[np++] = (struct pollfd){.fd = w->fds[i], .events = POLLIN};
    if (!exited && w->pidfd >= 0) p[np++] = (struct pollfd){.fd = w->pidfd, .events = POLLIN};
    int wait = (int)(left > 1000 ? 1000 : left);
    if (!exited && w->pidfd < 0 && wait > 10) wait = 10;
    poll(p, (nfds_t)np, wait);
    for (int i = 0; i < 2; i++) {
      if (w->fds[i] >= 0 && !pump(w->fds[i], &w->tails[i])) {
        close(w->fds[i]);
        w->fds[i] = -1;
      }
    }
    if (!exited && exited_now(w->pid)) {
      exited = 1;
      kill(-w->pid, SIGKILL); /* what it left behind would hold the pipes open */
      if (deadline > now_ms() + DRAIN_AFTER_EXIT_MS) deadline = now_ms() + DRAIN_AFTER_EXIT_MS;
    }
  }
  return exited;
}

static void start_failed(struct test_run* r, const char* what) {
  r->exit_code = 127;
  snprintf(r->error, sizeof(r->error), "%s", what);
}

void shell_run(const struct plan_test* t, char* const* env, int n_env, struct test_run* r) {
  long long start = now_ms();
  r->exit_code = -1;
  r->timed_out = 0;
  r->duration_ms = 0;
  r->out_tail[0] = r->err_tail[0] = r->error[0] = '\0';
  if (access("/bin/sh", X_OK) != 0) {
    start_failed(r, "no /bin/sh in the guest");
    return;
  }
  int po[2], pe[2];
  char** envp = build_env(env, n_env);
  if (!envp || pipe2(po, O_CLOEXEC) != 0) {
    free(envp);
    start_failed(r, "cannot start the command: out of resources");
    return;
  }
  if (pipe2(pe, O_CLOEXEC) != 0) {
    close(po[0]);
    close(po[1]);
    free(envp);
    start_failed(r, "cannot start the command: out of resources");
    return;
  }
  pid_t pid = fork();
  if (pid == 0) exec_child(t->command, envp, po[1], pe[1]);
  close(po[1]);
  close(pe[1]);
  free(envp);
  struct watch* w = calloc(1, sizeof(*w));
  if (pid < 0 || !w) {
    if (pid > 0) {
      kill(pid, SIGKILL);
      waitpid(pid, NULL, 0);
    }
    close(po[0]);
    close(pe[0]);
    free(w);
    start_failed(r, pid < 0 ? "cannot start the command: fork failed" : "out of memory");
    return;
  }
  *w = (struct watch){
      .pid = pid, .pidfd = (int)syscall(SYS_pidfd_open, pid, 0), .fds = {po[0], pe[0]}};
  for (int i = 0; i < 2; i++) fcntl(w->fds[i], F_SETFL, fcntl(w->fds[i], F_GETFL) | O_NONBLOCK);
  int exited = watch_until(w, start + 1000LL * t->timeout_sec);
  if (!exited) {
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  for (int i = 0; i < 2; i++) {
    if (w->fds[i] < 0) continue;
    pump(w->fds[i], &w->tails[i]); /* what is already in the pipe */
    close(w->fds[i]);
  }
  if (w->pidfd >= 0) close(w->pidfd);
  tail_finish(&w->tails[0], r->out_tail);
  tail_finish(&w->tails[1], r->err_tail);
  free(w);
  r->timed_out = !exited;
  if (!exited)
    r->exit_code = 124;
  else if (WIFSIGNALED(status))
    r->exit_code = 128 + WTERMSIG(status);
  else
    r->exit_code = WEXITSTATUS(status);
  r->duration_ms = now_ms() - start;
}
