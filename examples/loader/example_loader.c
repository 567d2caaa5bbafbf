/* A tiny static loader for command-mode examples: opens an eBPF object ($BPFCOMPAT_ARTIFACT or
 * argv[1]), loads it and attaches every program libbpf can auto-attach, like a real loader would.
 * Exit codes: 0 loaded and attached; 10 open failed; 11 load failed; 12 attach failed; 2 usage. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/libbpf.h>

int main(int argc, char** argv) {
  const char* path = argc > 1 ? argv[1] : getenv("BPFCOMPAT_ARTIFACT");
  if (!path || !*path) {
    fprintf(stderr, "usage: %s OBJECT.bpf.o (or set BPFCOMPAT_ARTIFACT)\n", argv[0]);
    return 2;
  }
  struct bpf_object* obj = bpf_object__open_file(path, NULL);
  if (!obj) {
    fprintf(stderr, "loader: open %s: %s\n", path, strerror(errno));
    return 10;
  }
  if (bpf_object__load(obj)) {
    fprintf(stderr, "loader: load %s: %s\n", path, strerror(errno));
    bpf_object__close(obj);
    return 11;
  }
  struct bpf_program* prog;
  int attached = 0;
  bpf_object__for_each_program(prog, obj) {
    struct bpf_link* link = bpf_program__attach(prog);
    if (!link) {
      fprintf(stderr, "loader: attach %s: %s\n", bpf_program__name(prog), strerror(errno));
      bpf_object__close(obj);
      return 12;
    }
    ++attached;
    bpf_link__destroy(link);
  }
  printf("loader: %s loaded, %d program(s) attached\n", path, attached);
  bpf_object__close(obj);
  return 0;
}
