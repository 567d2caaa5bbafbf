// `bpfcompat sweep`: every kernel version a profile's index offers is a candidate; bisect to the
// version where the object's verdict changes (or boot them all). Each step is an ordinary run
// (report, evidence, retries, cancellation) of the pinned candidates; the app never prints.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bpfcompat/app/events.h"
#include "bpfcompat/app/run.h"
#include "bpfcompat/config/case_mode.h"
#include "bpfcompat/core/result.h"
#include "bpfcompat/sweep/sweep_report.h"

namespace bpfcompat::app {

struct SweepRequest {
  std::string profile;   // a shipped profile id, a built-in id, or a profile file
  std::string artifact;  // one .bpf.o
  std::string manifest;  // optional
  std::optional<config::CaseMode> mode;
  std::string from;  // bounds on the candidates, by the source's version order; empty: open
  std::string to;
  bool all = false;  // boot every candidate (in parallel, --jobs) instead of bisecting
};

struct SweepOutcome {
  sweep::SweepReport report;
  int exit_code = 1;      // 0 an answer (boundary, no change, changes), 1 none, 130 interrupted
  std::string json_path;  // <sweep dir>/sweep.json
};

// Invalid input (profile, artifact, manifest, range) and an index that cannot be read are
// errors before anything boots; after the first boot there is always a sweep report. Steps run
// under <workdir>/sweeps/<sweep id>/runs/.
Result<SweepOutcome> sweep(const SweepRequest& request, const RunSettings& settings,
                           EventSink& events);

}  // namespace bpfcompat::app
