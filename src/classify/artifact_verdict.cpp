// classify_artifact: per-program verdicts, then the target's (the worst program's, or the whole
// object's when the object failed although every program loaded on its own).
#include <fmt/format.h>

#include <algorithm>

#include "attach_failure.h"
#include "bpfcompat/classify/verdict.h"
#include "case_verdict.h"
#include "load_rules.h"
#include "log_lines.h"

namespace bpfcompat::classify {
namespace {

using validation::ArtifactResult;
using validation::GuestFacts;
using validation::ProgramResult;

Verdict case_error(const ArtifactResult& a) {
  if (a.status == "error") {
    return make_verdict(Status::kError, "CASE_PLAN_ERROR", Confidence::kHigh,
                        fmt::format("the validator could not run case {}: {}", a.name, a.error),
                        a.error,
                        "bpfcompat wrote a case plan the validator does not understand: check that "
                        "the validator and bpfcompat come from the same build.");
  }
  if (a.status == "timeout") {
    return make_verdict(
        Status::kError, "VALIDATOR_TIMEOUT", Confidence::kHigh,
        fmt::format("the validator's watchdog stopped {} after {} ms", a.name, a.duration_ms),
        fmt::format("artifact {}: status timeout after {} ms", a.name, a.duration_ms),
        "libbpf or the kernel hung on this object: look for a soft lockup or hung task in "
        "serial.log. If it is only slow under emulation, raise --timeout.");
  }
  if (a.status == "crashed") {
    return make_verdict(
        Status::kError, "VALIDATOR_CRASHED", Confidence::kHigh,
        fmt::format("the validator crashed ({}) while validating {}", signal_name(a.signal),
                    a.name),
        fmt::format("artifact {}: status crashed, signal {} ({})", a.name, a.signal,
                    signal_name(a.signal)),
        "A crash of the validator (libbpf) on this object is not a kernel verdict: rerun with "
        "-v and report it with the validator output from the evidence files.");
  }
  return make_verdict(
      Status::kError, "NO_RESULT", Confidence::kLow,
      fmt::format("the validator reported an unknown status '{}' for {}", a.status, a.name), "",
      "Check that the validator and bpfcompat come from the same build.");
}

Verdict invalid_object(const ArtifactResult& a) {
  std::string evidence = libbpf_error_line(a.open_log);
  if (evidence.empty()) evidence = fmt::format("open failed: {}", errno_name(a.open_err));
  return make_verdict(
      Status::kFail, "INVALID_OBJECT", Confidence::kHigh,
      fmt::format("libbpf could not open {} ({})", a.name, errno_name(a.open_err)), evidence,
      "The file is not a BPF object libbpf can open (not ELF, truncated, or malformed BTF). "
      "Rebuild it with clang --target=bpf -g -O2 and check it with bpftool btf dump file.");
}

bool disabled_by_variant(const ArtifactResult& a, const ProgramResult& p) {
  return std::find(a.variant_disabled.begin(), a.variant_disabled.end(), p.name) !=
         a.variant_disabled.end();
}

Verdict program_verdict(const ArtifactResult& a, const ProgramResult& p, const GuestFacts* guest,
                        Mode mode, const Verdict& object, const std::string& first_failed,
                        const CaseRules& rules) {
  if (disabled_by_variant(a, p)) {
    return make_verdict(Status::kSkipped, "", Confidence::kHigh,
                        "not loaded: the manifest's program_variants chose another program", "",
                        "");
  }
  if (!p.load.ok) return classify_load_failure(LoadFacts{&p.load, {&p}, &a, guest});
  const std::string& status = p.attach.status;
  if (mode == Mode::kLoadOnly) return Verdict{};
  if (status == "ok" && p.attach.isolated) {
    return make_verdict(Status::kPass, "", Confidence::kHigh,
                        fmt::format("attached alone: {}", p.attach.note), "", "");
  }
  if (status == "ok") return Verdict{};
  if (status == "skipped") {
    return make_verdict(Status::kSkipped, "", Confidence::kHigh,
                        p.attach.reason.empty() ? "attach skipped" : p.attach.reason, "", "");
  }
  if (status == "failed") {
    Verdict v = classify_attach_failure(p, guest);
    if (std::find(rules.attach_optional.begin(), rules.attach_optional.end(), p.name) !=
        rules.attach_optional.end()) {
      return make_verdict(
          Status::kSkipped, "", Confidence::kHigh,
          fmt::format("attach failed ({}), optional in the manifest: {}", v.code, v.reason),
          v.evidence, v.remediation);
    }
    return v;
  }
  if (!a.object_load.ok && !first_failed.empty()) {
    return make_verdict(Status::kSkipped, "", Confidence::kHigh,
                        fmt::format("not attached: the object did not load because program "
                                    "'{}' failed",
                                    first_failed),
                        "", "");
  }
  if (!a.object_load.ok) return object;
  return make_verdict(
      Status::kError, "NO_RESULT", Confidence::kLow,
      fmt::format("the validator did not attach {} (attach status '{}')", p.name, status), "",
      "Check the validator output in the evidence files.");
}

int rank(Status s) {
  switch (s) {
    case Status::kFail:
      return 3;
    case Status::kError:
      return 2;
    case Status::kPass:
      return 1;
    case Status::kSkipped:
      return 0;
  }
  return 0;
}

// ", 1 of them alone (...)" when programs had to be attached one at a time.
std::string isolated_note(const ArtifactResult& a, Mode mode) {
  if (mode == Mode::kLoadOnly) return "";
  long n = std::count_if(a.programs.begin(), a.programs.end(), [](const ProgramResult& p) {
    return p.attach.status == "ok" && p.attach.isolated;
  });
  if (n == 0) return "";
  return fmt::format(
      ", {} of them alone (they share an attach point that holds one program at a time)", n);
}

Verdict target_of(const ArtifactResult& a, const std::vector<ProgramVerdict>& programs, Mode mode) {
  const ProgramVerdict* worst = nullptr;
  int passed = 0;
  int skipped = 0;
  for (const auto& p : programs) {
    passed += p.verdict.status == Status::kPass;
    skipped += p.verdict.status == Status::kSkipped;
    if (worst == nullptr || rank(p.verdict.status) > rank(worst->verdict.status)) worst = &p;
  }
  if (worst == nullptr) {
    return make_verdict(Status::kSkipped, "", Confidence::kHigh, "the object has no programs", "",
                        "");
  }
  Verdict v = worst->verdict;
  if (v.status == Status::kPass) {
    v.reason = fmt::format("{} of {} programs {}{}{}", passed, programs.size(),
                           mode == Mode::kLoadOnly ? "loaded" : "loaded and attached",
                           isolated_note(a, mode),
                           skipped > 0 ? fmt::format(", {} skipped", skipped) : "");
  } else if (v.status == Status::kSkipped) {
    v.reason = fmt::format("all programs were skipped; program '{}': {}", worst->program, v.reason);
  } else {
    v.reason = fmt::format("program '{}': {}", worst->program, v.reason);
  }
  return v;
}

}  // namespace

ArtifactVerdict classify_artifact(const ArtifactResult& artifact, const GuestFacts* guest,
                                  Mode mode, const CaseRules& rules) {
  ArtifactVerdict out;
  if (artifact.status != "done") {
    out.target = case_error(artifact);
    return out;
  }
  if (!artifact.open_ok) {
    out.target = invalid_object(artifact);
    return out;
  }
  LoadFacts object_facts{&artifact.object_load, {}, &artifact, guest};
  for (const auto& p : artifact.programs) object_facts.programs.push_back(&p);
  Verdict object = artifact.object_load.ok ? Verdict{} : classify_load_failure(object_facts);

  std::string first_failed;
  for (const auto& p : artifact.programs) {
    if (!p.load.ok && first_failed.empty() && !disabled_by_variant(artifact, p)) {
      first_failed = p.name;
    }
  }
  for (const auto& p : artifact.programs) {
    out.programs.push_back(
        {p.name, p.section,
         program_verdict(artifact, p, guest, mode, object, first_failed, rules)});
  }
  if (!artifact.object_load.ok && first_failed.empty()) {
    out.target = object;  // a shared cause: a map, an extern, the loader itself
    out.target.reason = "object load: " + object.reason;
    return out;
  }
  out.target = target_of(artifact, out.programs, mode);
  if (mode == Mode::kBehavior && out.target.status == Status::kPass) {
    if (auto functional = functional_verdict(artifact)) out.target = *functional;
  }
  return out;
}

}  // namespace bpfcompat::classify
