// Small plan inputs for the planner tests: matrices of named profiles, cases on them.
#pragma once

#include <string>
#include <vector>

#include "bpfcompat/plan/planner.h"

namespace bpfcompat::plan::testing {

inline config::MatrixEntry entry(const std::string& id, bool required = true,
                                 config::Lane lane = config::Lane::kKernel) {
  config::MatrixEntry e;
  e.profile.id = id;
  e.profile.lane = lane;
  e.profile.origin = "built-in";
  e.required = required;
  return e;
}

inline config::Matrix matrix(const std::string& name, std::vector<config::MatrixEntry> entries) {
  return config::Matrix{name, "/m/" + name + ".yaml", std::move(entries)};
}

inline CaseSpec artifact_case(const std::string& file, std::size_t matrix = 0) {
  CaseSpec c;
  c.artifact = Artifact{file, "/objects/" + file, "sha-" + file, {}};
  c.matrix = matrix;
  return c;
}

inline config::Manifest manifest_with_tests() {
  config::Manifest m;
  m.path = "/m/manifest.yaml";
  config::FunctionalTest t;
  t.name = "smoke";
  t.command = "true";
  m.functional_tests.push_back(t);
  return m;
}

}  // namespace bpfcompat::plan::testing
