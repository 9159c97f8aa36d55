#!/usr/bin/env bash
# Times `viewpoints import transcripts` against `import statements` of the same statements as CSV, in one run.
set -euo pipefail

usage() {
    cat <<'USAGE'
usage: Scripts/bench transcripts [-h] [N] [WORDS]

Builds viewpoints in release mode, generates N one-to-one interview transcripts (default 1000) of about WORDS
words each (default 8000; .txt, .md, .vtt and .srt in turn, speakers named as in the participants file) and the
same statements as one CSV, starts a throwaway PostgreSQL and times, in the same run (median of 3 each, each
into a new study):
  viewpoints import statements statements.csv --participants participants.csv
  viewpoints import transcripts transcripts/ --participants participants.csv
Prints both, the ratio (target: at most 1.5) and both imports' peak memory (/usr/bin/time -v).
Needs: swift, python3, PostgreSQL's server programs, psql, /usr/bin/time (Debian: time).
USAGE
}
[[ ${1:-} == -h || ${1:-} == --help ]] && { usage; exit 0; }
n=${1:-1000}
words=${2:-8000}
[[ $n =~ ^[0-9]+$ && $words =~ ^[0-9]+$ ]] || { usage >&2; exit 64; }

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=Scripts/lib.sh
source "$repo/Scripts/lib.sh"
[[ -x /usr/bin/time ]] || { echo "transcripts bench: needs /usr/bin/time (apt-get install -y time)" >&2; exit 69; }
scratch=${BENCH_SCRATCH:-$repo/.build}
work="$scratch/bench-transcripts/$n-$words"
mkdir -p "$work"
chmod 755 "$scratch" "$scratch/bench-transcripts" "$work" 2>/dev/null || true
bench_build transcripts "$repo"
if [[ ! -s $work/statements.csv ]]; then
    echo "generating $n transcripts of about $words words…" >&2
    python3 "$here/generate-transcripts.py" "$n" "$words" "$work"
fi
echo "data: $(du -sh "$work/transcripts" | cut -f1) of transcripts, $(du -h "$work/statements.csv" | cut -f1) of CSV" >&2

start_throwaway_pg
export VIEWPOINTS_HOME="$work/home"
rm -rf "$VIEWPOINTS_HOME"
"$binary" db migrate >/dev/null
now() { date +%s.%N; }

# one timed import into a fresh study; appends the seconds to the array named $1 and the peak KB to peak_$1
timed() {
    local -n times=$1
    local label=$1
    shift
    "$binary" study delete bench --yes --forget-key >/dev/null 2>&1 || true
    psql -q -X "$DATABASE_URL" -c "VACUUM FULL statements, participants"
    "$binary" study create bench >/dev/null
    "$binary" import participants "$work/participants.csv" --study bench >/dev/null
    psql -q -X "$DATABASE_URL" -c "CHECKPOINT"
    local start
    start=$(now)
    /usr/bin/time -v -o "$work/time-$label.txt" "$binary" "$@" --study bench >"$work/out-$label.txt"
    times+=("$(echo "$(now) - $start" | bc -l)")
    local kb
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time-$label.txt")
    eval "((kb > peak_$label)) && peak_$label=$kb" || true
    echo "$label: ${times[-1]} s ($(head -1 "$work/out-$label.txt"))" >&2
}

csv=()
transcripts=()
peak_csv=0
peak_transcripts=0
for run in 1 2 3; do
    timed csv import statements "$work/statements.csv" --participants "$work/participants.csv"
    timed transcripts import transcripts "$work/transcripts" --participants "$work/participants.csv"
done
a=$(printf '%s\n' "${csv[@]}" | median)
b=$(printf '%s\n' "${transcripts[@]}" | median)
rows=$(psql -At -X "$DATABASE_URL" -c "SELECT count(*) FROM statements")
echo
echo "$n transcripts of about $words words ($rows statements), median of 3, $(nproc) cores"
printf 'viewpoints import statements (CSV):   %8.2f s, peak %6.1f MB\n' "$a" "$(echo "$peak_csv / 1024" | bc -l)"
printf 'viewpoints import transcripts:        %8.2f s, peak %6.1f MB\n' "$b" "$(echo "$peak_transcripts / 1024" | bc -l)"
printf 'ratio transcripts / CSV:              %8.2f  (target: at most 1.5)\n' "$(echo "$b / $a" | bc -l)"
