// compare_reports: a baseline report against a head report, target by target (profile × case).
#include <set>

#include <fmt/format.h>

#include "bpfcompat/report/compare.h"
#include "case_matching.h"
#include "comparison_rules.h"

namespace bpfcompat::report {
namespace {

using classify::Status;

// pass > skipped > error > fail.
int score(const std::string& status) {
  if (status == "pass") return 3;
  if (status == "skipped") return 2;
  if (status == "error") return 1;
  return 0;
}

const TargetReport* find(const RunReport& r, const std::string& profile,
                         const std::string& case_name) {
  for (const auto& t : r.targets) {
    if (t.profile_id == profile && t.artifact == case_name) return &t;
  }
  return nullptr;
}

TargetDiff diff(const TargetReport* base, const TargetReport* head) {
  const TargetReport& any = head != nullptr ? *head : *base;
  TargetDiff d;
  d.profile_id = any.profile_id;
  d.case_name = any.artifact;
  d.required = any.required;
  if (base != nullptr) {
    d.base_status = classify::status_name(base->verdict.status);
    d.base_code = base->verdict.code;
  }
  if (head != nullptr) {
    d.head_status = classify::status_name(head->verdict.status);
    d.head_code = head->verdict.code;
  }
  if (base == nullptr) {
    d.change = Change::kAdded;
  } else if (head == nullptr) {
    d.change = Change::kRemoved;
  } else if (score(d.head_status) > score(d.base_status)) {
    d.change = Change::kImproved;
  } else if (score(d.head_status) < score(d.base_status)) {
    d.change = Change::kRegressed;
  } else if (d.head_code != d.base_code) {
    d.change = Change::kChanged;
  }
  return d;
}

}  // namespace

Result<CaseRename> parse_case_rename(const std::string& text) {
  auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size() ||
      text.find('=', eq + 1) != std::string::npos) {
    return invalid_input(fmt::format("--rename {}: not OLD=NEW", text),
                         "e.g. --rename old.bpf.o=new.bpf.o (a case or artifact name of each "
                         "report)");
  }
  return CaseRename{text.substr(0, eq), text.substr(eq + 1)};
}

const char* rename_source_name(RenameSource s) {
  return s == RenameSource::kExplicit ? "--rename" : "same sha256";
}

const char* change_name(Change c) {
  switch (c) {
    case Change::kUnchanged:
      return "unchanged";
    case Change::kImproved:
      return "improved";
    case Change::kRegressed:
      return "regressed";
    case Change::kChanged:
      return "changed";
    case Change::kAdded:
      return "added";
    case Change::kRemoved:
      return "removed";
  }
  return "";
}

bool is_required_regression(const TargetDiff& d) {
  if (!d.required) return false;
  if (d.change == Change::kRemoved) return true;
  return d.base_status == "pass" && (d.head_status == "fail" || d.head_status == "error");
}

Result<Comparison> compare_reports(const RunReport& base, const RunReport& head,
                                   const std::vector<CaseRename>& renames) {
  auto matching = match_cases(base, head, renames);
  if (!matching) return std::move(matching).error();
  Comparison c;
  c.renamed = matching->renamed;
  std::set<const TargetReport*> matched;
  for (const auto& t : head.targets) {
    auto b = matching->base_of.find(t.artifact);
    const TargetReport* old =
        b == matching->base_of.end() ? nullptr : find(base, t.profile_id, b->second);
    TargetDiff d = diff(old, &t);
    if (old != nullptr && old->artifact != t.artifact) d.base_case_name = old->artifact;
    if (old != nullptr) matched.insert(old);
    c.targets.push_back(std::move(d));
  }
  for (const auto& t : base.targets) {
    if (matched.count(&t) == 0) c.targets.push_back(diff(&t, nullptr));
  }
  for (const auto& d : c.targets) {
    c.improved += d.change == Change::kImproved;
    c.regressed += d.change == Change::kRegressed;
    c.changed += d.change == Change::kChanged;
    c.added += d.change == Change::kAdded;
    c.removed += d.change == Change::kRemoved;
    c.required_regressions += is_required_regression(d);
  }
  return c;
}

}  // namespace bpfcompat::report
