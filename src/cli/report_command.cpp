// `report merge|compare|summary`: work on report files after the runs.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "bpfcompat/core/exit_codes.h"
#include "bpfcompat/core/file_io.h"
#include "bpfcompat/report/compare.h"
#include "bpfcompat/report/merge.h"
#include "bpfcompat/report/outputs.h"
#include "bpfcompat/report/render.h"
#include "commands.h"
#include "logging.h"

namespace bpfcompat::cli {
namespace {

Result<report::RunReport> load_report(const std::string& path) {
  auto text = read_file(path);
  if (!text) {
    return invalid_input(fmt::format("{}: cannot read the report", path),
                         "pass a report.json written by bpfcompat test or suite");
  }
  return report::from_json(*text, path);
}

struct MergeArgs {
  std::vector<std::string> inputs;
  report::OutputRequest outputs;  // no job summary: `report summary` prints it
};

int run_merge(const MergeArgs& a) {
  std::vector<report::RunReport> shards;
  for (const auto& path : a.inputs) {
    auto r = load_report(path);
    if (!r) return report_error(r.error());
    shards.push_back(std::move(*r));
  }
  auto merged = report::merge_reports(shards);
  if (!merged) return report_error(merged.error());
  if (auto w = report::write_rendered(report::render(*merged, a.outputs)); !w) {
    return report_error(w.error());
  }
  fmt::print("{}", report::to_summary_table(*merged, false));
  fmt::print("merged {} reports into {}\n", a.inputs.size(), a.outputs.json);
  return merged->suite_name.empty() ? report::exit_code(*merged) : report::suite_exit_code(*merged);
}

struct CompareArgs {
  std::string base, head, out, markdown;
  std::vector<std::string> renames;  // OLD=NEW
};

int run_compare(const CompareArgs& a) {
  auto base = load_report(a.base);
  if (!base) return report_error(base.error());
  auto head = load_report(a.head);
  if (!head) return report_error(head.error());
  std::vector<report::CaseRename> renames;
  for (const auto& text : a.renames) {
    auto r = report::parse_case_rename(text);
    if (!r) return report_error(r.error());
    renames.push_back(std::move(*r));
  }
  auto compared = report::compare_reports(*base, *head, renames);
  if (!compared) {
    return report_error(std::move(compared).error().with_context(
        fmt::format("comparing {} (base) with {} (head)", a.base, a.head)));
  }
  const report::Comparison& diff = *compared;
  std::string md = report::comparison_markdown(diff);
  if (!a.out.empty()) {
    if (auto w = write_file_atomic(a.out, report::comparison_json(diff)); !w) {
      return report_error(w.error());
    }
  }
  if (!a.markdown.empty()) {
    if (auto w = write_file_atomic(a.markdown, md); !w) return report_error(w.error());
  }
  fmt::print("{}", md);
  return diff.required_regressions > 0 ? static_cast<int>(kExitIncompatible)
                                       : static_cast<int>(kExitOk);
}

}  // namespace

void add_report_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("report", "Merge shard reports, compare two reports, summarise");
  cmd->require_subcommand(1);

  auto merge = std::make_shared<MergeArgs>();
  auto* m = cmd->add_subcommand("merge", "Join the reports of --shard I/N runs into one");
  m->add_option("reports", merge->inputs, "Shard report files (report.json)")
      ->required()
      ->check(CLI::ExistingFile);
  m->add_option("-o,--out", merge->outputs.json, "The merged JSON report")->required();
  m->add_option("--markdown", merge->outputs.markdown, "Also write Markdown");
  m->add_option("--junit", merge->outputs.junit, "Also write JUnit XML");
  m->add_option("--html", merge->outputs.html, "Also write HTML");
  m->callback([merge, &action] { action = [merge] { return run_merge(*merge); }; });

  auto compare = std::make_shared<CompareArgs>();
  auto* c = cmd->add_subcommand(
      "compare",
      "Diff two reports by profile × case (renamed cases followed); exit 2 when a required "
      "target regressed (pass → fail/error)");
  c->add_option("base", compare->base, "Baseline report")->required()->check(CLI::ExistingFile);
  c->add_option("head", compare->head, "New report")->required()->check(CLI::ExistingFile);
  c->add_option("-o,--out", compare->out, "Write the comparison as JSON");
  c->add_option("--markdown", compare->markdown, "Write the comparison as Markdown");
  c->add_option("--rename", compare->renames,
                "OLD=NEW: base case (or artifact) OLD is head case NEW; repeatable. Cases only "
                "in one report are paired by artifact sha256 without it")
      ->allow_extra_args(false);
  c->callback([compare, &action] { action = [compare] { return run_compare(*compare); }; });

  auto summary = std::make_shared<std::string>();
  auto max_failures = std::make_shared<int>(10);
  auto* s = cmd->add_subcommand("summary", "Print the GitHub job summary Markdown of a report");
  s->add_option("report", *summary, "Report file")->required()->check(CLI::ExistingFile);
  s->add_option("--max-failures", *max_failures, "Failure details to show")->capture_default_str();
  s->callback([summary, max_failures, &action] {
    action = [summary, max_failures] {
      auto r = load_report(*summary);
      if (!r) return report_error(r.error());
      fmt::print("{}", report::to_job_summary(*r, *max_failures));
      return static_cast<int>(kExitOk);
    };
  });
}

}  // namespace bpfcompat::cli
