// to_json: the report contract (docs/report-schema.json). Keys keep a stable, documented order;
// optional values that are unknown are null rather than absent; keys added in 1.x after 1.0's
// first cut (suite, shard, cases, fail_on_stale, a target's mode, identity, freshness, fixups,
// functional and command) are absent when unset.
#include <utility>

#include <nlohmann/json.hpp>

#include "bpfcompat/report/report.h"
#include "run_summary.h"

namespace bpfcompat::report {
namespace {

using Json = nlohmann::ordered_json;

Json opt_string(const std::string& s) {
  return s.empty() ? Json(nullptr) : Json(s);
}

Json verdict_code(const classify::Verdict& v) {
  return opt_string(v.code);
}

Json verdict_confidence(const classify::Verdict& v) {
  return v.code.empty() ? Json(nullptr) : Json(classify::confidence_name(v.confidence));
}

Json program_json(const ProgramReport& p) {
  Json j;
  j["name"] = p.name;
  j["section"] = p.section;
  j["type"] = p.type;
  j["status"] = classify::status_name(p.verdict.status);
  j["code"] = verdict_code(p.verdict);
  j["confidence"] = verdict_confidence(p.verdict);
  j["reason"] = p.verdict.reason;
  j["evidence"] = p.verdict.evidence;
  j["remediation"] = p.verdict.remediation;
  j["unsupported_helpers"] = p.unsupported_helpers;
  j["load"] = {{"ok", p.load.ok},
               {"errno", p.load.err},
               {"insns_processed",
                p.load.insns_processed < 0 ? Json(nullptr) : Json(p.load.insns_processed)},
               {"verifier_tail", p.load.verifier_tail},
               {"libbpf_tail", p.load.libbpf_tail}};
  j["attach"] = {{"status", p.attach.status.empty() ? "not_run" : p.attach.status},
                 {"method", opt_string(p.attach.method)},
                 {"errno", p.attach.err},
                 {"reason", p.attach.reason},
                 {"libbpf_tail", p.attach.libbpf_tail}};
  if (p.attach.isolated) j["attach"]["isolated"] = true;
  if (!p.attach.note.empty()) j["attach"]["note"] = p.attach.note;
  if (p.attach.target_traceable) j["attach"]["target_traceable"] = *p.attach.target_traceable;
  return j;
}

Json test_run_json(const validation::TestRun& t) {
  return {{"name", t.name},
          {"required", t.required},
          {"status", t.status},
          {"exit_code", t.exit_code},
          {"expect_exit", t.expect_exit},
          {"timed_out", t.timed_out},
          {"duration_ms", t.duration_ms},
          {"stdout_tail", t.stdout_tail},
          {"stderr_tail", t.stderr_tail},
          {"error", t.error}};
}

// The vendor kernel's identity: each key only when known.
void add_identity(Json& j, const TargetReport& t) {
  const std::pair<const char*, const std::string*> keys[] = {
      {"distro", &t.distro},
      {"distro_version", &t.distro_version},
      {"kernel_release", &t.kernel_release},
      {"kernel_package", &t.kernel_package},
      {"kernel_package_version", &t.kernel_package_version}};
  for (const auto& [key, value] : keys) {
    if (!value->empty()) j[key] = *value;
  }
}

Json target_json(const TargetReport& t) {
  Json j;
  j["profile_id"] = t.profile_id;
  j["artifact"] = t.artifact;
  j["required"] = t.required;
  if (!t.mode.empty()) j["mode"] = t.mode;
  j["status"] = classify::status_name(t.verdict.status);
  j["classification_code"] = verdict_code(t.verdict);
  j["confidence"] = verdict_confidence(t.verdict);
  j["reason"] = t.verdict.reason;
  j["evidence"] = t.verdict.evidence;
  j["remediation"] = t.verdict.remediation;
  j["lane"] = t.lane;
  j["requested_kernel"] = t.requested_kernel;
  add_identity(j, t);
  if (t.freshness) {
    j["freshness"] = {{"newest_version", t.freshness->newest_version},
                      {"latest", t.freshness->latest},
                      {"pinned", t.freshness->pinned},
                      {"stale", t.freshness->stale}};
  }
  j["host"] = {{"kernel", opt_string(t.observed_kernel)}, {"btf_vmlinux", t.btf_vmlinux}};
  j["accelerator"] = opt_string(t.accelerator);
  j["duration_ms"] = t.duration_ms;
  j["stages"] = {{"prepare_ms", t.stages.prepare_ms},
                 {"initramfs_ms", t.stages.initramfs_ms},
                 {"boot_ms", t.stages.boot_ms},
                 {"validate_ms", t.stages.validate_ms},
                 {"total_ms", t.stages.total_ms}};
  j["attempts"] = t.attempts;
  j["retry_reason"] = opt_string(t.retry_reason);
  j["evidence_files"] = {{"dir", opt_string(t.evidence.dir)},
                         {"serial_log", opt_string(t.evidence.serial_log)},
                         {"qemu_log", opt_string(t.evidence.qemu_log)},
                         {"validator_output", opt_string(t.evidence.validator_output)},
                         {"qemu_cmdline", opt_string(t.evidence.qemu_cmdline)}};
  if (t.verdict.status == classify::Status::kError) j["console_tail"] = t.console_tail;
  j["programs"] = Json::array();
  for (const auto& p : t.programs) j["programs"].push_back(program_json(p));
  if (!t.fixups.empty()) {
    j["fixups"] = Json::array();
    for (const auto& f : t.fixups) {
      j["fixups"].push_back(
          {{"kind", f.kind}, {"target", f.target}, {"ok", f.ok}, {"detail", f.detail}});
    }
  }
  if (t.functional) {
    Json tests = Json::array();
    for (const auto& run : t.functional->tests) tests.push_back(test_run_json(run));
    j["functional"] = {{"status", t.functional->status}, {"tests", tests}};
  }
  if (t.command) j["command"] = test_run_json(*t.command);
  return j;
}

// Optional keys of a case are left out when empty; status and exit_code are derived.
Json case_json(const RunReport& r, const CaseInfo& c) {
  Json j;
  j["name"] = c.name;
  j["artifact"] = opt_string(c.artifact);
  j["mode"] = c.mode;
  j["matrix"] = c.matrix;
  if (!c.manifest.empty()) j["manifest"] = c.manifest;
  int code = case_exit_code(r, c.name);
  j["status"] = status_of_exit_code(code);
  j["exit_code"] = code;
  if (!c.command_sha256.empty()) j["command_sha256"] = c.command_sha256;
  if (c.mode == "command" || c.expect_exit != 0) j["expect_exit"] = c.expect_exit;
  if (!c.binary.empty()) j["binary"] = c.binary;
  if (!c.binary_sha256.empty()) j["binary_sha256"] = c.binary_sha256;
  return j;
}

}  // namespace

std::string to_json(const RunReport& report) {
  RunSummary s = summarize(report);
  Json j;
  j["schema_version"] = report.schema_version;
  j["tool"] = {{"name", "bpfcompat"}, {"version", report.tool_version}};
  j["run_id"] = report.run_id;
  j["started_at"] = report.started_at;
  j["finished_at"] = opt_string(report.finished_at);
  int code = report_exit_code(report);
  j["status"] = status_of_exit_code(code);
  j["exit_code"] = code;
  j["interrupted"] = report.interrupted;
  if (report.fail_on_stale) j["fail_on_stale"] = true;
  j["mode"] = report.mode;
  j["matrix"] = {{"name", report.matrix_name}, {"path", opt_string(report.matrix_path)}};
  if (!report.suite_name.empty() || !report.suite_path.empty()) {
    j["suite"] = {{"name", report.suite_name}, {"path", opt_string(report.suite_path)}};
  }
  if (report.shard_count > 0) {
    j["shard"] = {{"index", report.shard_index}, {"count", report.shard_count}};
  }
  j["run_dir"] = opt_string(report.run_dir);
  j["artifacts"] = Json::array();
  for (const auto& a : report.artifacts) {
    j["artifacts"].push_back({{"name", a.name}, {"path", a.path}, {"sha256", a.sha256}});
  }
  if (!report.cases.empty()) {
    j["cases"] = Json::array();
    for (const auto& c : report.cases) j["cases"].push_back(case_json(report, c));
  }
  j["validator"] = {{"version", opt_string(report.validator_version)},
                    {"sha256", opt_string(report.validator_sha256)}};
  j["summary"] = {{"targets", s.targets},
                  {"pass", s.pass},
                  {"fail", s.fail},
                  {"error", s.error},
                  {"skipped", s.skipped},
                  {"required_failed", s.required_failed},
                  {"required_error", s.required_error}};
  j["targets"] = Json::array();
  for (const auto& t : report.targets) j["targets"].push_back(target_json(t));
  // Console tails can hold invalid UTF-8; replace it rather than throw.
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace bpfcompat::report
