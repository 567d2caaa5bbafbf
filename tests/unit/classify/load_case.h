// One row of the load-failure table: the facts, and the verdict they must produce. The rows
// use libbpf 1.4.6's message formats (from the strings of the installed libbpf.so.1.4.6) and the
// kernel verifier's wording.
#pragma once

#include <string>
#include <vector>

#include "bpfcompat/classify/verdict.h"
#include "facts_builder.h"

namespace bpfcompat::classify::testing {

struct LoadCase {
  std::string name;
  validation::ArtifactResult artifact;
  validation::GuestFacts guest;
  std::string code;
  Confidence confidence;
  std::string evidence;         // exact
  std::string reason_has;       // substring
  std::string remediation_has;  // substring
};

inline constexpr const char* kStats =
    "processed 6 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 "
    "mark_read 0\n";

inline validation::ProgramResult tracepoint(const char* name = "handle") {
  return program(name, "tp/sched/sched_process_exec", 5, "tracepoint");
}

// Maps, program types, helpers and kfuncs.
std::vector<LoadCase> feature_load_cases();
// BTF, CO-RE, attach targets, verifier limits, permissions, attach types, fallbacks.
std::vector<LoadCase> log_load_cases();

}  // namespace bpfcompat::classify::testing
