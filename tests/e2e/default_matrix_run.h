// One `bpfcompat test` of several example objects on the built-in default matrix, shared by the
// e2e suites that check verdicts across every default kernel: its work directory, its output and
// its JSON report (null when none was written).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "bpfcompat/core/temp_dir.h"
#include "report_json.h"
#include "support/run_bpfcompat.h"

namespace bpfcompat::testing {

inline const char* const kDefaultProfiles[] = {"debian-11", "debian-12", "debian-13",
                                               "debian-unstable"};

struct DefaultMatrixRun {
  std::unique_ptr<TempDir> dir;
  CliRun run;
  nlohmann::json report;  // null: no report.json

  // The target of `profile` for `artifact`; a null json when there is none.
  const nlohmann::json& target(const std::string& profile, const std::string& artifact) const {
    static const nlohmann::json kNone;
    if (report.is_null()) return kNone;
    const nlohmann::json* t = testing::target(report, profile, artifact);
    return t ? *t : kNone;
  }
};

// Runs `bpfcompat test` with --out <dir>/report.json, --markdown <dir>/report.md, --workdir
// <dir>/work and one --artifact per name (files of EXAMPLES_BUILD_DIR).
inline std::unique_ptr<DefaultMatrixRun> run_examples_on_default_matrix(
    const std::string& name, const std::vector<std::string>& artifacts,
    std::chrono::minutes timeout) {
  auto out = std::make_unique<DefaultMatrixRun>();
  auto d = TempDir::create(name);
  if (!d) {
    ADD_FAILURE() << d.error().describe();
    return out;
  }
  out->dir = std::make_unique<TempDir>(std::move(*d));
  std::string dir = out->dir->path();
  std::vector<std::string> args = {
      "test",      "--out",      dir + "/report.json", "--markdown", dir + "/report.md",
      "--workdir", dir + "/work"};
  for (const auto& a : artifacts) {
    args.insert(args.end(), {"--artifact", std::string(EXAMPLES_BUILD_DIR) + "/" + a});
  }
  out->run = run_bpfcompat(args, timeout);
  out->report = load_json(dir + "/report.json");
  return out;
}

}  // namespace bpfcompat::testing
