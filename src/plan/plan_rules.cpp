#include "plan_rules.h"

#include <algorithm>

#include <fmt/format.h>

namespace bpfcompat::plan {
namespace {

std::string matrix_label(const config::Matrix& m) {
  return m.path.empty() ? m.name : m.path;
}

// "suite.yaml:12: case x: " for suite cases, nothing for `test`.
std::string where(const CaseSpec& spec) {
  return spec.origin.empty() ? "" : fmt::format("{}: case {}: ", spec.origin, spec.name);
}

bool has_kernel_lane(const config::Matrix& matrix) {
  return std::any_of(matrix.entries.begin(), matrix.entries.end(),
                     [](const auto& e) { return e.profile.lane == config::Lane::kKernel; });
}

void check_lanes(const config::Matrix& matrix, std::vector<Error>& out) {
  for (const auto& e : matrix.entries) {
    if (e.profile.lane != config::Lane::kHost) continue;
    out.push_back(invalid_input(
        fmt::format("{}: profile '{}' uses lane '{}', which this version cannot run yet",
                    matrix.path.empty() ? "matrix" : matrix.path, e.profile.id,
                    config::lane_name(e.profile.lane)),
        "use kernel or cloud-image profiles"));
  }
}

// Two matrices of a suite may share a profile id only if they mean the same profile.
void check_same_profiles(const std::vector<config::Matrix>& matrices, std::vector<Error>& out) {
  for (std::size_t i = 0; i < matrices.size(); ++i) {
    for (std::size_t j = i + 1; j < matrices.size(); ++j) {
      for (const auto& a : matrices[i].entries) {
        for (const auto& b : matrices[j].entries) {
          if (a.profile.id != b.profile.id || a.profile.origin == b.profile.origin) continue;
          out.push_back(invalid_input(
              fmt::format("profile '{}' is defined twice, differently: at {} and at {}",
                          a.profile.id, a.profile.origin, b.profile.origin),
              "give one of them another id, or define it once in a profiles/ file both "
              "matrices use"));
        }
      }
    }
  }
}

void check_manifest(const CaseSpec& spec, const config::Matrix& matrix, std::vector<Error>& out) {
  if (!spec.manifest) return;
  for (const auto& id : spec.manifest->required_profiles) {
    bool found = std::any_of(matrix.entries.begin(), matrix.entries.end(),
                             [&](const auto& e) { return e.profile.id == id; });
    if (found) continue;
    out.push_back(invalid_input(
        fmt::format("{}{}: required_profiles names '{}', which matrix '{}' does not have",
                    where(spec), spec.manifest->path, id, matrix_label(matrix)),
        "add the profile to the matrix, or remove it from the manifest's required_profiles"));
  }
}

void check_command(const CaseSpec& spec, const config::Matrix& matrix, std::vector<Error>& out) {
  if (!spec.command) return;
  const Command& c = *spec.command;
  if (spec.manifest) {
    out.push_back(invalid_input(
        fmt::format("{}a command case has a manifest (or a test: block); a command case runs "
                    "only its command",
                    where(spec)),
        "split it into two cases: one with the command, one with the artifact and manifest"));
  }
  if (c.command.empty()) {
    out.push_back(
        invalid_input(where(spec) + "the command is empty", "pass --cmd 'SHELL COMMAND'"));
  }
  if (c.expect_exit < 0 || c.expect_exit > 255) {
    out.push_back(invalid_input(
        fmt::format("{}expected exit code {} is outside 0–255", where(spec), c.expect_exit)));
  }
  if (c.binary_linkage == Linkage::kDynamic && has_kernel_lane(matrix)) {
    out.push_back(invalid_input(
        fmt::format("{}{}: a dynamically linked program; the kernel lane's guest has no C "
                    "library to run it",
                    where(spec), c.binary),
        "link it statically (e.g. -static, or CGO_ENABLED=0 for Go), or test it on a "
        "cloud-image profile, whose guest has the distro's userspace"));
  }
}

}  // namespace

std::vector<Error> check_inputs(const PlanInputs& inputs) {
  std::vector<Error> out;
  if (inputs.cases.empty()) {
    out.push_back(invalid_input("no artifact given", "pass --artifact FILE.bpf.o"));
  }
  for (const auto& m : inputs.matrices) check_lanes(m, out);
  check_same_profiles(inputs.matrices, out);
  for (const auto& spec : inputs.cases) {
    if (spec.matrix >= inputs.matrices.size()) {
      out.push_back(internal_error("case names a matrix that was not loaded"));
      continue;
    }
    const config::Matrix& matrix = inputs.matrices[spec.matrix];
    check_manifest(spec, matrix, out);
    check_command(spec, matrix, out);
  }
  return out;
}

}  // namespace bpfcompat::plan
