/* PID 1 duties. Everything here is best effort: a kernel that lacks a file system or a device
 * must still get the validation done, and PID 1 must never exit (that panics the kernel). */
#include "pid1.h"

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

struct mount_spec {
  const char *fstype, *target;
};

/* Order matters: /sys must exist before the file systems mounted below it. */
static const struct mount_spec kMounts[] = {
    {"proc", "/proc"},
    {"sysfs", "/sys"},
    {"devtmpfs", "/dev"},
    {"debugfs", "/sys/kernel/debug"},
    {"tracefs", "/sys/kernel/tracing"},
    {"bpf", "/sys/fs/bpf"},
    {"securityfs", "/sys/kernel/security"},
    {"cgroup2", "/sys/fs/cgroup"},
};

static void console_stdio(void) {
  /* Without /dev/console in the initramfs the kernel starts init with fds 0-2 closed; libc
   * and libbpf may still write to stderr, so point them at the console once devtmpfs is up. */
  if (fcntl(2, F_GETFD) >= 0) return;
  int fd = open("/dev/console", O_RDWR | O_NOCTTY);
  if (fd < 0) fd = open("/dev/null", O_RDWR);
  if (fd < 0) return;
  for (int i = 0; i < 3; i++)
    if (fd != i) dup2(fd, i);
  if (fd > 2) close(fd);
}

static void lo_up(void) {
  int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (s < 0) return;
  struct ifreq ifr;
  memset(&ifr, 0, sizeof(ifr));
  strncpy(ifr.ifr_name, "lo", IFNAMSIZ - 1);
  if (ioctl(s, SIOCGIFFLAGS, &ifr) == 0) {
    ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
    ioctl(s, SIOCSIFFLAGS, &ifr);
  }
  close(s);
}

void pid1_setup(void) {
  for (size_t i = 0; i < sizeof(kMounts) / sizeof(kMounts[0]); i++) {
    mkdir(kMounts[i].target, 0755); /* EEXIST, or EROFS under sysfs: both harmless */
    mount(kMounts[i].fstype, kMounts[i].target, kMounts[i].fstype, 0, NULL);
    /* EBUSY (already mounted), ENOENT/ENODEV (kernel lacks it) are fine: carry on. */
  }
  console_stdio();
  lo_up();
}

void pid1_install_busybox(void) {
  setenv("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", 1);
  if (access("/bin/busybox", X_OK) != 0) return;
  static const char* const dirs[] = {"/bin", "/sbin", "/usr", "/usr/bin", "/usr/sbin"};
  for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) mkdir(dirs[i], 0755);
  pid_t pid = fork();
  if (pid == 0) {
    char* argv[] = {"busybox", "--install", "-s", NULL};
    execv("/bin/busybox", argv);
    _exit(127);
  }
  if (pid > 0) waitpid(pid, NULL, 0);
}

int open_serial_raw(const char* path) {
  int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return -1;
  struct termios t;
  if (tcgetattr(fd, &t) == 0) {
    /* Raw: no "\n" -> "\r\n" translation, so each JSON line arrives byte for byte. */
    cfmakeraw(&t);
    cfsetospeed(&t, B115200);
    tcsetattr(fd, TCSANOW, &t);
  }
  return fd;
}

void load_modules(struct jw* w, const char* const* paths, int n) {
  for (int i = 0; i < n; i++) {
    int err = 0, already = 0;
    int fd = open(paths[i], O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      err = errno;
    } else {
      if (syscall(SYS_finit_module, fd, "", 0) != 0) {
        err = errno;
        if (err == EEXIST) {
          already = 1;
          err = 0;
        }
      }
      close(fd);
    }
    jw_obj_begin(w, NULL);
    jw_str(w, "path", paths[i]);
    jw_bool(w, "ok", err == 0);
    jw_int(w, "errno", err);
    if (already) jw_bool(w, "already_loaded", 1);
    jw_obj_end(w);
  }
}

void raise_memlock(void) {
  struct rlimit r = {RLIM_INFINITY, RLIM_INFINITY};
  setrlimit(RLIMIT_MEMLOCK, &r);
}

void power_off(int fd) {
  if (fd >= 0) tcdrain(fd); /* a no-op (ENOTTY) on files and pipes */
  sync();
  reboot(RB_POWER_OFF);
  /* Still here (no permission?): PID 1 must not return. */
  for (;;) pause();
}
