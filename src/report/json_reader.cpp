// from_json: reads back what to_json writes (any 1.x schema_version). Derived keys (status and
// exit_code of the run and of cases, summary) are recomputed, not read; unknown keys are ignored.
#include <regex>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "bpfcompat/report/report.h"
#include "json_fields.h"

namespace bpfcompat::report {
namespace {

using classify::Confidence;
using classify::Status;

bool parse_status(const std::string& s, Status& out) {
  for (Status st : {Status::kPass, Status::kFail, Status::kError, Status::kSkipped}) {
    if (s == classify::status_name(st)) {
      out = st;
      return true;
    }
  }
  return false;
}

// The verdict fields of a target or a program; the two spell the code key differently.
void read_verdict(JsonFields& f, const Json& j, const std::string& path, const char* code_key,
                  classify::Verdict& v) {
  std::string status = f.str(j, "status", path, true);
  if (f.ok() && !parse_status(status, v.status)) {
    f.fail(path + ".status", "'" + status + "' is not pass, fail, error or skipped");
  }
  v.code = f.str(j, code_key, path);
  std::string confidence = f.str(j, "confidence", path);
  v.confidence = confidence == "medium" ? Confidence::kMedium
                 : confidence == "low"  ? Confidence::kLow
                                        : Confidence::kHigh;
  v.reason = f.str(j, "reason", path);
  v.evidence = f.str(j, "evidence", path);
  v.remediation = f.str(j, "remediation", path);
}

ProgramReport read_program(JsonFields& f, const Json& j, const std::string& path) {
  ProgramReport p;
  p.name = f.str(j, "name", path);
  p.section = f.str(j, "section", path);
  p.type = f.str(j, "type", path);
  read_verdict(f, j, path, "code", p.verdict);
  for (const auto& h : f.array(j, "unsupported_helpers", path)) {
    if (h.is_string()) p.unsupported_helpers.push_back(h.get<std::string>());
  }
  const Json& load = f.object(j, "load", path);
  p.load.ok = f.boolean(load, "ok", path + ".load");
  p.load.err = static_cast<int>(f.integer(load, "errno", path + ".load", 0));
  p.load.insns_processed = f.integer(load, "insns_processed", path + ".load", -1);
  p.load.verifier_tail = f.str(load, "verifier_tail", path + ".load");
  p.load.libbpf_tail = f.str(load, "libbpf_tail", path + ".load");
  const Json& attach = f.object(j, "attach", path);
  p.attach.status = f.str(attach, "status", path + ".attach");
  p.attach.method = f.str(attach, "method", path + ".attach");
  p.attach.err = static_cast<int>(f.integer(attach, "errno", path + ".attach", 0));
  p.attach.reason = f.str(attach, "reason", path + ".attach");
  p.attach.libbpf_tail = f.str(attach, "libbpf_tail", path + ".attach");
  p.attach.isolated = f.boolean(attach, "isolated", path + ".attach", false);
  p.attach.note = f.str(attach, "note", path + ".attach");
  if (attach.contains("target_traceable") && attach["target_traceable"].is_boolean()) {
    p.attach.target_traceable = attach["target_traceable"].get<bool>();
  }
  return p;
}

validation::TestRun read_test_run(JsonFields& f, const Json& j, const std::string& path) {
  validation::TestRun t;
  t.name = f.str(j, "name", path);
  t.required = f.boolean(j, "required", path, true);
  t.status = f.str(j, "status", path);
  t.exit_code = static_cast<int>(f.integer(j, "exit_code", path, -1));
  t.expect_exit = static_cast<int>(f.integer(j, "expect_exit", path, 0));
  t.timed_out = f.boolean(j, "timed_out", path);
  t.duration_ms = f.integer(j, "duration_ms", path, 0);
  t.stdout_tail = f.str(j, "stdout_tail", path);
  t.stderr_tail = f.str(j, "stderr_tail", path);
  t.error = f.str(j, "error", path);
  return t;
}

void read_behavior(JsonFields& f, const Json& j, const std::string& path, TargetReport& t) {
  std::size_t i = 0;
  for (const auto& fx : f.array(j, "fixups", path)) {
    std::string at = fmt::format("{}.fixups[{}]", path, i++);
    t.fixups.push_back({f.str(fx, "kind", at), f.str(fx, "target", at), f.boolean(fx, "ok", at),
                        f.str(fx, "detail", at)});
  }
  if (j.contains("functional") && !j["functional"].is_null()) {
    const Json& fn = f.object(j, "functional", path);
    validation::FunctionalResult result;
    result.status = f.str(fn, "status", path + ".functional");
    i = 0;
    for (const auto& run : f.array(fn, "tests", path + ".functional")) {
      result.tests.push_back(
          read_test_run(f, run, fmt::format("{}.functional.tests[{}]", path, i++)));
    }
    t.functional = result;
  }
  if (j.contains("command") && !j["command"].is_null()) {
    t.command = read_test_run(f, f.object(j, "command", path), path + ".command");
  }
}

TargetReport read_target(JsonFields& f, const Json& j, const std::string& path) {
  TargetReport t;
  t.profile_id = f.str(j, "profile_id", path, true);
  t.artifact = f.str(j, "artifact", path, true);
  t.required = f.boolean(j, "required", path, true);
  t.mode = f.str(j, "mode", path);
  read_verdict(f, j, path, "classification_code", t.verdict);
  t.lane = f.str(j, "lane", path);
  t.requested_kernel = f.str(j, "requested_kernel", path);
  t.distro = f.str(j, "distro", path);
  t.distro_version = f.str(j, "distro_version", path);
  t.kernel_release = f.str(j, "kernel_release", path);
  t.kernel_package = f.str(j, "kernel_package", path);
  t.kernel_package_version = f.str(j, "kernel_package_version", path);
  if (j.contains("freshness") && !j["freshness"].is_null()) {
    const Json& fr = f.object(j, "freshness", path);
    std::string fp = path + ".freshness";
    t.freshness = Freshness{f.str(fr, "newest_version", fp), f.boolean(fr, "latest", fp),
                            f.boolean(fr, "pinned", fp), f.boolean(fr, "stale", fp)};
  }
  const Json& host = f.object(j, "host", path);
  t.observed_kernel = f.str(host, "kernel", path + ".host");
  t.btf_vmlinux = f.boolean(host, "btf_vmlinux", path + ".host");
  t.accelerator = f.str(j, "accelerator", path);
  t.duration_ms = f.integer(j, "duration_ms", path, 0);
  const Json& st = f.object(j, "stages", path);
  std::string sp = path + ".stages";
  t.stages = {f.integer(st, "prepare_ms", sp, 0), f.integer(st, "initramfs_ms", sp, 0),
              f.integer(st, "boot_ms", sp, 0), f.integer(st, "validate_ms", sp, 0),
              f.integer(st, "total_ms", sp, 0)};
  t.attempts = static_cast<int>(f.integer(j, "attempts", path, 1));
  t.retry_reason = f.str(j, "retry_reason", path);
  const Json& ev = f.object(j, "evidence_files", path);
  std::string ep = path + ".evidence_files";
  t.evidence = {f.str(ev, "dir", ep), f.str(ev, "serial_log", ep), f.str(ev, "qemu_log", ep),
                f.str(ev, "validator_output", ep), f.str(ev, "qemu_cmdline", ep)};
  t.console_tail = f.str(j, "console_tail", path);
  std::size_t i = 0;
  for (const auto& p : f.array(j, "programs", path)) {
    t.programs.push_back(read_program(f, p, fmt::format("{}.programs[{}]", path, i++)));
  }
  read_behavior(f, j, path, t);
  return t;
}

CaseInfo read_case(JsonFields& f, const Json& j, const std::string& path) {
  CaseInfo c;
  c.name = f.str(j, "name", path, true);
  c.artifact = f.str(j, "artifact", path);
  c.manifest = f.str(j, "manifest", path);
  c.matrix = f.str(j, "matrix", path);
  c.mode = f.str(j, "mode", path);
  c.command_sha256 = f.str(j, "command_sha256", path);
  c.expect_exit = static_cast<int>(f.integer(j, "expect_exit", path, 0));
  c.binary = f.str(j, "binary", path);
  c.binary_sha256 = f.str(j, "binary_sha256", path);
  return c;
}

void read_run(JsonFields& f, const Json& j, RunReport& r) {
  r.tool_version = f.str(f.object(j, "tool", ""), "version", "tool");
  r.run_id = f.str(j, "run_id", "", true);
  r.started_at = f.str(j, "started_at", "");
  r.finished_at = f.str(j, "finished_at", "");
  r.interrupted = f.boolean(j, "interrupted", "");
  r.fail_on_stale = f.boolean(j, "fail_on_stale", "");
  r.mode = f.str(j, "mode", "");
  const Json& matrix = f.object(j, "matrix", "");
  r.matrix_name = f.str(matrix, "name", "matrix");
  r.matrix_path = f.str(matrix, "path", "matrix");
  const Json& suite = f.object(j, "suite", "");
  r.suite_name = f.str(suite, "name", "suite");
  r.suite_path = f.str(suite, "path", "suite");
  const Json& shard = f.object(j, "shard", "");
  r.shard_index = static_cast<int>(f.integer(shard, "index", "shard", 0));
  r.shard_count = static_cast<int>(f.integer(shard, "count", "shard", 0));
  r.run_dir = f.str(j, "run_dir", "");
  std::size_t i = 0;
  for (const auto& a : f.array(j, "artifacts", "")) {
    std::string at = fmt::format("artifacts[{}]", i++);
    r.artifacts.push_back({f.str(a, "name", at), f.str(a, "path", at), f.str(a, "sha256", at)});
  }
  i = 0;
  for (const auto& c : f.array(j, "cases", "")) {
    r.cases.push_back(read_case(f, c, fmt::format("cases[{}]", i++)));
  }
  const Json& validator = f.object(j, "validator", "");
  r.validator_version = f.str(validator, "version", "validator");
  r.validator_sha256 = f.str(validator, "sha256", "validator");
  i = 0;
  for (const auto& t : f.array(j, "targets", "", true)) {
    r.targets.push_back(read_target(f, t, fmt::format("targets[{}]", i++)));
  }
}

}  // namespace

Result<RunReport> from_json(const std::string& text, const std::string& source) {
  Json j;
  try {
    j = Json::parse(text);
  } catch (const Json::exception& e) {
    return invalid_input(fmt::format("{}: not a JSON report: {}", source, e.what()));
  }
  if (!j.is_object()) return invalid_input(source + ": not a bpfcompat report (not an object)");
  if (!j.contains("schema_version") || !j["schema_version"].is_string()) {
    return invalid_input(source + ": not a bpfcompat report (no schema_version)");
  }
  RunReport r;
  r.schema_version = j["schema_version"].get<std::string>();
  if (!std::regex_match(r.schema_version, std::regex("1\\.[0-9]+"))) {
    return invalid_input(
        fmt::format("{}: schema_version '{}' is not supported (this bpfcompat reads 1.x)", source,
                    r.schema_version),
        "rerun the report with a matching bpfcompat, or upgrade bpfcompat");
  }
  JsonFields fields;
  read_run(fields, j, r);
  if (!fields.ok()) return invalid_input(source + ": " + fields.message());
  return r;
}

}  // namespace bpfcompat::report
