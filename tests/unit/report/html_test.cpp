#include <regex>

#include <gtest/gtest.h>

#include "bpfcompat/report/outputs.h"
#include "sample_run.h"
#include "support/text.h"

namespace bpfcompat::report {
namespace {

using bpfcompat::testing::count_occurrences;

TEST(Html, IsOneSelfContainedPage) {
  std::string html = to_html(testing::sample_suite());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n", 0), 0u);
  EXPECT_EQ(html.find("http:"), std::string::npos);
  EXPECT_EQ(html.find("https:"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(count_occurrences(html, "<style>"), 1u);
  EXPECT_EQ(count_occurrences(html, "<script>"), 1u);
}

TEST(Html, MatrixHasOneColouredCellPerProfileAndCase) {
  std::string html = to_html(testing::sample_suite());
  EXPECT_EQ(count_occurrences(html, "<td class=\"cell "), 12u);
  EXPECT_EQ(count_occurrences(html, "<th scope=\"row\">"), 4u);
  EXPECT_EQ(count_occurrences(html, "<td class=\"cell pass\""), 7u);
  EXPECT_EQ(count_occurrences(html, "<td class=\"cell fail\""), 2u);
  EXPECT_EQ(count_occurrences(html, "<td class=\"cell error\""), 3u);
  EXPECT_NE(html.find("<td class=\"cell fail\" data-target=\"t1\"><a href=\"#t1\""),
            std::string::npos);
  EXPECT_NE(html.find("<th scope=\"row\">debian-unstable (optional)<small>apt sid/"),
            std::string::npos);
}

TEST(Html, EveryCellOpensAPanelWithTheTargetsDetails) {
  std::string html = to_html(testing::sample_suite());
  std::regex href("href=\"#(t[0-9]+)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), href); it != std::sregex_iterator();
       ++it) {
    EXPECT_NE(html.find("id=\"" + (*it)[1].str() + "\""), std::string::npos) << (*it)[1];
  }
  auto panel = html.substr(html.find("<article class=\"target fail\" id=\"t1\">"));
  panel = panel.substr(0, panel.find("</article>"));
  EXPECT_NE(panel.find("<code>UNSUPPORTED_HELPER</code> (high confidence)"), std::string::npos);
  EXPECT_NE(panel.find("<dt>Remediation</dt><dd>bpf_loop needs Linux 5.17"), std::string::npos);
  EXPECT_NE(panel.find("<pre>number of funcs in func_info doesn&#39;t match"), std::string::npos);
  EXPECT_NE(panel.find("<td>count_loops</td>"), std::string::npos);
  auto behavior = html.substr(html.find("id=\"t2\""));
  EXPECT_NE(behavior.find("<h4>Functional tests: fail</h4>"), std::string::npos);
  EXPECT_NE(behavior.find("exec-behavior-behavior: stderr (tail)"), std::string::npos);
}

TEST(Html, NamesEachProfilesDistroAndExactKernel) {
  RunReport r = testing::sample_run();
  for (auto& t : r.targets) {
    if (t.profile_id != "debian-12") continue;
    t.distro = "rocky";
    t.distro_version = "9.4";
    t.observed_kernel = t.kernel_release = "5.14.0-427.13.1.el9_4.x86_64";
    t.kernel_package = "kernel-core";
    t.kernel_package_version = "5.14.0-427.13.1.el9_4";
  }
  std::string html = to_html(r);
  EXPECT_NE(html.find("<th scope=\"row\">debian-12<small>Rocky Linux 9.4 · "
                      "5.14.0-427.13.1.el9_4.x86_64</small></th>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<th scope=\"row\">debian-11<small>Debian 11 · 5.10.0-33-cloud-amd64 "
                      "(5.10.226-1)</small></th>"),
            std::string::npos);
  EXPECT_NE(html.find("<dt>Identity</dt><dd>Rocky Linux 9.4 · package <code>kernel-core "
                      "5.14.0-427.13.1.el9_4</code> · release "
                      "<code>5.14.0-427.13.1.el9_4.x86_64</code></dd>"),
            std::string::npos);
}

TEST(Html, ShowsDetailsWithoutScriptThroughTargetSelector) {
  std::string html = to_html(testing::sample_run());
  EXPECT_NE(html.find(".target { display: none;"), std::string::npos);
  EXPECT_NE(html.find(".target:target { display: block; }"), std::string::npos);
}

TEST(Html, EscapesUserData) {
  RunReport r = testing::sample_run();
  r.targets[0].verdict.reason = "<script>alert(1)</script>";
  r.targets[0].programs[0].name = "\"><img onerror=x>";
  r.cases[0].name = "a&b";
  r.targets[0].console_tail = "\x1b[1mbold\xff";
  r.targets[0].verdict.status = classify::Status::kError;
  std::string html = to_html(r);
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_NE(html.find("<th scope=\"col\">a&amp;b</th>"), std::string::npos);
  EXPECT_NE(html.find("\\x1b[1mbold\xEF\xBF\xBD"), std::string::npos);
}

}  // namespace
}  // namespace bpfcompat::report
