// to_json: the sweep report contract (docs/sweep-schema.json), keys in a stable order.
#include <nlohmann/json.hpp>

#include "bpfcompat/sweep/sweep_report.h"

namespace bpfcompat::sweep {
namespace {

using Json = nlohmann::ordered_json;

Json opt_string(const std::string& s) {
  return s.empty() ? Json(nullptr) : Json(s);
}

Json tested_json(const TestedVersion& t) {
  Json j;
  j["version"] = t.version;
  j["profile_id"] = t.profile_id;
  j["status"] = t.verdict;
  j["code"] = opt_string(t.code);
  j["detail"] = opt_string(t.detail);
  j["reason"] = t.reason;
  j["observed_kernel"] = opt_string(t.observed_kernel);
  j["step"] = t.step;
  j["run_id"] = t.run_id;
  j["run_report"] = t.run_report;
  return j;
}

Json side_json(const SweepReport& r, const std::string& version) {
  const TestedVersion* t = find_tested(r, version);
  Json j;
  j["version"] = version;
  j["status"] = t ? Json(t->verdict) : Json(nullptr);
  j["code"] = t ? opt_string(t->code) : Json(nullptr);
  j["detail"] = t ? opt_string(t->detail) : Json(nullptr);
  return j;
}

Json change_json(const SweepReport& r, const VersionChange& c) {
  return Json{{"before", side_json(r, c.before)}, {"after", side_json(r, c.after)}};
}

}  // namespace

std::string to_json(const SweepReport& r) {
  Json j;
  j["schema_version"] = r.schema_version;
  j["kind"] = "sweep";
  j["sweep_id"] = r.sweep_id;
  j["started_at"] = r.started_at;
  j["finished_at"] = r.finished_at;
  j["tool_version"] = r.tool_version;
  j["sweep_dir"] = r.sweep_dir;
  j["profile"] = {
      {"id", r.profile_id}, {"origin", r.profile_origin}, {"kernel_source", r.kernel_source}};
  j["artifacts"] = r.artifacts;
  j["manifest"] = opt_string(r.manifest);
  j["strategy"] = r.strategy;
  j["range"] = {{"from", opt_string(r.from)}, {"to", opt_string(r.to)}};
  j["available"] = r.available;
  j["candidates"] = r.candidates;
  j["tested"] = Json::array();
  for (const auto& t : r.tested) j["tested"].push_back(tested_json(t));
  j["runs"] = r.runs;
  j["boots"] = r.boots;
  j["finding"] = r.finding;
  j["boundary"] = r.finding == "boundary" && r.changes.size() == 1
                      ? change_json(r, r.changes.front())
                      : Json(nullptr);
  j["changes"] = Json::array();
  for (const auto& c : r.changes) j["changes"].push_back(change_json(r, c));
  j["error"] = opt_string(r.error);
  j["interrupted"] = r.interrupted;
  j["exit_code"] = r.exit_code;
  j["summary"] = r.summary;
  return j.dump(2) + "\n";
}

}  // namespace bpfcompat::sweep
