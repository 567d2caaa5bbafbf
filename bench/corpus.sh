#!/usr/bin/env bash
# The corpus run: every real eBPF object Debian ships (tests/corpus/extract: the libbpf-tools
# skeletons and the xdp-tools/libxdp objects) through `bpfcompat test` on a matrix (default: the
# built-in default matrix, four Debian kernels), then the verdict matrix (object × kernel) and
# the count of each code. The bar for the corpus: no `error` cell, no `UNKNOWN` code — each one
# is a bug of ours, not of the object. Exits 1 when the bar is missed.
# Usage: bench/corpus.sh [BUILD_DIR] [CORPUS_DIR] [MATRIX]
#   writes CORPUS_DIR/report.json and CORPUS_DIR/matrix.md (paste it into docs/corpus.md)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
corpus=${2:-${XDG_CACHE_HOME:-$HOME/.cache}/bpfcompat/corpus}
matrix=${3:-}
bin=$build/bpfcompat

tests/corpus/extract "$corpus" >/dev/null
artifacts=()
for o in "$corpus"/objects/*.bpf.o; do artifacts+=(--artifact "$o"); done
[ "${#artifacts[@]}" -gt 0 ] || { echo "corpus.sh: no objects in $corpus/objects" >&2; exit 1; }

work=$(mktemp -d /tmp/bpfcompat-corpus.XXXXXX)
trap 'rm -rf "$work"' EXIT
args=(test -q "${artifacts[@]}" --out "$corpus/report.json" --workdir "$work")
[ -n "$matrix" ] && args+=(--matrix "$matrix")
start=$(date +%s)
rc=0
"$bin" "${args[@]}" || rc=$?
echo "corpus.sh: $((${#artifacts[@]})) objects, bpfcompat exit $rc, $(($(date +%s) - start)) s"

python3 - "$corpus/report.json" "$corpus/matrix.md" "$corpus/SOURCES" <<'EOF'
import collections, json, sys
report = json.load(open(sys.argv[1]))
targets = report["targets"]
profiles = sorted({t["profile_id"] for t in targets})
cells = {(t["artifact"], t["profile_id"]): t for t in targets}
objects = sorted({t["artifact"] for t in targets})
codes = collections.Counter()
bad = []
def cell(t):
    s = t["status"]
    c = t.get("classification_code") or ""
    codes[(s, c or "-")] += 1
    if s == "error" or c == "UNKNOWN":
        bad.append(f'{t["artifact"]} on {t["profile_id"]}: {s} {c}: {t.get("reason", "")}')
    return s if not c else f"{s} `{c}`"
lines = ["| object | " + " | ".join(profiles) + " |", "|---|" + "---|" * len(profiles)]
for o in objects:
    lines.append(f"| {o} | " + " | ".join(cell(cells[(o, p)]) if (o, p) in cells else "" for p in profiles) + " |")
kernels = {t["profile_id"]: (t.get("host") or {}).get("kernel", "") for t in targets}
out = [f"{len(objects)} objects × {len(profiles)} kernels (" +
       ", ".join(f"{p}: {kernels[p]}" for p in profiles) + ")", ""]
try:
    out += ["Packages: " + ", ".join(l.strip() for l in open(sys.argv[3]) if l.strip()), ""]
except OSError:
    pass
out += lines + ["", "| status | code | cells |", "|---|---|---|"]
out += [f"| {s} | {c} | {n} |" for (s, c), n in sorted(codes.items())]
open(sys.argv[2], "w").write("\n".join(out) + "\n")
print("\n".join(out[-(len(codes) + 2):]))
if bad:
    print("\nerror cells / UNKNOWN codes (each is a bug of ours):")
    print("\n".join(bad))
    sys.exit(1)
print("corpus.sh: no error cells, no UNKNOWN codes")
EOF
