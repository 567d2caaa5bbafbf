// Run ids, timestamps and the run directory layout (<workdir>/runs/<run id>/<profile>/...).
#pragma once

#include <string>

namespace bpfcompat::app {

std::string new_run_id();       // e.g. 20261121T201502Z-3f9a
std::string utc_now_rfc3339();  // e.g. 2026-11-21T20:15:02Z
std::string run_dir_for(const std::string& workdir, const std::string& run_id);

}  // namespace bpfcompat::app
