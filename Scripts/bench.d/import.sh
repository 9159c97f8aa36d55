#!/usr/bin/env bash
# Times `viewpoints import statements` against `psql \copy` of the same file, in the same run.
set -euo pipefail

usage() {
    cat <<'USAGE'
usage: Scripts/bench import [-h] [N]

Builds viewpoints in release mode, generates N statements (default 1000000; texts of 200-600 characters by
60 invented participants, some naming others, giving e-mails or phones), makes a database in the server of
$DATABASE_URL (or in a throwaway PostgreSQL cluster when it is unset) and
times, in the same run and on the same server (median of 3 each):
  viewpoints import statements FILE --participants participants.csv   (into a new study each time)
  psql -c "\copy ref from FILE csv header"   (ref: participant, text, question, source, seq; no indexes)
Prints both, the ratio, and the importer's peak memory (/usr/bin/time -v).
Needs: swift, python3, PostgreSQL's server programs, psql, /usr/bin/time (Debian: time).
USAGE
}
[[ ${1:-} == -h || ${1:-} == --help ]] && { usage; exit 0; }
n=${1:-1000000}
[[ $n =~ ^[0-9]+$ ]] || { usage >&2; exit 64; }

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=Scripts/lib.sh
source "$repo/Scripts/lib.sh"
[[ -x /usr/bin/time ]] || { echo "import bench: needs /usr/bin/time (apt-get install -y time)" >&2; exit 69; }
bench_build import "$repo"
bench_statements "$n" "$repo"
bench_database import
"$binary" db migrate >/dev/null
psql -q -X "$DATABASE_URL" -c "CREATE TABLE ref (participant text, text text, question text, source text, seq int)"
readable_data="$data"
if [[ $(id -u) -eq 0 ]]; then chmod o+r "$data"; fi

now() { date +%s.%N; }

vp_times=()
copy_times=()
peak=0
for run in 1 2 3; do
    psql -q -X "$DATABASE_URL" -c "TRUNCATE ref; CHECKPOINT"
    start=$(now)
    psql -q -X "$DATABASE_URL" -c "\\copy ref from '$readable_data' csv header"
    copy_times+=("$(echo "$(now) - $start" | bc -l)")

    "$binary" study delete bench --yes --forget-key >/dev/null 2>&1 || true
    # each run starts from empty tables, as \copy starts from a truncated one: without this, the previous run's
    # million dead rows stay in the statements table and its indexes, and re-adding the foreign key scans them
    psql -q -X "$DATABASE_URL" -c "VACUUM FULL statements, participants"
    "$binary" study create bench >/dev/null
    "$binary" import participants "$participants" --study bench >/dev/null
    psql -q -X "$DATABASE_URL" -c "CHECKPOINT"
    start=$(now)
    /usr/bin/time -v -o "$work/time-$run.txt" \
        "$binary" import statements "$data" --participants "$participants" --study bench >"$work/import-$run.txt"
    vp_times+=("$(echo "$(now) - $start" | bc -l)")
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time-$run.txt")
    ((kb > peak)) && peak=$kb
    echo "run $run: copy ${copy_times[-1]} s, viewpoints ${vp_times[-1]} s ($(cat "$work/import-$run.txt"))" >&2
done

copy=$(printf '%s\n' "${copy_times[@]}" | median)
vp=$(printf '%s\n' "${vp_times[@]}" | median)
rows=$(psql -At -X "$DATABASE_URL" -c "SELECT count(*) FROM statements")
echo
echo "import of $n statements ($(du -h "$data" | cut -f1)), median of 3, $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
printf 'psql \\copy (no indexes):        %8.2f s\n' "$copy"
printf 'viewpoints import statements:   %8.2f s  (%s rows stored, redacted, hashed, indexed)\n' "$vp" "$rows"
printf 'ratio viewpoints / \\copy:       %8.2f  (target: at most 2)\n' "$(echo "$vp / $copy" | bc -l)"
printf 'viewpoints peak memory:         %8.1f MB (target: under 100)\n' "$(echo "$peak / 1024" | bc -l)"
