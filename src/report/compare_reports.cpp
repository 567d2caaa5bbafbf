// compare_reports: a baseline report against a head report, target by target (profile × case).
#include "bpfcompat/report/merge.h"
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

const TargetReport* find(const RunReport& r, const TargetReport& like) {
  for (const auto& t : r.targets) {
    if (t.profile_id == like.profile_id && t.artifact == like.artifact) return &t;
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

Comparison compare_reports(const RunReport& base, const RunReport& head) {
  Comparison c;
  for (const auto& t : head.targets) c.targets.push_back(diff(find(base, t), &t));
  for (const auto& t : base.targets) {
    if (find(head, t) == nullptr) c.targets.push_back(diff(&t, nullptr));
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
