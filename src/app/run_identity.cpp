#include "run_identity.h"

#include <unistd.h>

#include <ctime>
#include <random>

#include <fmt/format.h>

namespace bpfcompat::app {
namespace {

std::tm utc_now() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  return tm;
}

}  // namespace

std::string new_run_id() {
  std::random_device rd;
  std::tm tm = utc_now();
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z-{:04x}", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, rd() & 0xffff);
}

std::string utc_now_rfc3339() {
  std::tm tm = utc_now();
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::string run_dir_for(const std::string& workdir, const std::string& run_id) {
  return workdir + "/runs/" + run_id;
}

}  // namespace bpfcompat::app
