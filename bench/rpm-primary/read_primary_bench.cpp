// Times sources::read_primary on one primary file: without a .solv copy (the XML parsed), then
// twice with it (the first run writes it, the others read it). Built by bench/rpm-primary.sh.
#include <chrono>
#include <cstdio>
#include <string>

#include "rpm_metadata.h"

namespace {

double seconds_of(const bpfcompat::sources::PrimaryOptions& options, const char* path,
                  std::size_t* kept) {
  auto start = std::chrono::steady_clock::now();
  auto packages = bpfcompat::sources::read_primary(path, path, path, options);
  *kept = packages ? packages->size() : 0;
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s PRIMARY.xml.zst SOLV_PATH\n", argv[0]);
    return 2;
  }
  bpfcompat::sources::PrimaryOptions all;
  bpfcompat::sources::PrimaryOptions kernel;
  kernel.wanted = [](std::string_view name) { return name.substr(0, 6) == "kernel"; };
  bpfcompat::sources::PrimaryOptions cached = kernel;
  cached.solv_cache = argv[2];
  std::size_t kept = 0;
  struct Step {
    const char* what;
    const bpfcompat::sources::PrimaryOptions* options;
  };
  const Step steps[] = {{"xml, every package kept:", &all},
                        {"xml, the kernel's kept:", &kernel},
                        {"xml, .solv copy written:", &cached},
                        {".solv copy read:", &cached}};
  for (const Step& step : steps) {
    double s = seconds_of(*step.options, argv[1], &kept);
    std::printf("%-26s %.2f s (%zu packages)\n", step.what, s, kept);
  }
  return 0;
}
