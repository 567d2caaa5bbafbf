#include "bpfcompat/core/subprocess.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include <fmt/format.h>

#include "bpfcompat/core/cancellation.h"
#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/temp_dir.h"

namespace bpfcompat {
namespace {

ExitStatus decode(int wstatus) {
  ExitStatus s;
  if (WIFEXITED(wstatus)) s.code = WEXITSTATUS(wstatus);
  if (WIFSIGNALED(wstatus)) s.signal = WTERMSIG(wstatus);
  return s;
}

int open_output(const std::string& path, bool append) {
  if (path.empty()) return open("/dev/null", O_WRONLY | O_CLOEXEC);
  int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC);
  return open(path.c_str(), flags, 0644);
}

}  // namespace

Result<Subprocess> Subprocess::spawn(const std::vector<std::string>& argv,
                                     const SpawnOptions& opts) {
  if (argv.empty()) return internal_error("spawn: empty argv");
  // Everything the child needs is prepared before fork: only async-signal-safe calls after it.
  std::vector<char*> cargv;
  cargv.reserve(argv.size() + 1);
  for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  int out_fd = open_output(opts.stdout_path, opts.append);
  int err_fd = opts.stderr_path.empty() ? -1 : open_output(opts.stderr_path, opts.append);
  int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (out_fd < 0 || null_fd < 0 || (!opts.stderr_path.empty() && err_fd < 0)) {
    std::string msg = fmt::format("cannot open output file for {}: {}", argv[0], strerror(errno));
    for (int fd : {out_fd, err_fd, null_fd})
      if (fd >= 0) close(fd);
    return infrastructure_error(msg);
  }
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) {
    for (int fd : {out_fd, err_fd, null_fd})
      if (fd >= 0) close(fd);
    return infrastructure_error(fmt::format("fork failed: {}", strerror(errno)));
  }
  if (pid == 0) {
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);  // the parent died before prctl took effect
    dup2(null_fd, STDIN_FILENO);
    dup2(out_fd, STDOUT_FILENO);
    dup2(err_fd >= 0 ? err_fd : out_fd, STDERR_FILENO);
    for (int fd : opts.inherit_fds) fcntl(fd, F_SETFD, 0);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    execvp(cargv[0], cargv.data());
    _exit(127);
  }
  setpgid(pid, pid);  // also from the parent, so kill() never races the child's own setpgid
  for (int fd : {out_fd, err_fd, null_fd})
    if (fd >= 0) close(fd);
  return Subprocess(pid);
}

Subprocess::Subprocess(Subprocess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)), status_(std::move(other.status_)) {}

Subprocess& Subprocess::operator=(Subprocess&& other) noexcept {
  if (this != &other) {
    kill();
    pid_ = std::exchange(other.pid_, -1);
    status_ = std::move(other.status_);
  }
  return *this;
}

Subprocess::~Subprocess() {
  kill();
}

std::optional<ExitStatus> Subprocess::poll() {
  if (status_ || pid_ < 0) return status_;
  int wstatus = 0;
  pid_t r = waitpid(pid_, &wstatus, WNOHANG);
  if (r == pid_) status_ = decode(wstatus);
  return status_;
}

std::optional<ExitStatus> Subprocess::wait_for(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (auto s = poll()) return s;
    if (cancelled() || std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

void Subprocess::kill() {
  if (pid_ < 0) return;
  if (!status_) {
    ::kill(-pid_, SIGKILL);
    ::kill(pid_, SIGKILL);
    int wstatus = 0;
    while (waitpid(pid_, &wstatus, 0) < 0 && errno == EINTR) {
    }
    status_ = decode(wstatus);
  } else {
    ::kill(-pid_, SIGKILL);  // stray grandchildren left in the group
  }
  pid_ = -1;
}

Result<CapturedRun> run_captured(const std::vector<std::string>& argv,
                                 std::chrono::milliseconds timeout) {
  auto dir = TempDir::create("bpfcompat-run");
  if (!dir) return std::move(dir).error();
  std::string out_path = dir->path() + "/out";
  auto proc = Subprocess::spawn(argv, SpawnOptions{out_path, {}, false});
  if (!proc) return std::move(proc).error();
  CapturedRun run;
  auto status = proc->wait_for(timeout);
  if (!status) {
    proc->kill();
    run.timed_out = true;
    status = proc->poll();
  }
  run.status = status.value_or(ExitStatus{});
  auto text = read_file(out_path, 1 << 20);
  if (text) run.output = std::move(*text);
  return run;
}

}  // namespace bpfcompat
