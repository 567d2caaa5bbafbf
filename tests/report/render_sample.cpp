// report_sample OUTDIR: writes every rendering of the test samples (the suite of four Debian
// kernels × three cases, and the two-artifact run) into OUTDIR, for the headless-browser test
// and for regenerating docs/images/html-report.png (see html_render_test.sh).
#include <cstdio>
#include <string>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/report/outputs.h"
#include "bpfcompat/report/report.h"
#include "sample_run.h"

int main(int argc, char** argv) {
  using namespace bpfcompat;
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 64;
  }
  const std::string dir = argv[1];
  const report::RunReport suite = report::testing::sample_suite();
  const report::RunReport run = report::testing::sample_run();
  const std::pair<std::string, std::string> files[] = {
      {"sample-suite.html", report::to_html(suite)},
      {"sample-suite.json", report::to_json(suite)},
      {"sample-suite.md", report::to_markdown(suite)},
      {"sample-suite.junit.xml", report::to_junit(suite)},
      {"sample-suite.summary.md", report::to_job_summary(suite)},
      {"sample-run.html", report::to_html(run)},
      {"sample-run.junit.xml", report::to_junit(run)},
  };
  for (const auto& [name, text] : files) {
    if (auto w = write_file_atomic(dir + "/" + name, text); !w) {
      std::fprintf(stderr, "%s\n", w.error().describe().c_str());
      return 1;
    }
  }
  return 0;
}
