// The objects inspect's tests read: the shipped examples (BPFCOMPAT_EXAMPLE_OBJECTS) and the
// small ones tests/data/inspect builds (BPFCOMPAT_INSPECT_OBJECTS).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "bpfcompat/inspect/object_facts.h"

namespace bpfcompat::inspect::testing {

inline std::string example_object(const std::string& name) {
  return std::string(BPFCOMPAT_EXAMPLE_OBJECTS) + "/" + name + ".bpf.o";
}

inline std::string test_object(const std::string& name) {
  return std::string(BPFCOMPAT_INSPECT_OBJECTS) + "/" + name + ".bpf.o";
}

inline ObjectFacts read_path(const std::string& path) {
  auto facts = read_object(path);
  EXPECT_TRUE(facts) << facts.error().describe();
  return facts ? *facts : ObjectFacts{};
}

inline const ProgramFacts* find_program(const ObjectFacts& f, const std::string& name) {
  auto it = std::find_if(f.programs.begin(), f.programs.end(),
                         [&](const auto& p) { return p.name == name; });
  return it == f.programs.end() ? nullptr : &*it;
}

inline const HelperCall* find_helper(const CodeFacts& c, const std::string& name) {
  auto it = std::find_if(c.helpers.begin(), c.helpers.end(),
                         [&](const auto& h) { return h.name == name; });
  return it == c.helpers.end() ? nullptr : &*it;
}

}  // namespace bpfcompat::inspect::testing
