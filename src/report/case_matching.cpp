// match_cases: pairs the cases of two reports by name, by --rename, then by artifact identity.
#include "case_matching.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace bpfcompat::report {
namespace {

// Case names in target order, then cases without targets (a report's cases[] may list them).
std::vector<std::string> case_names(const RunReport& r) {
  std::vector<std::string> names;
  auto add = [&](const std::string& name) {
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  };
  for (const auto& t : r.targets) add(t.artifact);
  for (const auto& c : r.cases) add(c.name);
  return names;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// What a case runs: its artifact's sha256 and its mode and command. "" when nothing identifies
// it (a report without artifact hashes). A `test` report's case is named after its artifact.
std::string case_identity(const RunReport& r, const std::string& name) {
  auto info = std::find_if(r.cases.begin(), r.cases.end(),
                           [&](const CaseInfo& c) { return c.name == name; });
  bool known = info != r.cases.end();
  std::string artifact = known ? info->artifact : name;
  std::string sha;
  for (const auto& a : r.artifacts) {
    if (!artifact.empty() && a.name == artifact) sha = a.sha256;
  }
  std::string command = known ? info->command_sha256 : "";
  if (sha.empty() && command.empty()) return "";
  if (!known) return sha;
  return fmt::format("{}|{}|{}|{}|{}", sha, info->mode, command, info->binary_sha256,
                     info->expect_exit);
}

// A rename's side: a case name, or the file name of the artifact of exactly one case.
Result<std::string> resolve(const RunReport& r, const std::string& name, const char* side,
                            const std::string& flag) {
  std::vector<std::string> names = case_names(r);
  if (contains(names, name)) return name;
  std::vector<std::string> users;
  for (const auto& c : r.cases) {
    if (c.artifact == name) users.push_back(c.name);
  }
  if (users.size() == 1) return users.front();
  if (users.empty()) {
    return invalid_input(
        fmt::format("{}: the {} report has no case or artifact '{}'", flag, side, name),
        fmt::format("its cases: {}", fmt::join(names, ", ")));
  }
  return invalid_input(fmt::format("{}: '{}' is the artifact of {} cases of the {} report ({})",
                                   flag, name, users.size(), side, fmt::join(users, ", ")),
                       "name the case instead of its artifact");
}

// Pairs the unmatched cases that are the only ones of their identity on both sides.
void pair_by_artifact(const RunReport& base, const RunReport& head, CaseMatching& m,
                      const std::set<std::string>& base_taken) {
  std::map<std::string, std::vector<std::string>> base_by_id, head_by_id;
  for (const auto& name : case_names(base)) {
    if (base_taken.count(name) == 0) base_by_id[case_identity(base, name)].push_back(name);
  }
  for (const auto& name : case_names(head)) {
    if (m.base_of.count(name) == 0) head_by_id[case_identity(head, name)].push_back(name);
  }
  for (const auto& name : case_names(head)) {
    if (m.base_of.count(name) != 0) continue;
    std::string id = case_identity(head, name);
    auto b = base_by_id.find(id);
    if (id.empty() || b == base_by_id.end() || b->second.size() != 1) continue;
    if (head_by_id[id].size() != 1) continue;
    m.base_of[name] = b->second.front();
    m.renamed.push_back({b->second.front(), name, RenameSource::kSameArtifact});
  }
}

}  // namespace

Result<CaseMatching> match_cases(const RunReport& base, const RunReport& head,
                                 const std::vector<CaseRename>& renames) {
  CaseMatching m;
  std::set<std::string> base_taken;
  std::vector<Error> problems;
  for (const auto& r : renames) {
    std::string flag = fmt::format("--rename {}={}", r.base, r.head);
    auto b = resolve(base, r.base, "base", flag);
    auto h = resolve(head, r.head, "head", flag);
    if (!b) problems.push_back(b.error());
    if (!h) problems.push_back(h.error());
    if (!b || !h) continue;
    if (base_taken.count(*b) != 0 || m.base_of.count(*h) != 0) {
      problems.push_back(
          invalid_input(fmt::format("{}: case '{}' or '{}' is already renamed", flag, *b, *h),
                        "give each case one --rename"));
      continue;
    }
    base_taken.insert(*b);
    m.base_of[*h] = *b;
    if (*b != *h) m.renamed.push_back({*b, *h, RenameSource::kExplicit});
  }
  if (!problems.empty()) return combine_errors(std::move(problems));
  std::vector<std::string> base_names = case_names(base);
  for (const auto& name : case_names(head)) {
    if (m.base_of.count(name) != 0 || base_taken.count(name) != 0) continue;
    if (!contains(base_names, name)) continue;
    m.base_of[name] = name;
    base_taken.insert(name);
  }
  pair_by_artifact(base, head, m, base_taken);
  return m;
}

}  // namespace bpfcompat::report
