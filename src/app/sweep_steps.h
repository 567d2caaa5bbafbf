// One step of a sweep: the step's candidates pinned into a matrix of their own, run as any run
// is (run_loaded), each candidate's verdict read back from the run's report.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bpfcompat/app/events.h"
#include "bpfcompat/app/run.h"
#include "bpfcompat/config/matrix.h"
#include "bpfcompat/report/report.h"
#include "bpfcompat/sweep/bisect.h"
#include "bpfcompat/sweep/sweep_report.h"
#include "plan_loader.h"

namespace bpfcompat::app {

// The matrix of one step: versions[i] pinned, for each i of `indices`, every entry required.
config::Matrix step_matrix(const config::Profile& profile, const std::vector<std::string>& versions,
                           const std::vector<std::size_t>& indices);

// The verdict of candidate `candidate_id` in a step's report; a candidate missing from the
// report is an error verdict saying so.
sweep::TestedVersion tested_from(const report::RunReport& run, const std::string& candidate_id,
                                 const std::string& version);

// An ERROR verdict, or any verdict of an interrupted run, is never compared.
sweep::Probe probe_of(const sweep::TestedVersion& tested, bool interrupted);

class SweepSteps {
 public:
  SweepSteps(config::Profile profile, std::vector<std::string> versions, LoadedRequest loaded,
             RunSettings settings, EventSink& events);

  // Boots the candidates at `indices` in one run (in parallel up to --jobs).
  Result<std::vector<sweep::Probe>> run(const std::vector<std::size_t>& indices);

  const sweep::TestedVersion& tested_at(std::size_t index) const { return tested_.at(index); }
  const std::vector<std::string>& run_reports() const { return run_reports_; }
  const std::optional<Error>& first_error() const { return first_error_; }

 private:
  config::Profile profile_;
  std::vector<std::string> versions_;
  LoadedRequest loaded_;
  RunSettings settings_;
  EventSink& events_;
  int step_ = 0;
  std::map<std::size_t, sweep::TestedVersion> tested_;
  std::vector<std::string> run_reports_;
  std::optional<Error> first_error_;
};

}  // namespace bpfcompat::app
