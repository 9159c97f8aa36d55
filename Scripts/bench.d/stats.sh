#!/usr/bin/env bash
# Times `viewpoints stats` (α nominal) against Python's csv.reader + numpy + krippendorff.alpha on the same file.
set -euo pipefail

usage() {
    cat <<'USAGE'
usage: Scripts/bench stats [-h] [-u UNITS]

Builds viewpoints in release mode, writes a deterministic long CSV (UNITS units x 3 coders, 4 categories,
default 1000000), and times, in the same run (median of 3 wall times each):
  viewpoints stats FILE --metric alpha --level nominal --format json
  python3: csv.reader -> coders x units numpy array -> krippendorff.alpha(level_of_measurement='nominal')
Builds in $BENCH_SCRATCH (default .build); Python's packages go into a virtualenv there; without PyPI
the comparison is skipped.
Needs: swift, python3 (with the venv module).
USAGE
}

units=1000000
while getopts "hu:" option; do
    case $option in
        h) usage; exit 0 ;;
        u) units=$OPTARG ;;
        *) usage >&2; exit 64 ;;
    esac
done

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
scratch=${BENCH_SCRATCH:-$repo/.build}
work="$scratch/stats"
mkdir -p "$work"
# shellcheck source=Scripts/lib.sh
source "$repo/Scripts/lib.sh"
bench_build stats "$repo" "swift python3"

data="$work/long-$units.csv"
if [[ ! -s $data ]]; then
    echo "writing $data…" >&2
    python3 - "$units" "$data" <<'PY'
import random, sys
units, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(20240611)
categories = ["a", "b", "c", "d"]
with open(path + ".tmp", "w", newline="") as out:
    out.write("unit,coder,value\n")
    lines = []
    for unit in range(units):
        truth = rng.randrange(4)
        for coder in range(3):
            value = truth if rng.random() < 0.7 else rng.randrange(4)
            lines.append(f"u{unit},c{coder + 1},{categories[value]}\n")
        if len(lines) >= 300000:
            out.write("".join(lines))
            lines = []
    out.write("".join(lines))
import os
os.replace(path + ".tmp", path)
PY
fi

# Python side: a virtualenv with numpy and krippendorff, when PyPI is reachable.
venv="$scratch/bench-venv"
python=""
if [[ -x $venv/bin/python ]] && "$venv/bin/python" -c "import numpy, krippendorff" 2>/dev/null; then
    python="$venv/bin/python"
elif python3 -m venv "$venv" >&2 && "$venv/bin/pip" install --quiet --disable-pip-version-check numpy krippendorff >&2; then
    python="$venv/bin/python"
else
    echo "stats bench: could not install numpy and krippendorff from PyPI: skipping the Python comparison" >&2
fi

cat >"$work/alpha.py" <<'PY'
import csv, sys
import numpy as np
import krippendorff
with open(sys.argv[1], newline="") as f:
    rows = csv.reader(f)
    header = next(rows)
    iu, ic, iv = header.index("unit"), header.index("coder"), header.index("value")
    units, coders, values, triples = {}, {}, {}, []
    for row in rows:
        if row[iv] == "":
            continue
        triples.append((coders.setdefault(row[ic], len(coders)), units.setdefault(row[iu], len(units)),
                        values.setdefault(row[iv], len(values))))
data = np.full((len(coders), len(units)), np.nan)
t = np.array(triples, dtype=np.int64)
data[t[:, 0], t[:, 1]] = t[:, 2]
print(repr(float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))))
PY

swift_time=$(time_median "$work/swift.json" "$binary" stats "$data" --metric alpha --level nominal --format json)
swift_alpha=$(python3 -c 'import json,sys; print(repr(json.load(open(sys.argv[1]))[0]["value"]))' "$work/swift.json")

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "data: $units units x 3 coders, 4 categories ($(du -h "$data" | cut -f1))"
printf 'viewpoints stats: %.3f s (median of 3), alpha = %s\n' "$swift_time" "$swift_alpha"
if [[ -n $python ]]; then
    python_time=$(time_median "$work/python.txt" "$python" "$work/alpha.py" "$data")
    python_alpha=$(cat "$work/python.txt")
    printf 'python krippendorff %s: %.3f s (median of 3), alpha = %s\n' \
        "$("$python" -c 'import importlib.metadata as m; print(m.version("krippendorff"))')" "$python_time" "$python_alpha"
    printf 'ratio viewpoints / python: %.3f (target at most 0.5)\n' "$(python3 -c "print($swift_time / $python_time)")"
    python3 - "$swift_alpha" "$python_alpha" <<'PY'
import sys
a, b = float(sys.argv[1]), float(sys.argv[2])
print(f"alphas agree: {'yes' if abs(a - b) <= 1e-9 else 'NO'} (difference {abs(a - b):.2e})")
sys.exit(0 if abs(a - b) <= 1e-9 else 1)
PY
else
    echo "python comparison: skipped (PyPI not reachable)"
fi
