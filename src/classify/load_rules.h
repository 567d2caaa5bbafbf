// Why a bpf_object load failed: one rule per failure family, tried in priority order by
// classify_load_failure(). Private to classify.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bpfcompat/classify/verdict.h"
#include "bpfcompat/validation/validator_output.h"
#include "kernel_facts.h"

namespace bpfcompat::classify {

// One load attempt: a program in isolation (programs = {it}) or the whole object (all programs).
struct LoadFacts {
  const validation::LoadResult* load = nullptr;
  std::vector<const validation::ProgramResult*> programs;
  const validation::ArtifactResult* artifact = nullptr;
  const validation::GuestFacts* guest = nullptr;

  std::string log() const;  // verifier tail + libbpf tail
};

Verdict classify_load_failure(const LoadFacts& facts);

// Shared by the rules and the attach classifier.
Verdict make_verdict(Status status, std::string code, Confidence confidence, std::string reason,
                     std::string evidence, std::string remediation);
std::string kernel_label(const validation::GuestFacts* guest);  // "Linux 6.1.0-28-cloud-amd64"
// True when the guest's release is known and older than `since`.
bool kernel_older_than(const validation::GuestFacts* guest, const KernelVersion& since);
bool lockdown_active(const validation::GuestFacts* guest);
// The best evidence line of a load: the verifier's deciding line, else libbpf's, else the
// errno ("load failed: EINVAL").
std::string load_evidence(const validation::LoadResult& load);

// Rules: each returns a verdict when its facts match.
std::optional<Verdict> rule_map_type(const LoadFacts& f);
std::optional<Verdict> rule_program_type(const LoadFacts& f);
std::optional<Verdict> rule_kfunc_named(const LoadFacts& f);
std::optional<Verdict> rule_helper(const LoadFacts& f);
std::optional<Verdict> rule_missing_btf(const LoadFacts& f);
std::optional<Verdict> rule_core_relocation(const LoadFacts& f);
std::optional<Verdict> rule_attach_target(const LoadFacts& f);
std::optional<Verdict> rule_complexity(const LoadFacts& f);
std::optional<Verdict> rule_kfunc_facts(const LoadFacts& f);
std::optional<Verdict> rule_permission(const LoadFacts& f);
std::optional<Verdict> rule_attach_type(const LoadFacts& f);
Verdict rule_fallback(const LoadFacts& f);

}  // namespace bpfcompat::classify
