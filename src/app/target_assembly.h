// Turns what happened to one profile's boot into one TargetReport per case.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bpfcompat/classify/verdict.h"
#include "bpfcompat/config/matrix.h"
#include "bpfcompat/core/result.h"
#include "bpfcompat/report/report.h"
#include "bpfcompat/sources/kernel_source.h"
#include "bpfcompat/vm/accelerator.h"
#include "bpfcompat/vm/kernel_boot.h"
#include "case_staging.h"

namespace bpfcompat::app {

class TargetAssembly {
 public:
  TargetAssembly(const config::MatrixEntry* entry, std::vector<const plan::Case*> cases,
                 vm::AccelChoice accel, std::string evidence_dir);

  void set_kernel(const sources::PreparedKernel& kernel);
  report::StageTimes& stages() { return stages_; }
  void set_attempts(int attempts) { attempts_ = attempts; }
  void set_retry_reason(std::string why) { retry_reason_ = std::move(why); }

  std::vector<report::TargetReport> infrastructure_failure(const Error& error,
                                                           const std::string& code, long total_ms);
  // A guest that failed before it produced a result (cloud-image lane): the stage's code, its
  // message and hint, and the console tail.
  std::vector<report::TargetReport> guest_failure(const Error& error, const std::string& code,
                                                  const std::string& console_tail, long total_ms);
  std::vector<report::TargetReport> interrupted(long total_ms);
  std::vector<report::TargetReport> from_boot(const vm::BootOutcome& outcome, long total_ms);
  // e.g. "6.1.0-41-cloud-amd64: 5 pass, 1 fail in 7.4 s"
  std::string summary_line() const;

 private:
  report::TargetReport base(const plan::Case& c) const;
  std::vector<report::TargetReport> all_with(const classify::Verdict& verdict, long total_ms);

  const config::MatrixEntry* entry_;
  std::vector<const plan::Case*> cases_;
  vm::AccelChoice accel_;
  std::string evidence_dir_;
  std::string requested_kernel_;
  std::string observed_kernel_;
  std::string kernel_release_;  // of the prepared kernel package
  std::string kernel_package_;
  std::string kernel_package_version_;
  std::optional<report::Freshness> freshness_;
  report::StageTimes stages_;
  int attempts_ = 1;
  std::string retry_reason_;
  std::vector<report::TargetReport> last_;
};

}  // namespace bpfcompat::app
