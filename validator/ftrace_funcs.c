/* The kernel installs a BPF trampoline through ftrace when the function is an ftrace location;
 * otherwise it pokes the function's first instruction itself and answers EBUSY when that is not
 * the expected nop (notrace functions, files built without -pg). So an fentry attach that fails
 * with EBUSY on a function that is in the BTF but not in available_filter_functions is a target
 * that cannot be traced, not a busy one. */
#include "ftrace_funcs.h"

#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#define TRACEFS "/sys/kernel/tracing"
#define FILTER_FUNCS TRACEFS "/available_filter_functions"

const char* trampoline_target(const char* section) {
  const char* slash = section ? strchr(section, '/') : NULL;
  if (!slash || !slash[1]) return NULL;
  const char* colon = strchr(slash + 1, ':'); /* "module:function" */
  return colon ? colon + 1 : slash + 1;
}

int ftrace_traceable(const char* func) {
  if (!func || !*func) return -1;
  if (access(FILTER_FUNCS, R_OK) != 0) mount("tracefs", TRACEFS, "tracefs", 0, NULL);
  FILE* f = fopen(FILTER_FUNCS, "re");
  if (!f) return -1;
  size_t len = strlen(func);
  char line[512];
  int found = 0;
  /* Lines are "name" or "name [module]". */
  while (!found && fgets(line, sizeof(line), f)) {
    found = !strncmp(line, func, len) &&
            (line[len] == '\n' || line[len] == ' ' || line[len] == '\t' || line[len] == '\0');
  }
  fclose(f);
  return found;
}
