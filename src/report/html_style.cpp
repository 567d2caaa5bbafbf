// The HTML report's inline stylesheet and script. Details show through CSS :target, so the page
// works with scripts off; the script only marks the selected cell and lets Escape close it.
#include "html_parts.h"

namespace bpfcompat::report::html {

const char* stylesheet() {
  return R"css(
:root { --pass: #1a7f37; --fail: #cf222e; --error: #bf8700; --skipped: #6e7781;
  --pass-bg: #dafbe1; --fail-bg: #ffebe9; --error-bg: #fff8c5; --skipped-bg: #eaeef2; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328;
  margin: 0 auto; max-width: 1200px; padding: 16px 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 24px 0 8px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 0 0 8px; }
h3 small { color: #57606a; font-weight: normal; margin-left: 8px; }
h4 { font-size: 14px; margin: 16px 0 6px; }
code, pre { font: 12px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
pre { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: 8px;
  overflow-x: auto; white-space: pre-wrap; word-break: break-all; margin: 4px 0; }
.meta { color: #57606a; margin: 0; }
.badge { display: inline-block; border-radius: 12px; padding: 1px 10px; color: #fff;
  font-weight: 600; font-size: 13px; }
.badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); }
.badge.error { background: var(--error); } .badge.skipped { background: var(--skipped); }
.badge.stale { background: var(--error); }
.stale-pins { background: var(--error-bg); border: 1px solid var(--error); border-radius: 6px;
  padding: 6px 12px; margin: 8px 0 0; }
.stale-pins p { margin: 0; } .stale-pins ul { margin: 2px 0 0; padding-left: 20px; }
table { border-collapse: collapse; margin: 4px 0; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: #f6f8fa; }
table.matrix th[scope=row] small { display: block; color: #57606a; font-weight: normal; }
table.matrix td.cell { padding: 0; min-width: 130px; text-align: center; }
td.cell a { display: block; padding: 8px 10px; color: inherit; text-decoration: none;
  font-weight: 600; }
td.cell a small { display: block; font-weight: normal; font-size: 11px; }
td.cell.pass { background: var(--pass-bg); color: var(--pass); }
td.cell.fail { background: var(--fail-bg); color: var(--fail); }
td.cell.error { background: var(--error-bg); color: #7d4e00; }
td.cell.skipped { background: var(--skipped-bg); color: #57606a; }
td.cell.missing { background: #fff; color: #8c959f; padding: 8px; }
td.cell:hover, td.cell.selected { outline: 3px solid #0969da; outline-offset: -3px; }
.legend span { display: inline-block; padding: 1px 8px; margin-right: 4px; border-radius: 4px; }
.legend .pass { background: var(--pass-bg); } .legend .fail { background: var(--fail-bg); }
.legend .error { background: var(--error-bg); } .legend .skipped { background: var(--skipped-bg); }
td.pass { color: var(--pass); } td.fail { color: var(--fail); } td.error { color: #7d4e00; }
.target { display: none; border: 1px solid #d0d7de; border-left-width: 6px; border-radius: 6px;
  padding: 12px 16px; margin: 8px 0; }
.target:target { display: block; }
.target.pass { border-left-color: var(--pass); } .target.fail { border-left-color: var(--fail); }
.target.error { border-left-color: var(--error); }
.target.skipped { border-left-color: var(--skipped); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
dt { font-weight: 600; color: #57606a; } dd { margin: 0; min-width: 0; }
details { margin: 6px 0 0; } summary { cursor: pointer; }
)css";
}

const char* script() {
  return R"js(
(function () {
  function sync() {
    var id = decodeURIComponent(location.hash.slice(1));
    document.querySelectorAll('td.cell').forEach(function (td) {
      td.classList.toggle('selected', td.getAttribute('data-target') === id);
    });
  }
  window.addEventListener('hashchange', sync);
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { history.replaceState(null, '', location.pathname); sync(); }
  });
  sync();
})();
)js";
}

}  // namespace bpfcompat::report::html
