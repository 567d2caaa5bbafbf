#!/usr/bin/env bash
# Runs the repository's action.yml through run-action.py (a runner's step semantics) and checks
# what a workflow would see: one real run of a real example on the default matrix (Debian
# 11/12/13 + unstable, real kernels under QEMU; bpf_loop fails on 5.10 -> exit 2), and cases that
# must fail fast before anything boots: input validation, matrix names, shell injection through
# `command`, suite mode.
#
# Usage: action_test.sh BPFCOMPAT_BIN [EXAMPLES_DIR]   (EXAMPLES_DIR: where bpf_loop.bpf.o is;
# default <dir of BPFCOMPAT_BIN>/examples). Kernels come from the default cache
# (~/.cache/bpfcompat), downloaded on first use.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin=$(realpath "${1:?usage: action_test.sh BPFCOMPAT_BIN [EXAMPLES_DIR]}")
examples=${2:-$(dirname "$bin")/examples}
example=$examples/bpf_loop.bpf.o
[ -x "$bin" ] || { echo "action_test: no bpfcompat at $bin" >&2; exit 1; }
[ -f "$example" ] || { echo "action_test: no example at $example (build bpf_examples)" >&2; exit 1; }

tmp=$(mktemp -d /tmp/bpfcompat-action-test.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
failures=0

ok() { echo "ok:   $1"; }
bad() { echo "FAIL: $1"; failures=$((failures + 1)); }
check() { # DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@"; then ok "$what"; else bad "$what"; fi
}
has_line() { grep -qxF -- "$2" "$1"; }
contains() { grep -qF -- "$2" "$1"; }

# run_case NAME [NAME=VALUE ...]: a fresh workspace holding the example, the action run with
# build: false on the binary under test. Leaves $tmp/NAME/{ws,log,summary.md,outputs,rc}.
run_case() {
  local name=$1
  shift
  local dir=$tmp/$name
  mkdir -p "$dir/ws/examples" "$dir/temp"
  cp "$example" "$dir/ws/examples/"
  : >"$dir/summary.md"
  local with=(--with build=false --with "binary=$bin")
  local kv
  for kv in "$@"; do with+=(--with "$kv"); done
  local rc=0
  python3 "$here/run-action.py" --action "$repo/action.yml" --workspace "$dir/ws" \
    --runner-temp "$dir/temp" --summary "$dir/summary.md" --outputs "$dir/outputs" \
    "${with[@]}" >"$dir/log" 2>&1 || rc=$?
  echo "$rc" >"$dir/rc"
  echo "--- case $name: exit $rc"
  sed 's/^/    | /' "$dir/log" | tail -n 25
}
rc_of() { cat "$tmp/$1/rc"; }

# --- Static: no input expression is ever part of a script's text. ---------------------------
check "no \${{ }} expression inside any run: script of action.yml" python3 - "$repo/action.yml" <<'EOF'
import sys, yaml
action = yaml.safe_load(open(sys.argv[1]))
bad = [s.get("name") for s in action["runs"]["steps"] if "${{" in s.get("run", "")]
if bad: print("expressions in run: of", bad)
ok_branding = action.get("branding") == {"icon": "shield", "color": "blue"}
reference = {"suite", "artifact", "command", "command-binary", "command-expect-exit", "disk-resize",
             "matrix", "out", "suite-out", "suite-markdown", "manifest", "validation-mode",
             "markdown", "timeout", "workdir", "concurrency", "keep-vm-on-failure", "build",
             "prebuilt", "binary"}
missing = reference - set(action["inputs"])
if missing: print("reference inputs missing:", sorted(missing))
sys.exit(1 if bad or missing or not ok_branding else 0)
EOF

# --- Fast failures: nothing boots. ---------------------------------------------------------
run_case no-input
check "no artifact/command/suite: exit 64" test "$(rc_of no-input)" = 64
check "no artifact/command/suite: ::error:: says what to set" \
  contains "$tmp/no-input/log" "::error title=bpfcompat::nothing to check: set artifact"
check "no artifact/command/suite: output exit-code=64" has_line "$tmp/no-input/outputs" "exit-code=64"
check "no artifact/command/suite: the job summary says why" \
  contains "$tmp/no-input/summary.md" "stopped before running bpfcompat (exit 64): nothing to check"

run_case bad-build build=maybe
check "build: maybe is refused (exit 64)" test "$(rc_of bad-build)" = 64
check "build: maybe names the input" contains "$tmp/bad-build/log" "::error::build: 'maybe' is not true or false"

run_case missing-artifact artifact=examples/missing.bpf.o
check "missing artifact: exit 64" test "$(rc_of missing-artifact)" = 64
check "missing artifact: the error names the resolved path" contains "$tmp/missing-artifact/log" \
  "artifact: 'examples/missing.bpf.o' does not exist (looked for $tmp/missing-artifact/ws/examples/missing.bpf.o)"

run_case unknown-matrix artifact=examples/bpf_loop.bpf.o matrix=no-such-fleet
check "unknown matrix name: exit 64" test "$(rc_of unknown-matrix)" = 64
check "unknown matrix name: the error lists the shipped matrices" \
  grep -qE "matrix: 'no-such-fleet' is neither .*shipped: .*cloud/ubuntu.* debian" "$tmp/unknown-matrix/log"

# Bare matrix names resolve to the action's matrices/<name>.yaml. An invalid timeout makes
# bpfcompat itself stop (exit 64) before booting, after the action built the whole argv.
# A reference matrix name that lives in matrices/cloud/ here resolves there.
for pair in debian:debian cloud/ubuntu:cloud/ubuntu quirk-library:cloud/quirk-library; do
  m=${pair%%:*}
  c=matrix-${m//\//-}
  run_case "$c" artifact=examples/bpf_loop.bpf.o "matrix=$m" timeout=soon
  check "matrix: $m resolves to $repo/matrices/${pair#*:}.yaml" \
    contains "$tmp/$c/log" " --matrix $repo/matrices/${pair#*:}.yaml "
  check "matrix: $m run: bpfcompat's own exit 64 is the step's" test "$(rc_of "$c")" = 64
  check "matrix: $m run: output report is empty (none written)" has_line "$tmp/$c/outputs" "report="
  check "matrix: $m run: a fallback note is in the job summary" contains "$tmp/$c/summary.md" \
    "bpfcompat exited with code 64 before writing a report"
done

# Shell injection through `command`: never executed by the action's shell, whether the action
# refuses the inputs (missing command-binary) or hands the command to bpfcompat.
pwned=$tmp/pwned
inj="x\"; touch $pwned.1; #' ; touch $pwned.2; # \$(touch $pwned.3) \`touch $pwned.4\`"
run_case injection-refused "command=$inj" command-binary=loaders/missing
check "injection, refused: exit 64 (command-binary missing)" test "$(rc_of injection-refused)" = 64
check "injection, refused: the error names command-binary" \
  contains "$tmp/injection-refused/log" "command-binary: 'loaders/missing' does not exist"
run_case injection-passed "command=$inj" timeout=soon
check "injection, passed on: bpfcompat got the command as one argument" \
  contains "$tmp/injection-passed/log" " --command $(printf '%q' "$inj") --command-expect-exit 0 "
check "injection, passed on: exit 64 from bpfcompat (invalid timeout)" test "$(rc_of injection-passed)" = 64
check "injection: nothing was executed" bash -c "! ls $pwned.* 2>/dev/null"

run_case suite-missing suite=suites/none.yaml
check "suite mode, missing suite file: exit 64 naming it" \
  bash -c "[ \$(cat $tmp/suite-missing/rc) = 64 ] && grep -qF \"suite: 'suites/none.yaml' does not exist\" $tmp/suite-missing/log"
mkdir -p "$tmp/suite-args/ws/suites"
echo "name: placeholder" >"$tmp/suite-args/ws/suites/s.yaml"
run_case suite-args suite=suites/s.yaml timeout=soon
check "suite mode: bpfcompat suite with the reference's default outputs" contains "$tmp/suite-args/log" \
  "suite --suite $tmp/suite-args/ws/suites/s.yaml --out $tmp/suite-args/ws/reports/bpfcompat-suite.json --markdown $tmp/suite-args/ws/reports/bpfcompat-suite.md "
check "suite mode: no validation-mode, no --mode (per-case modes)" \
  bash -c "! grep -qF -- ' --mode ' $tmp/suite-args/log"
mkdir -p "$tmp/suite-mode/ws/suites"
echo "name: placeholder" >"$tmp/suite-mode/ws/suites/s.yaml"
run_case suite-mode suite=suites/s.yaml validation-mode=load_only timeout=soon
check "suite mode: validation-mode is passed to bpfcompat suite as --mode" contains \
  "$tmp/suite-mode/log" "--markdown $tmp/suite-mode/ws/reports/bpfcompat-suite.md --mode load_only "

# --- The real run: one bpfcompat run on the default matrix. ----------------------------------
# As shard 1/1 (every profile), so that merge mode can be checked on its report below.
run_case real artifact=examples/bpf_loop.bpf.o out=reports/bpfcompat.json \
  markdown=reports/bpfcompat.md junit=reports/junit.xml html=reports/report.html shard=1/1
ws=$tmp/real/ws
report=$ws/reports/bpfcompat.json
check "real run: build: false with an existing binary skips the build" \
  contains "$tmp/real/log" "build: false and $bin exists: not building"
check "real run: the step's exit code is bpfcompat's 2 (debian-11 lacks bpf_loop)" \
  test "$(rc_of real)" = 2
check "real run: output exit-code=2" has_line "$tmp/real/outputs" "exit-code=2"
check "real run: output report=<the JSON report>" has_line "$tmp/real/outputs" "report=$report"
check "real run: the JSON report exists" test -s "$report"
check "real run: the Markdown report exists" test -s "$ws/reports/bpfcompat.md"
check "real run: the JUnit report exists" test -s "$ws/reports/junit.xml"
check "real run: the HTML report exists" test -s "$ws/reports/report.html"
check "real run: evidence went to the default workdir in the workspace" test -d "$ws/.bpfcompat/runs"
check "real run: all four profiles of the default matrix ran" python3 -c '
import json, sys
profiles = {t["profile_id"] for t in json.load(open(sys.argv[1]))["targets"]}
sys.exit(0 if {"debian-11", "debian-12", "debian-13", "debian-unstable"} <= profiles else 1)
' "$report"
if [ -s "$report" ]; then
  "$bin" report summary "$report" >"$tmp/expected-summary.md"
  check "real run: the job summary is exactly 'bpfcompat report summary' of the report" \
    cmp "$tmp/expected-summary.md" "$tmp/real/summary.md"
else
  bad "real run: no report to compare the job summary with"
fi

# --- Merge mode on the real (shard 1/1) report, no boot: report merge, then its summary. ----
run_case merge-nothing merge=shards/*/bpfcompat.json
check "merge: a pattern matching nothing is refused (exit 64)" test "$(rc_of merge-nothing)" = 64
if [ -s "$report" ]; then
  mkdir -p "$tmp/merge/ws/shards/1"
  cp "$report" "$tmp/merge/ws/shards/1/bpfcompat.json"
  run_case merge "merge=shards/*/bpfcompat.json" out=merged/bpfcompat.json
  merged=$tmp/merge/ws/merged/bpfcompat.json
  check "merge: exit 2, the merged report's verdict" test "$(rc_of merge)" = 2
  check "merge: output report=<the merged report>" has_line "$tmp/merge/outputs" "report=$merged"
  if [ -s "$merged" ]; then
    "$bin" report summary "$merged" >"$tmp/expected-merge-summary.md"
    check "merge: the job summary is 'bpfcompat report summary' of the merged report" \
      cmp "$tmp/expected-merge-summary.md" "$tmp/merge/summary.md"
  else
    bad "merge: no merged report"
  fi
fi

if [ "$failures" -ne 0 ]; then
  echo "action_test: $failures check(s) failed (logs above; workspaces in $tmp are removed)"
  exit 1
fi
echo "action_test: all checks passed"
