#!/usr/bin/env bash
# Times the coding CLI: Enter to the next statement in an interactive session, and `import codings` against
# psql \copy of the same file.
set -euo pipefail

usage() {
    cat <<'USAGE'
usage: Scripts/bench coding [-h] [-r ROWS] [-e ENTERS]

Builds viewpoints in release mode and, in a throwaway PostgreSQL cluster (or the database of $DATABASE_URL,
where it creates and drops a database of its own), imports the ipr-2018 sample and measures:
  1. the median time from Enter (an empty line: statement done) to the next statement's prompt, over ENTERS
     (default 200) Enters of an interactive session on a pseudo-terminal, on the local socket;
  2. `viewpoints import codings` of ROWS (default 1000000) generated codings, and psql \copy of the same file
     into a table with its four columns (median of 3 each for \copy, 1 run of the import);
  3. the floor of any importer: the reviews, codings and events the import wrote, inserted into copies of the
     tables with the same indexes but no triggers, foreign keys or checks.
Builds in $BENCH_SCRATCH (default .build).
Needs: swift, python3, PostgreSQL's server programs and psql.
USAGE
}

rows=1000000
enters=200
while getopts "hr:e:" option; do
    case $option in
        h) usage; exit 0 ;;
        r) rows=$OPTARG ;;
        e) enters=$OPTARG ;;
        *) usage >&2; exit 64 ;;
    esac
done

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=Scripts/lib.sh
source "$repo/Scripts/lib.sh"
bench_build coding "$repo"
bench_database coding
sample=$repo/Samples/ipr-2018
"$binary" db migrate >/dev/null
"$binary" study create ipr-2018 >/dev/null
"$binary" import participants "$sample/participants.csv" >/dev/null
"$binary" import statements "$sample/statements.csv" --participants "$sample/participants.csv" >/dev/null
"$binary" import codebook "$sample/codebook.csv" >/dev/null
"$binary" coder add bench >/dev/null

echo "== Enter to next statement ($enters Enters, pseudo-terminal)"
python3 - "$binary" "$enters" <<'PY'
import os, pty, select, statistics, sys, time
binary, enters = sys.argv[1], int(sys.argv[2])
pid, fd = pty.fork()
if pid == 0:
    os.execv(binary, [binary, "code", "--coder", "bench"])
def until_prompt():
    buffer, deadline = b"", time.monotonic() + 30
    while not buffer.endswith(b"> "):
        ready, _, _ = select.select([fd], [], [], max(0, deadline - time.monotonic()))
        if not ready:
            sys.exit("no prompt within 30 s: " + buffer[-300:].decode(errors="replace"))
        buffer += os.read(fd, 65536)
until_prompt()
times = []
for _ in range(enters):
    start = time.monotonic()
    os.write(fd, b"\n")
    until_prompt()
    times.append((time.monotonic() - start) * 1000)
os.write(fd, b"q\n")
os.waitpid(pid, 0)
times.sort()
print(f"median {statistics.median(times):.1f} ms, p90 {times[int(len(times) * 0.9)]:.1f} ms, max {times[-1]:.1f} ms")
PY

echo "== import codings of $rows rows vs psql \\copy"
python3 - "$sample/codebook.csv" "$work/codings.csv" "$rows" <<'PY'
import csv, random, sys
keys = [r["key"] for r in csv.DictReader(open(sys.argv[1])) if r["parent"]]
rows, random = int(sys.argv[3]), random.Random(2018)
with open(sys.argv[2], "w") as out:
    out.write("statement,coder,code,stance\n")
    n, coder = 0, 0
    while n < rows:
        for statement in range(1, 600):
            for key in random.sample(keys, 10):
                if n == rows:
                    break
                out.write(f"S{statement:04d},c{coder},{key},{random.randint(-2, 2)}\n")
                n += 1
        coder += 1
PY
copy_times=()
for _ in 1 2 3; do
    psql "$url" -qc "DROP TABLE IF EXISTS bench_copy" \
        -c "CREATE TABLE bench_copy (statement text, coder text, code text, stance smallint)" >/dev/null
    start=$(date +%s.%N)
    psql "$url" -qc "\\copy bench_copy FROM '$work/codings.csv' WITH (FORMAT csv, HEADER true)"
    copy_times+=("$(echo "$(date +%s.%N) - $start" | bc)")
done
copy=$(printf '%s\n' "${copy_times[@]}" | median)
start=$(date +%s.%N)
"$binary" import codings "$work/codings.csv"
import=$(echo "$(date +%s.%N) - $start" | bc)
printf 'psql \\copy: %.2f s (median of 3); viewpoints import codings: %.2f s; ratio %.1f (target <= 2)\n' \
    "$copy" "$import" "$(echo "$import / $copy" | bc -l)"

# The floor of any import into this schema: the rows the import wrote (reviews, codings, coding events), copied
# into tables with the same columns and indexes but no triggers, foreign keys or checks, and nothing to parse,
# match or hash. An importer cannot write them faster than this.
psql "$url" -q -c "CREATE TABLE floor_reviews (LIKE reviews INCLUDING INDEXES)" \
    -c "CREATE TABLE floor_codings (LIKE codings INCLUDING INDEXES)" \
    -c "CREATE TABLE floor_events (LIKE coding_events INCLUDING INDEXES)"
start=$(date +%s.%N)
psql "$url" -q -c "INSERT INTO floor_reviews SELECT * FROM reviews" -c "INSERT INTO floor_codings SELECT * FROM codings" \
    -c "INSERT INTO floor_events SELECT * FROM coding_events"
floor=$(echo "$(date +%s.%N) - $start" | bc)
written=$(psql "$url" -Atc "SELECT (SELECT count(*) FROM reviews) || ' reviews, ' || (SELECT count(*) FROM codings) \
    || ' codings, ' || (SELECT count(*) FROM coding_events) || ' events'")
printf 'floor (%s into indexed copies of the tables, no triggers or keys): %.2f s; ratio %.1f\n' \
    "$written" "$floor" "$(echo "$floor / $copy" | bc -l)"
