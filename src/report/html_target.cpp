// html::target_panel: everything known about one target, for the HTML report's detail view.
#include <fmt/format.h>

#include "html_parts.h"
#include "kernel_identity.h"
#include "markup_escape.h"
#include "run_summary.h"

namespace bpfcompat::report::html {
namespace {

using classify::Status;

std::string esc(const std::string& s) {
  return html_escape(s);
}

std::string row(const char* term, const std::string& html) {
  return fmt::format("<dt>{}</dt><dd>{}</dd>\n", term, html);
}

std::string pre(const std::string& text) {
  return "<pre>" + esc(text) + "</pre>";
}

std::string fold(const std::string& summary, const std::string& text) {
  return fmt::format("<details><summary>{}</summary>{}</details>\n", esc(summary), pre(text));
}

// "AlmaLinux 9 · package kernel-core 5.14.0-427.13.1.el9_4 · release 5.14.0-427.13.1.el9_4.x86_64"
std::string identity_facts(const TargetReport& t) {
  std::string out = esc(distro_label(t.distro, t.distro_version));
  auto add = [&out](const std::string& part) { out += (out.empty() ? "" : " · ") + part; };
  std::string package = t.kernel_package;
  if (!t.kernel_package_version.empty()) {
    package += (package.empty() ? "" : " ") + t.kernel_package_version;
  }
  if (!package.empty()) add("package <code>" + esc(package) + "</code>");
  if (!t.kernel_release.empty()) add("release <code>" + esc(t.kernel_release) + "</code>");
  return out;
}

// "stale: pinned, and the index has 6.1.0-30.30" or "the newest the index offers (6.1.0-30.30)"
std::string freshness_text(const TargetReport& t) {
  const Freshness& f = *t.freshness;
  if (f.stale) return "stale: pinned, and the index has " + f.newest_version;
  if (f.latest) {
    return fmt::format("the newest the index offers ({}){}", f.newest_version,
                       f.pinned ? ", pinned" : "");
  }
  return "the index's newest is " + f.newest_version;
}

std::string facts(const TargetReport& t) {
  const classify::Verdict& v = t.verdict;
  std::string out = "<dl>\n";
  if (!v.code.empty()) {
    out += row("Code", fmt::format("<code>{}</code> ({} confidence)", esc(v.code),
                                   classify::confidence_name(v.confidence)));
  }
  out += row("Reason", esc(v.reason));
  if (!v.evidence.empty()) out += row("Evidence", pre(v.evidence));
  if (!v.remediation.empty()) out += row("Remediation", esc(v.remediation));
  std::string kernel = esc(t.requested_kernel);
  if (!t.observed_kernel.empty())
    kernel += fmt::format(" → <code>{}</code>", esc(t.observed_kernel));
  kernel += fmt::format(" · lane {} · {} · BTF {}", esc(t.lane),
                        t.accelerator.empty() ? "no accelerator" : esc(t.accelerator),
                        t.btf_vmlinux ? "yes" : "no");
  out += row("Kernel", kernel);
  if (std::string identity = identity_facts(t); !identity.empty()) out += row("Identity", identity);
  if (t.freshness) out += row("Freshness", esc(freshness_text(t)));
  std::string time = fmt::format(
      "{} (prepare {}, initramfs {}, boot {}, validate {})", format_duration(t.duration_ms),
      format_duration(t.stages.prepare_ms), format_duration(t.stages.initramfs_ms),
      format_duration(t.stages.boot_ms), format_duration(t.stages.validate_ms));
  if (t.attempts > 1) time += fmt::format(" · {} attempts: {}", t.attempts, esc(t.retry_reason));
  out += row("Time", time);
  if (!t.mode.empty()) out += row("Mode", esc(t.mode));
  if (!t.evidence.dir.empty())
    out += row("Evidence files", "<code>" + esc(t.evidence.dir) + "</code>");
  return out + "</dl>\n";
}

std::string attach_text(const validation::AttachResult& a) {
  std::string status = a.status.empty() ? "not_run" : a.status;
  if (!a.method.empty() && a.method != "none") status += " (" + a.method + ")";
  if (a.err != 0) status += fmt::format(" errno {}", a.err);
  return status;
}

std::string programs(const TargetReport& t) {
  if (t.programs.empty()) return "";
  std::string out =
      "<h4>Programs</h4>\n<table class=\"programs\"><thead><tr><th>Program</th><th>Section</th>"
      "<th>Type</th><th>Status</th><th>Code</th><th>Load</th><th>Attach</th><th>Reason</th>"
      "</tr></thead><tbody>\n";
  std::string logs;
  for (const auto& p : t.programs) {
    std::string load = p.load.ok ? "ok" : fmt::format("failed, errno {}", p.load.err);
    if (p.load.insns_processed >= 0) load += fmt::format(", {} insns", p.load.insns_processed);
    const char* status = classify::status_name(p.verdict.status);
    out += fmt::format(
        "<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td class=\"{}\">{}</td><td>{}</td>"
        "<td>{}</td><td>{}</td><td>{}</td></tr>\n",
        esc(p.name), esc(p.section), esc(p.type), status, status, esc(p.verdict.code), load,
        esc(attach_text(p.attach)), esc(p.verdict.reason));
    std::string log = p.load.verifier_tail + p.load.libbpf_tail + p.attach.libbpf_tail;
    if (!log.empty()) logs += fold(p.name + ": verifier and libbpf log", log);
  }
  return out + "</tbody></table>\n" + logs;
}

std::string fixups(const TargetReport& t) {
  if (t.fixups.empty()) return "";
  std::string out = "<h4>Manifest fixups</h4>\n<ul>\n";
  for (const auto& f : t.fixups) {
    out += fmt::format("<li>{} <code>{}</code>: {}{}</li>\n", esc(f.kind), esc(f.target),
                       esc(f.detail), f.ok ? "" : " <strong>(failed)</strong>");
  }
  return out + "</ul>\n";
}

std::string runs(const std::string& title, const std::vector<validation::TestRun>& list) {
  std::string out = fmt::format(
      "<h4>{}</h4>\n<table class=\"runs\"><thead><tr><th>Name</th><th>Required</th><th>Status</th>"
      "<th>Exit</th><th>Expected</th><th>Time</th><th>Error</th></tr></thead><tbody>\n",
      esc(title));
  std::string tails;
  for (const auto& r : list) {
    std::string status = r.status.empty() ? "not_run" : r.status;
    out += fmt::format(
        "<tr><td>{}</td><td>{}</td><td class=\"{}\">{}</td><td>{}{}</td><td>{}</td><td>{}</td>"
        "<td>{}</td></tr>\n",
        esc(r.name), r.required ? "yes" : "no", esc(status), esc(status), r.exit_code,
        r.timed_out ? " (timed out)" : "", r.expect_exit, format_duration(r.duration_ms),
        esc(r.error));
    if (!r.stdout_tail.empty()) tails += fold(r.name + ": stdout (tail)", r.stdout_tail);
    if (!r.stderr_tail.empty()) tails += fold(r.name + ": stderr (tail)", r.stderr_tail);
  }
  return out + "</tbody></table>\n" + tails;
}

}  // namespace

std::string target_panel(const TargetReport& t, const std::string& id) {
  const char* status = classify::status_name(t.verdict.status);
  std::string kernel = t.observed_kernel.empty() ? t.requested_kernel : t.observed_kernel;
  std::string out = fmt::format(
      "<article class=\"target {}\" id=\"{}\">\n<h3><span class=\"badge {}\">{}</span> {} on {}"
      "<small>{}{}</small></h3>\n",
      status, id, status, status, esc(t.artifact), esc(t.profile_id), esc(kernel),
      t.required ? "" : " · optional");
  out += facts(t) + programs(t) + fixups(t);
  if (t.functional) {
    out += runs(fmt::format("Functional tests: {}", t.functional->status), t.functional->tests);
  }
  if (t.command) out += runs("Command", {*t.command});
  if (t.verdict.status == Status::kError && !t.console_tail.empty()) {
    out += fold("Console tail", t.console_tail);
  }
  return out + "</article>\n";
}

}  // namespace bpfcompat::report::html
