#!/usr/bin/env bash
# Times `viewpoints report` on the sample study against `viewpoints consensus` and `study list` on the same database.
set -euo pipefail

usage() {
    cat <<'USAGE'
usage: Scripts/bench report [-h] [-n RUNS]

Builds viewpoints in release mode, imports the sample study (Samples/ipr-2018: 60 participants, two coders and
adjudications) into a throwaway PostgreSQL cluster (or a database of its own on $DATABASE_URL), and times, in
the same run (median of RUNS wall times each, default 9, every command once before for a warm cache):
  viewpoints report --format html      (the findings report, three headlines as the demo writes it)
  viewpoints report --format md        (Markdown and its chart files)
  viewpoints consensus                 (the tallies the report is made from)
  viewpoints study list                (a command's floor: start, connect, one query)
and prints the medians (target for the report: under 1 s) and the report's ratio to consensus. The latency of
the data of `Scripts/bench consensus` (1,000,000 statements) is timed there.
Needs: swift, psql, PostgreSQL's server programs.
USAGE
}

runs=9
while getopts "hn:" option; do
    case $option in
        h) usage; exit 0 ;;
        n) runs=$OPTARG ;;
        *) usage >&2; exit 64 ;;
    esac
done

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=Scripts/lib.sh
source "$repo/Scripts/lib.sh"
bench_build report "$repo" "swift psql"
bench_database report

sample=$repo/Samples/ipr-2018
export VIEWPOINTS_STUDY=ipr-2018
{
    "$binary" db migrate
    "$binary" study create ipr-2018 --title "Where do we go from here? (synthetic sample)"
    "$binary" import participants "$sample/participants.csv"
    "$binary" import statements "$sample/statements.csv" --participants "$sample/participants.csv"
    "$binary" import codebook "$sample/codebook.csv"
    "$binary" import codings "$sample/codings.csv"
    "$binary" coder add lead
    "$binary" import adjudications "$sample/adjudications.csv" --coder lead
} >/dev/null

headlines=(--headline relations.lowest-since-9-11 --headline india.normalization-enables-policy-change
    --headline region.prioritize-regional)
median_of() {
    local run start end
    "$@" >/dev/null
    for ((run = 0; run < runs; run++)); do
        start=$(date +%s.%N)
        "$@" >/dev/null
        end=$(date +%s.%N)
        echo "$end - $start" | bc -l
    done | median
}
html=$(median_of "$binary" report --format html --out "$work/report.html" "${headlines[@]}")
markdown=$(median_of "$binary" report --format md --out "$work/report.md" "${headlines[@]}")
consensus=$(median_of "$binary" consensus)
floor=$(median_of "$binary" study list)
printf 'viewpoints report --format html  %6.3f s (target < 1 s)\n' "$html"
printf 'viewpoints report --format md    %6.3f s (target < 1 s)\n' "$markdown"
printf 'viewpoints consensus             %6.3f s\n' "$consensus"
printf 'viewpoints study list            %6.3f s\n' "$floor"
python3 -c 'import sys; print(f"report to consensus {float(sys.argv[1]) / float(sys.argv[2]):.2f}")' "$html" "$consensus"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
