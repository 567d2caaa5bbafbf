#include "outputs.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/report/outputs.h"

namespace bpfcompat::cli {
namespace {

namespace fs = std::filesystem;

std::vector<std::pair<std::string, std::string>> requested(const OutputPaths& o) {
  return {{"--out", o.json},
          {"--markdown", o.markdown},
          {"--junit", o.junit},
          {"--html", o.html},
          {"GITHUB_STEP_SUMMARY", o.job_summary}};
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

Result<void> append_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::app | std::ios::binary);
  if (!out) return infrastructure_error(fmt::format("{}: cannot open for appending", path));
  out << text;
  if (!out.flush()) return infrastructure_error(fmt::format("{}: write failed", path));
  return {};
}

}  // namespace

Result<void> check_output_paths(const OutputPaths& outputs) {
  std::vector<Error> problems;
  for (const auto& [option, path] : requested(outputs)) {
    if (path.empty()) continue;
    if (auto p = path_problem(option, path)) problems.push_back(std::move(*p));
  }
  if (problems.empty()) return {};
  return combine_errors(std::move(problems));
}

Result<void> write_outputs(const report::RunReport& rep, const OutputPaths& o) {
  std::vector<std::pair<std::string, std::string>> files;
  if (!o.json.empty()) files.emplace_back(o.json, report::to_json(rep));
  if (!o.markdown.empty()) files.emplace_back(o.markdown, report::to_markdown(rep));
  if (!o.junit.empty()) files.emplace_back(o.junit, report::to_junit(rep));
  if (!o.html.empty()) files.emplace_back(o.html, report::to_html(rep));
  for (const auto& [path, text] : files) {
    if (auto r = write_file_atomic(path, text); !r) return r;
  }
  if (!o.job_summary.empty()) return append_file(o.job_summary, report::to_job_summary(rep));
  return {};
}

void print_written(const OutputPaths& o) {
  if (!o.json.empty()) fmt::print("json:   {}\n", o.json);
  if (!o.markdown.empty()) fmt::print("markdown: {}\n", o.markdown);
  if (!o.junit.empty()) fmt::print("junit:  {}\n", o.junit);
  if (!o.html.empty()) fmt::print("html:   {}\n", o.html);
}

}  // namespace bpfcompat::cli
