/* Fork, pipe and watchdog. The child may crash (a kernel oops kills it with SIGKILL/SIGSEGV),
 * hang in a syscall, or print a huge record; the parent drains the pipe while waiting so a big
 * record cannot deadlock, and keeps the run going whatever the child does. */
#include "runner.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clock.h"
#include "functional.h"
#include "json.h"

int write_all(int fd, const char* buf, size_t len) {
  while (len > 0) {
    ssize_t n = write(fd, buf, len);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    buf += n;
    len -= (size_t)n;
  }
  return 0;
}

/* Cases share one kernel: each starts with an empty trace buffer, so a functional test that looks
 * for its program's bpf_printk output cannot see an earlier case's. */
static void clear_trace_buffer(void) {
  static const char* const paths[] = {"/sys/kernel/tracing/trace",
                                      "/sys/kernel/debug/tracing/trace"};
  for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
    int fd = open(paths[i], O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd >= 0) {
      close(fd);
      return;
    }
  }
}

static void child(int wfd, const struct case_plan* p, const struct case_opts* o, long long start) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  clear_trace_buffer();
  struct jw w;
  size_t len;
  jw_init(&w);
  if (p->mode == MODE_COMMAND)
    command_case_validate(&w, p, start);
  else
    artifact_validate(&w, p, o, start);
  const char* line = jw_line(&w, &len);
  _exit(w.oom || write_all(wfd, line, len) ? 3 : 0);
}

struct outbuf {
  char* buf;
  size_t len, cap;
};

/* Reads what is available; returns 1 at EOF, 0 otherwise. */
static int drain(int fd, struct outbuf* b) {
  char tmp[65536];
  ssize_t n = read(fd, tmp, sizeof(tmp));
  if (n < 0) return errno == EINTR || errno == EAGAIN ? 0 : 1;
  if (n == 0) return 1;
  if (b->len + (size_t)n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 65536;
    while (cap < b->len + (size_t)n + 1) cap *= 2;
    char* nb = realloc(b->buf, cap);
    if (!nb) return 0; /* drop: the record will be reported as crashed */
    b->buf = nb;
    b->cap = cap;
  }
  memcpy(b->buf + b->len, tmp, (size_t)n);
  b->len += (size_t)n;
  return 0;
}

static void write_abnormal(int out_fd, const char* name, const char* path, const char* status,
                           int sig, int exit_code, long long duration) {
  struct jw w;
  size_t len;
  jw_init(&w);
  jw_obj_begin(&w, NULL);
  jw_str(&w, "type", "artifact");
  jw_str(&w, "name", name);
  jw_str(&w, "path", path);
  jw_str(&w, "status", status);
  jw_int(&w, "signal", sig);
  if (exit_code >= 0) jw_int(&w, "exit_code", exit_code);
  jw_int(&w, "duration_ms", duration);
  jw_obj_end(&w);
  const char* line = jw_line(&w, &len);
  write_all(out_fd, line, len);
  jw_free(&w);
}

void write_plan_error(int out_fd, const char* name, const char* path, const char* error) {
  struct jw w;
  size_t len;
  jw_init(&w);
  jw_obj_begin(&w, NULL);
  jw_str(&w, "type", "artifact");
  jw_bool(&w, "case", 1);
  jw_str(&w, "name", name);
  jw_str(&w, "path", path);
  jw_str(&w, "status", "error");
  jw_str(&w, "error", error);
  jw_int(&w, "duration_ms", 0);
  jw_obj_end(&w);
  const char* line = jw_line(&w, &len);
  write_all(out_fd, line, len);
  jw_free(&w);
}

void run_case(int out_fd, const struct case_plan* p, const struct case_opts* o) {
  const char *name = p->name, *path = p->artifact ? p->artifact : "";
  long long start = now_ms();
  long long deadline = start + 1000LL * (o->case_timeout_sec + plan_extra_timeout_sec(p));
  int pfd[2];
  if (pipe2(pfd, O_CLOEXEC) != 0) {
    write_abnormal(out_fd, name, path, "crashed", 0, -1, 0);
    return;
  }
  pid_t pid = fork();
  if (pid == 0) {
    close(pfd[0]);
    child(pfd[1], p, o, start);
  }
  close(pfd[1]);
  if (pid < 0) {
    close(pfd[0]);
    write_abnormal(out_fd, name, path, "crashed", 0, -1, 0);
    return;
  }

  /* The child's exit is polled with the pipe through a pidfd (5.3+); without one, after EOF
   * the loop polls waitpid every 2 ms. */
  int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
  struct outbuf b = {0};
  int eof = 0, status = 0, reaped = 0;
  while (!reaped || !eof) {
    long long left = deadline - now_ms();
    if (left <= 0) break;
    int wait_ms = (int)(left > 1000 ? 1000 : left);
    if (eof && pidfd < 0) {
      if (waitpid(pid, &status, WNOHANG) == pid)
        reaped = 1;
      else
        usleep(2000);
      continue;
    }
    struct pollfd p[2];
    int np = 0, ipipe = -1, ipid = -1;
    if (!eof) {
      p[np] = (struct pollfd){.fd = pfd[0], .events = POLLIN};
      ipipe = np++;
    }
    if (!reaped && pidfd >= 0) {
      p[np] = (struct pollfd){.fd = pidfd, .events = POLLIN};
      ipid = np++;
    }
    if (poll(p, (nfds_t)np, wait_ms) <= 0) continue;
    if (ipipe >= 0 && p[ipipe].revents) eof = drain(pfd[0], &b);
    if (ipid >= 0 && p[ipid].revents && waitpid(pid, &status, WNOHANG) == pid) reaped = 1;
  }
  if (pidfd >= 0) close(pidfd);
  close(pfd[0]);
  long long duration = now_ms() - start;
  if (!reaped) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    write_abnormal(out_fd, name, path, "timeout", SIGKILL, -1, duration);
  } else if (WIFSIGNALED(status)) {
    write_abnormal(out_fd, name, path, "crashed", WTERMSIG(status), -1, duration);
  } else if (WEXITSTATUS(status) != 0 || b.len < 2 || b.buf[b.len - 1] != '\n' || b.buf[0] != '{') {
    write_abnormal(out_fd, name, path, "crashed", 0, WEXITSTATUS(status), duration);
  } else {
    write_all(out_fd, b.buf, b.len);
  }
  free(b.buf);
  /* As PID 1 the validator inherits what a case's commands left behind: reap those zombies. */
  while (waitpid(-1, NULL, WNOHANG) > 0) {
  }
}
