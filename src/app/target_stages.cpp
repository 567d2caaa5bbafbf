#include "target_stages.h"

#include <algorithm>

#include <fmt/format.h>

#include "bpfcompat/sources/btf_source.h"

namespace bpfcompat::app {

long ms_since(Clock::time_point t0) {
  return static_cast<long>(
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count());
}

std::string attempt_suffix(int attempt) {
  return attempt > 1 ? fmt::format(".attempt{}", attempt) : "";
}

void emit(const TargetContext& ctx, EventKind kind, std::string message) {
  if (ctx.events) ctx.events->on_event(Event{kind, ctx.entry->profile.id, std::move(message)});
}

long case_timeout_sec(const TargetContext& ctx) {
  return std::max<long>(10, static_cast<long>(ctx.timeout.count()) / 2);
}

std::vector<std::string> validator_args(const TargetContext& ctx) {
  return {"--case-timeout", std::to_string(case_timeout_sec(ctx))};
}

Result<std::string> prepare_external_btf(const TargetContext& ctx) {
  const config::Profile& profile = ctx.entry->profile;
  if (!profile.btf) return std::string();
  auto btf = sources::prepare_btf(*ctx.cache, profile);
  if (!btf) {
    Error error = std::move(btf).error();
    if (error.code.empty()) error.code = "BTF_UNAVAILABLE";
    return error;
  }
  return btf;
}

void add_external_btf(const std::string& host_path, const std::string& guest_path,
                      std::vector<vm::GuestFile>& files, std::vector<std::string>& args) {
  if (host_path.empty()) return;
  files.push_back({guest_path, host_path, 0644});
  args.insert(args.end(), {"--btf", guest_path});
}

}  // namespace bpfcompat::app
