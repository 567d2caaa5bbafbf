// Test support for the cloud-image lane's e2e tests: the debootstrap fixture (built once per
// machine by tests/fixtures/build-cloud-image) and a matrix on it.
#pragma once

#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>

#include "bpfcompat/core/subprocess.h"

namespace bpfcompat::testing {

struct CloudFixture {
  std::string image, kernel, initrd, root_cmdline;
  std::string why_missing;  // set when the fixture cannot be built here
};

inline CloudFixture cloud_fixture() {
  static const CloudFixture fixture = [] {
    CloudFixture f;
    auto run = run_captured({BPFCOMPAT_SOURCE_DIR "/tests/fixtures/build-cloud-image"},
                            std::chrono::minutes(30));
    if (!run || run->status.code != 0) {
      f.why_missing =
          "tests/fixtures/build-cloud-image failed: " +
          (run ? run->output.substr(run->output.size() > 2000 ? run->output.size() - 2000 : 0)
               : run.error().describe());
      return f;
    }
    std::string out = run->output;
    while (!out.empty() && out.back() == '\n') out.pop_back();
    f.image = out.substr(out.rfind('\n') == std::string::npos ? 0 : out.rfind('\n') + 1);
    std::ifstream env(f.image.substr(0, f.image.rfind('/')) + "/fixture.env");
    std::string line;
    while (std::getline(env, line)) {
      auto eq = line.find('=');
      if (eq == std::string::npos || line[0] == '#') continue;
      std::string key = line.substr(0, eq), value = line.substr(eq + 1);
      if (value.size() >= 2 && value.front() == '"') value = value.substr(1, value.size() - 2);
      if (key == "KERNEL") f.kernel = value;
      if (key == "INITRD") f.initrd = value;
      if (key == "ROOT_CMDLINE") f.root_cmdline = value;
    }
    return f;
  }();
  return fixture;
}

// A matrix profile on the fixture, booted by its GRUB like a real cloud image. `extra` is
// appended to the profile verbatim (indented by 4).
inline std::string fixture_profile(const CloudFixture& f, const std::string& id,
                                   const std::string& extra = "") {
  std::ostringstream y;
  y << "  - id: " << id << "\n"
    << "    lane: cloud-image\n"
    << "    distro: debian\n"
    << "    image: {path: " << f.image << "}\n"
    << "    memory_mb: 512\n"
    << extra;
  return y.str();
}

inline void write_text(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
}

}  // namespace bpfcompat::testing
