#!/usr/bin/env bash
# Renders the sample HTML report in headless Chromium and checks what a person would see: the
# matrix and its twelve cells in the rendered DOM, the selected cell marked by the inline script,
# and, without the page's script, the matrix and the selected target's details (CSS :target).
# Exits 77 (skipped) without chromium.
#
#   html_render_test.sh REPORT_SAMPLE_BIN                  the test
#   html_render_test.sh REPORT_SAMPLE_BIN --screenshot PNG also (re)writes the screenshot, e.g.
#                                                          docs/images/html-report.png
set -euo pipefail
generator=$1
screenshot=${3:-}
browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $browser ]]; then
  echo "SKIPPED: chromium is not installed (Debian package chromium)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$generator" "$work"

# One browser run; its own profile dir so parallel runs do not share a lock.
render() {
  timeout 120 "$browser" --headless --disable-gpu --no-sandbox --no-first-run \
    --user-data-dir="$work/profile-$RANDOM" --hide-scrollbars "$@" 2>/dev/null
}
fail() {
  echo "FAILED: $*"
  exit 1
}
count() { grep -o -- "$1" | wc -l; }

page="file://$work/sample-suite.html"
dom=$(render --dump-dom "$page#t1")
grep -q '<table class="matrix" id="matrix">' <<<"$dom" || fail "no matrix table in the DOM"
[[ $(count '<td class="cell ' <<<"$dom") -eq 12 ]] || fail "the matrix does not have 12 cells"
[[ $(count '<td class="cell pass' <<<"$dom") -eq 7 ]] || fail "not 7 passing cells"
[[ $(count '<td class="cell fail' <<<"$dom") -eq 2 ]] || fail "not 2 failing cells"
[[ $(count '<td class="cell error' <<<"$dom") -eq 3 ]] || fail "not 3 erroring cells"
grep -q '<td class="cell fail selected" data-target="t1">' <<<"$dom" ||
  fail "the script did not mark the selected cell t1"
grep -q '<article class="target fail" id="t1">' <<<"$dom" || fail "no detail panel for t1"

# Without the page's script (headless Chromium needs scripts for --dump-dom and screenshots,
# so the page's own script is swapped for a probe): the matrix shows, and the selected target's
# panel is shown by CSS alone while the others stay hidden.
probe='<script>var s=function(id){var e=document.getElementById(id);return e?getComputedStyle(e).display:"absent"};
addEventListener("load",function(){document.body.setAttribute("data-probe",
[s("matrix"),s("t1"),s("t0")].join(","))});</script>'
perl -0pe "s{<script>.*?</script>}{$probe}s" "$work/sample-suite.html" >"$work/nojs.html"
grep -q 'classList' "$work/nojs.html" && fail "the page script was not removed"
nojs=$(render --dump-dom "file://$work/nojs.html#t1")
grep -q 'data-probe="table,block,none"' <<<"$nojs" ||
  fail "without the script: matrix, t1, t0 display as $(grep -o 'data-probe="[^"]*"' <<<"$nojs")"
grep -q 'class="cell [a-z]* selected"' <<<"$nojs" && fail "without the script, a cell was still marked"

render --screenshot="$work/shot.png" --window-size=1280,1300 "$page#t2" >/dev/null
[[ $(stat -c %s "$work/shot.png") -gt 20000 ]] || fail "the screenshot is empty"
[[ $(head -c 8 "$work/shot.png" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] ||
  fail "the screenshot is no PNG"
if [[ -n $screenshot ]]; then
  cp "$work/shot.png" "$screenshot"
  echo "wrote $screenshot"
fi
echo "1 passed, 0 failed"
