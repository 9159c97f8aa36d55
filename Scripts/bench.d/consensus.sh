#!/usr/bin/env bash
# Times `viewpoints consensus --format csv` against a hand-written SQL query through psql on the same database.
set -euo pipefail

usage() {
    cat <<'USAGE'
usage: Scripts/bench consensus [-h] [-p PARTICIPANTS] [-s STATEMENTS_EACH] [-c CODINGS_EACH]

Builds viewpoints in release mode and, in a throwaway PostgreSQL cluster (or the database of $DATABASE_URL, where
it creates and drops a database of its own), generates a study with SQL (consensus/generate.sql): PARTICIPANTS
(default 10000) participants with STATEMENTS_EACH (default 100) statements, 40 propositions, one coder who applied
CODINGS_EACH (default 3) propositions to every statement: 1,000,000 statements and 3,000,000 codings. Then times,
in the same run (median of 3 wall times each):
  viewpoints consensus --format csv
  viewpoints consensus --robustness --format csv   (fragility, 2,000 resamples and coder sensitivity per row)
  viewpoints report --format html                  (the findings report of the same data: findings, charts,
                                                    quotes, appendix)
  psql -f consensus/reference.sql   (base tables, final-coding rule inlined; work_mem 64MB like viewpoints)
  psql -f consensus/floor.sql       (the same tallies from a table of participant stances with a covering
                                     index, made once before the timing by consensus/floor-setup.sql: the
                                     floor that maintained stances can reach)
and prints the ratios to both (targets: at most 1.2 the reference, 3 the floor), of --robustness to plain
consensus (target: at most 1.2) and of the report to plain consensus (target: at most 1.5); the reference and the floor must
print the same tallies. Builds in $BENCH_SCRATCH (default .build).
Needs: swift, python3, PostgreSQL's server programs and psql.
USAGE
}

participants=10000
each=100
codings=3
while getopts "hp:s:c:" option; do
    case $option in
        h) usage; exit 0 ;;
        p) participants=$OPTARG ;;
        s) each=$OPTARG ;;
        c) codings=$OPTARG ;;
        *) usage >&2; exit 64 ;;
    esac
done

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=Scripts/lib.sh
source "$repo/Scripts/lib.sh"
bench_build consensus "$repo"
bench_database consensus "-c fsync=off"

"$binary" db migrate >/dev/null
"$binary" study create bench >/dev/null 2>&1
study=$(psql "$url" -Atc "SELECT study_id FROM studies WHERE slug = 'bench'")
echo "generating $participants participants × $each statements × $codings codings…" >&2
start=$(date +%s)
psql "$url" -q -v ON_ERROR_STOP=1 -v study="$study" -v participants="$participants" -v per="$each" \
    -v codings="$codings" -f "$here/consensus/generate.sql"
echo "generated in $(($(date +%s) - start)) s: $(psql "$url" -Atc "SELECT count(*) FROM codings") codings" >&2

# viewpoints consensus runs its tallies with SET LOCAL work_mem = '64MB' (Store+Consensus.swift): the reference
# gets the same memory, so the ratio compares the queries, not the settings
memory="SET work_mem = '64MB'"
# both once first, so neither pays for a cold cache
"$binary" consensus --format csv >/dev/null 2>&1
psql "$url" -q -v study="$study" -c "$memory" -f "$here/consensus/reference.sql" >/dev/null

echo "setting up the floor: participant stances as a table with a covering index…" >&2
psql "$url" -q -v ON_ERROR_STOP=1 -v study="$study" -c "$memory" -c "SET client_min_messages = warning" \
    -f "$here/consensus/floor-setup.sql"
reference_rows=$(psql "$url" -qAt -v study="$study" -c "$memory" -f "$here/consensus/reference.sql")
floor_rows=$(psql "$url" -qAt -v study="$study" -f "$here/consensus/floor.sql")
[[ $reference_rows == "$floor_rows" ]] || { echo "consensus bench: the floor's tallies differ from the reference's" >&2; exit 1; }

cli=$(time_median /dev/null "$binary" consensus --format csv)
robust=$(time_median /dev/null "$binary" consensus --robustness --format csv)
report=$(time_median /dev/null "$binary" report --format html --out "$work/report.html")
sql=$(time_median /dev/null psql "$url" -q -v study="$study" -c "$memory" -f "$here/consensus/reference.sql")
floor=$(time_median /dev/null psql "$url" -q -v study="$study" -f "$here/consensus/floor.sql")
ratio() { python3 -c 'import sys; print(f"{float(sys.argv[1]) / float(sys.argv[2]):.2f}")' "$1" "$2"; }
printf 'viewpoints consensus --format csv  %6.2f s\n' "$cli"
printf 'viewpoints consensus --robustness  %6.2f s\n' "$robust"
printf 'viewpoints report --format html   %6.2f s\n' "$report"
printf 'psql reference.sql                 %6.2f s\n' "$sql"
printf 'psql floor.sql                     %6.3f s\n' "$floor"
echo "ratio to the reference $(ratio "$cli" "$sql") (target ≤ 1.2); to the floor $(ratio "$cli" "$floor") (target ≤ 3)"
echo "--robustness to plain consensus $(ratio "$robust" "$cli") (target ≤ 1.2)"
echo "report to plain consensus $(ratio "$report" "$cli") (target ≤ 1.5)"
