// comparison_markdown and comparison_json: the renderings of `bpfcompat report compare`.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "bpfcompat/report/compare.h"
#include "comparison_rules.h"
#include "markdown_blocks.h"

namespace bpfcompat::report {
namespace {

using Json = nlohmann::ordered_json;

std::string side(const std::string& status, const std::string& code) {
  if (status.empty()) return "—";
  const char* mark = status == "pass"    ? "✅"
                     : status == "fail"  ? "❌"
                     : status == "error" ? "⚠️"
                                         : "➖";
  std::string out = fmt::format("{} {}", mark, status);
  if (!code.empty() && status != "pass") out += " [" + code + "]";
  return md::cell(out);
}

int unchanged(const Comparison& c) {
  int n = 0;
  for (const auto& d : c.targets) n += d.change == Change::kUnchanged;
  return n;
}

// "- old → new (same sha256)" per renamed case.
std::string renamed_list(const Comparison& c) {
  if (c.renamed.empty()) return "";
  std::string out = "**Renamed cases** (compared under their new name):\n\n";
  for (const auto& r : c.renamed) {
    out += fmt::format("- {} → {} ({})\n", md::cell(r.base), md::cell(r.head),
                       rename_source_name(r.source));
  }
  return out + "\n";
}

std::string case_cell(const TargetDiff& d) {
  if (d.base_case_name.empty()) return md::cell(d.case_name);
  return md::cell(d.case_name) + " (renamed from " + md::cell(d.base_case_name) + ")";
}

Json or_null(const std::string& text) {
  return text.empty() ? Json(nullptr) : Json(text);
}

Json side_json(const std::string& status, const std::string& code) {
  if (status.empty()) return nullptr;
  return {{"status", status}, {"code", or_null(code)}};
}

}  // namespace

std::string comparison_markdown(const Comparison& c) {
  std::string out = "# bpfcompat report comparison\n\n";
  std::string headline = c.required_regressions == 0
                             ? "✅ no required regression"
                             : fmt::format("❌ {} required regression{}", c.required_regressions,
                                           c.required_regressions == 1 ? "" : "s");
  out += fmt::format(
      "**{}** — {} improved · {} regressed · {} changed · {} added · {} removed · {} unchanged",
      headline, c.improved, c.regressed, c.changed, c.added, c.removed, unchanged(c));
  if (!c.renamed.empty()) out += fmt::format(" · {} renamed", c.renamed.size());
  out += "\n\n";
  out += renamed_list(c);
  if (unchanged(c) == static_cast<int>(c.targets.size())) {
    out += "No target changed.\n";
    return out;
  }
  out += "| Profile | Case | Required | Base | Head | Change |\n|---|---|---|---|---|---|\n";
  for (const auto& d : c.targets) {
    if (d.change == Change::kUnchanged) continue;
    std::string change = change_name(d.change);
    if (is_required_regression(d)) change = "**" + change + " (required)**";
    out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", md::cell(d.profile_id), case_cell(d),
                       d.required ? "yes" : "no", side(d.base_status, d.base_code),
                       side(d.head_status, d.head_code), change);
  }
  return out;
}

std::string comparison_json(const Comparison& c) {
  Json j;
  j["schema_version"] = "1.0";
  j["kind"] = "bpfcompat-comparison";
  j["summary"] = {{"targets", c.targets.size()},
                  {"unchanged", unchanged(c)},
                  {"improved", c.improved},
                  {"regressed", c.regressed},
                  {"required_regressions", c.required_regressions},
                  {"changed", c.changed},
                  {"added", c.added},
                  {"removed", c.removed},
                  {"renamed", c.renamed.size()}};
  j["renamed"] = Json::array();
  for (const auto& r : c.renamed) {
    j["renamed"].push_back(
        {{"base", r.base}, {"head", r.head}, {"by", rename_source_name(r.source)}});
  }
  j["targets"] = Json::array();
  for (const auto& d : c.targets) {
    j["targets"].push_back({{"profile_id", d.profile_id},
                            {"case", d.case_name},
                            {"base_case", or_null(d.base_case_name)},
                            {"required", d.required},
                            {"change", change_name(d.change)},
                            {"required_regression", is_required_regression(d)},
                            {"base", side_json(d.base_status, d.base_code)},
                            {"head", side_json(d.head_status, d.head_code)}});
  }
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace bpfcompat::report
