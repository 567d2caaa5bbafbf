/* A stand-in /init for the kernel_boot e2e test: reports on the second UART like the validator
 * and powers off. The first line of /etc/bpfcompat/args picks the act: "end" (a hello record
 * and the end record), "poweroff" (hello only) or "panic" (crash the kernel via sysrq). */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <termios.h>
#include <unistd.h>

static void read_first_line(const char* path, char* buf, size_t size) {
  FILE* f = fopen(path, "r");
  buf[0] = '\0';
  if (f == NULL) return;
  if (fgets(buf, (int)size, f) == NULL) buf[0] = '\0';
  buf[strcspn(buf, " \n")] = '\0';
  fclose(f);
}

static void report(const char* mode) {
  int fd = open("/dev/ttyS1", O_WRONLY | O_NOCTTY);
  if (fd < 0) return;
  struct termios t;
  if (tcgetattr(fd, &t) == 0) {
    cfmakeraw(&t);
    tcsetattr(fd, TCSANOW, &t);
  }
  char uptime[64];
  char line[256];
  read_first_line("/proc/uptime", uptime, sizeof uptime);
  int n = snprintf(line, sizeof line, "{\"type\":\"hello\",\"mode\":\"%s\",\"uptime\":%s}\n", mode,
                   uptime[0] ? uptime : "0");
  if (write(fd, line, (size_t)n) != n) return;
  if (strcmp(mode, "end") == 0) {
    const char* end = "{\"type\":\"end\"}\n";
    if (write(fd, end, strlen(end)) < 0) return;
  }
  tcdrain(fd);
  close(fd);
}

int main(void) {
  char mode[64];
  mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
  mount("proc", "/proc", "proc", 0, NULL);
  read_first_line("/etc/bpfcompat/args", mode, sizeof mode);
  report(mode);
  if (strcmp(mode, "panic") == 0) {
    int fd = open("/proc/sysrq-trigger", O_WRONLY);
    if (fd >= 0 && write(fd, "c", 1) < 0) return 1;
  }
  reboot(RB_POWER_OFF);
  return 0;
}
