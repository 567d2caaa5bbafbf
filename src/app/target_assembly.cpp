#include "target_assembly.h"

#include <algorithm>

#include <fmt/format.h>

#include "bpfcompat/validation/validator_output.h"
#include "kernel_freshness.h"
#include "target_stages.h"

namespace bpfcompat::app {
namespace {

report::ProgramReport program_report(const validation::ProgramResult& p,
                                     const classify::ProgramVerdict& v) {
  report::ProgramReport r;
  r.name = p.name;
  r.section = p.section;
  r.type = p.type_name;
  r.verdict = v.verdict;
  r.load = p.load;
  r.attach = p.attach;
  for (const auto& h : p.helpers) {
    if (h.supported == false) r.unsupported_helpers.push_back(h.name);
  }
  return r;
}

const validation::ArtifactResult* find_record(const validation::ValidatorRun& run,
                                              const std::string& name) {
  for (const auto& a : run.artifacts) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

classify::Mode mode_of(const plan::Case& c) {
  if (c.mode == config::CaseMode::kLoadOnly) return classify::Mode::kLoadOnly;
  if (c.mode == config::CaseMode::kBehavior) return classify::Mode::kBehavior;
  return classify::Mode::kLoadAttach;
}

void judge_case(const plan::Case& c, const validation::ArtifactResult& record,
                const validation::GuestFacts* guest, report::TargetReport& t) {
  t.fixups = record.fixups;
  t.functional = record.functional;
  t.command = record.command;
  if (c.mode == config::CaseMode::kCommand) {
    t.verdict = classify::classify_command(record);
    return;
  }
  classify::CaseRules rules;
  if (c.manifest) rules.attach_optional = c.manifest->attach_optional_programs();
  auto verdict = classify::classify_artifact(record, guest, mode_of(c), rules);
  t.verdict = verdict.target;
  for (std::size_t i = 0; i < record.programs.size() && i < verdict.programs.size(); ++i) {
    t.programs.push_back(program_report(record.programs[i], verdict.programs[i]));
  }
}

}  // namespace

TargetAssembly::TargetAssembly(const config::MatrixEntry* entry,
                               std::vector<const plan::Case*> cases, vm::AccelChoice accel,
                               std::string evidence_dir)
    : entry_(entry),
      cases_(std::move(cases)),
      accel_(std::move(accel)),
      evidence_dir_(std::move(evidence_dir)),
      requested_kernel_(entry->profile.lane == config::Lane::kCloudImage && entry->profile.image
                            ? "image " + entry->profile.image->describe()
                            : entry->profile.kernel.describe()) {}

void TargetAssembly::set_kernel(const sources::PreparedKernel& kernel) {
  requested_kernel_ = kernel.package.empty() ? fmt::format("{} ({})", kernel.source, kernel.release)
                                             : fmt::format("{} → {} {}", kernel.source,
                                                           kernel.package, kernel.package_version);
  kernel_release_ = kernel.release;
  kernel_package_ = kernel.package;
  kernel_package_version_ = kernel.package_version;
  freshness_ = kernel_freshness(entry_->profile.kernel, kernel);
}

report::TargetReport TargetAssembly::base(const plan::Case& c) const {
  report::TargetReport t;
  t.profile_id = entry_->profile.id;
  t.artifact = c.name;
  t.mode = config::case_mode_name(c.mode);
  t.required = entry_->required;
  t.lane = config::lane_name(entry_->profile.lane);
  t.requested_kernel = requested_kernel_;
  t.observed_kernel = observed_kernel_;
  t.distro = entry_->profile.distro;
  t.distro_version = entry_->profile.version;
  t.kernel_release = kernel_release_;
  t.kernel_package = kernel_package_;
  t.kernel_package_version = kernel_package_version_;
  t.freshness = freshness_;
  t.accelerator = vm::accel_name(accel_.accel);
  t.stages = stages_;
  t.attempts = attempts_;
  t.retry_reason = retry_reason_;
  t.evidence.dir = evidence_dir_;
  // The files of the attempt whose results the report shows (the last one).
  std::string suffix = attempt_suffix(attempts_);
  t.evidence.serial_log = evidence_dir_ + "/serial" + suffix + ".log";
  t.evidence.qemu_log = evidence_dir_ + "/qemu" + suffix + ".log";
  t.evidence.validator_output = evidence_dir_ + "/validator" + suffix + ".jsonl";
  t.evidence.qemu_cmdline = evidence_dir_ + "/qemu-cmdline.txt";
  return t;
}

std::vector<report::TargetReport> TargetAssembly::all_with(const classify::Verdict& verdict,
                                                           long total_ms) {
  stages_.total_ms = total_ms;
  last_.clear();
  for (const auto* c : cases_) {
    auto t = base(*c);
    t.verdict = verdict;
    t.duration_ms = total_ms;
    last_.push_back(std::move(t));
  }
  return last_;
}

std::vector<report::TargetReport> TargetAssembly::infrastructure_failure(const Error& error,
                                                                         const std::string& code,
                                                                         long total_ms) {
  return all_with(classify::infrastructure_verdict(error.code.empty() ? code : error.code,
                                                   error.describe(), error.hint),
                  total_ms);
}

std::vector<report::TargetReport> TargetAssembly::guest_failure(const Error& error,
                                                                const std::string& code,
                                                                const std::string& console_tail,
                                                                long total_ms) {
  auto reports =
      all_with(classify::infrastructure_verdict(code, error.describe(), error.hint), total_ms);
  for (auto& t : last_) t.console_tail = console_tail;
  for (auto& t : reports) t.console_tail = console_tail;
  return reports;
}

std::vector<report::TargetReport> TargetAssembly::interrupted(long total_ms) {
  return all_with(classify::infrastructure_verdict(
                      "INTERRUPTED", "the run was interrupted before this target finished", ""),
                  total_ms);
}

std::vector<report::TargetReport> TargetAssembly::from_boot(const vm::BootOutcome& outcome,
                                                            long total_ms) {
  if (outcome.cancelled) return interrupted(total_ms);
  auto parsed = validation::parse_validator_output(outcome.results);
  if (!parsed) {
    return infrastructure_failure(parsed.error(), "VALIDATOR_PROTOCOL", total_ms);
  }
  const auto& run = *parsed;
  if (run.hello) {
    observed_kernel_ = run.hello->kernel_release;
    stages_.boot_ms = run.hello->uptime_ms;
  }
  stages_.validate_ms = run.duration_ms;
  stages_.total_ms = total_ms;

  // The first case without a record is the one the guest was busy with when it stopped.
  std::string in_progress;
  for (const auto* c : cases_) {
    if (!find_record(run, c->name)) {
      in_progress = c->name;
      break;
    }
  }
  classify::BootFacts facts;
  facts.timed_out = outcome.timed_out;
  facts.qemu_exit_code = outcome.qemu_exit.code;
  facts.qemu_signal = outcome.qemu_exit.signal;
  facts.console_tail = outcome.console_tail;

  last_.clear();
  for (const auto* c : cases_) {
    auto t = base(*c);
    t.duration_ms = total_ms;
    t.btf_vmlinux = run.hello && run.hello->btf_vmlinux;
    if (const auto* record = find_record(run, c->name)) {
      judge_case(*c, *record, run.hello ? &*run.hello : nullptr, t);
    } else {
      facts.artifact_in_progress = (c->name == in_progress && !run.ended) ? c->name : "";
      t.verdict = classify::classify_boot(facts);
      if (c->name != in_progress && !run.ended) {
        t.verdict.reason = fmt::format("not validated: the guest stopped while validating {}; {}",
                                       in_progress, t.verdict.reason);
      }
      t.console_tail = outcome.console_tail;
    }
    last_.push_back(std::move(t));
  }
  return last_;
}

std::string TargetAssembly::summary_line() const {
  int pass = 0, fail = 0, error = 0, skipped = 0;
  for (const auto& t : last_) {
    switch (t.verdict.status) {
      case classify::Status::kPass:
        ++pass;
        break;
      case classify::Status::kFail:
        ++fail;
        break;
      case classify::Status::kError:
        ++error;
        break;
      case classify::Status::kSkipped:
        ++skipped;
        break;
    }
  }
  std::string s = fmt::format("{}: {} pass, {} fail",
                              observed_kernel_.empty() ? "?" : observed_kernel_, pass, fail);
  if (error) s += fmt::format(", {} error", error);
  if (skipped) s += fmt::format(", {} skipped", skipped);
  return s + fmt::format(" in {:.1f} s", static_cast<double>(stages_.total_ms) / 1000.0);
}

}  // namespace bpfcompat::app
