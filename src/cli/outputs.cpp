#include "outputs.h"

#include <unistd.h>

#include <filesystem>
#include <optional>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace bpfcompat::cli {
namespace {

namespace fs = std::filesystem;

const char* option_name(report::OutputKind kind) {
  switch (kind) {
    case report::OutputKind::kJson:
      return "--out";
    case report::OutputKind::kMarkdown:
      return "--markdown";
    case report::OutputKind::kJunit:
      return "--junit";
    case report::OutputKind::kHtml:
      return "--html";
    case report::OutputKind::kJobSummary:
      return "GITHUB_STEP_SUMMARY";
  }
  return "";
}

std::optional<Error> path_problem(const std::string& option, const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    return invalid_input(fmt::format("{} {}: is a directory", option, path),
                         "name a file, e.g. " + (fs::path(path) / "report").string());
  }
  // Missing folders are created when the report is written: what must hold now is that the
  // nearest existing ancestor is a folder we can write in.
  fs::path dir = fs::path(path).parent_path();
  if (dir.empty()) dir = ".";
  fs::path existing = dir;
  while (!fs::exists(existing, ec) && existing.has_parent_path() &&
         existing.parent_path() != existing) {
    existing = existing.parent_path();
  }
  if (!fs::is_directory(existing, ec)) {
    return invalid_input(fmt::format("{} {}: {} is not a folder", option, path, existing.string()),
                         "choose a path whose folders are folders, not files");
  }
  bool exists = fs::exists(path, ec);
  if (access(exists ? path.c_str() : existing.c_str(), W_OK) != 0) {
    return invalid_input(fmt::format("{} {}: not writable", option, path),
                         "choose a path you can write, or fix its permissions");
  }
  return std::nullopt;
}

}  // namespace

Result<void> check_output_path(const std::string& option, const std::string& path) {
  if (auto p = path_problem(option, path)) return std::move(*p);
  return {};
}

Result<void> check_output_paths(const report::OutputRequest& outputs) {
  std::vector<Error> problems;
  for (const auto& [kind, path] : report::requested_outputs(outputs)) {
    if (auto p = path_problem(option_name(kind), path)) problems.push_back(std::move(*p));
  }
  if (problems.empty()) return {};
  return combine_errors(std::move(problems));
}

void print_written(const std::vector<report::RenderedFile>& files) {
  for (const auto& f : files) {
    switch (f.kind) {
      case report::OutputKind::kJson:
        fmt::print("json:   {}\n", f.path);
        break;
      case report::OutputKind::kMarkdown:
        fmt::print("markdown: {}\n", f.path);
        break;
      case report::OutputKind::kJunit:
        fmt::print("junit:  {}\n", f.path);
        break;
      case report::OutputKind::kHtml:
        fmt::print("html:   {}\n", f.path);
        break;
      case report::OutputKind::kJobSummary:
        break;
    }
  }
}

}  // namespace bpfcompat::cli
