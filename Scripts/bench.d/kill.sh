#!/usr/bin/env bash
# SIGKILLs `viewpoints import statements` past a third of N rows: rows left and lost (must be 0), time to recovery.
set -euo pipefail

usage() {
    cat <<'USAGE'
usage: Scripts/bench kill [-h] [N]

Builds viewpoints in release mode, generates N statements (default 1000000, the same file as `Scripts/bench
import`), makes a database in the server of $DATABASE_URL (or a throwaway cluster when it is unset), imports
the participants, then starts
  viewpoints import statements FILE --participants participants.csv
and watches the server's own count of the rows COPY has taken (pg_stat_progress_copy). Once it is past N/3,
the importer gets SIGKILL. Then it checks and prints:
  rows the killed import left in statements        (must be 0)
  whether the database is as before                (pg_dump of schema and data; identity sequences aside:
                                                    PostgreSQL does not roll back nextval)
  seconds until the server had rolled back          (the killed client's session gone)
  a re-run's time and the rows it stored; rows lost (must be 0)
  time to recovery (kill to all rows stored), and the rollback as a share of the re-run measured here
Exits 1 when a row was left or lost, the database changed, or the import finished before the kill.
Needs: swift, python3, PostgreSQL's server programs, psql, pg_dump.
USAGE
}
[[ ${1:-} == -h || ${1:-} == --help ]] && { usage; exit 0; }
n=${1:-1000000}
[[ $n =~ ^[0-9]+$ ]] || { usage >&2; exit 64; }

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=Scripts/lib.sh
source "$repo/Scripts/lib.sh"
command -v pg_dump >/dev/null || { echo "kill bench: needs pg_dump (apt-get install -y postgresql-client)" >&2; exit 69; }
bench_build kill "$repo"
bench_statements "$n" "$repo"
bench_database kill
"$binary" db migrate >/dev/null
"$binary" study create bench >/dev/null
"$binary" import participants "$participants" --study bench >/dev/null

now() { date +%s.%N; }
sql() { psql -AtqX "$DATABASE_URL" -c "$1"; }
# schema and data of the whole database; setval lines dropped (nextval is not transactional), and the random
# \restrict keys of newer pg_dump
dump() { pg_dump --no-owner --no-privileges "$DATABASE_URL" | grep -v -e '^--' -e 'pg_catalog.setval' -e '^\\restrict' -e '^\\unrestrict' >"$1"; }

dump "$work/before.sql"
third=$((n / 3))
"$binary" import statements "$data" --participants "$participants" --study bench \
    >"$work/import.out" 2>"$work/import.err" &
pid=$!
seen=0
while kill -0 "$pid" 2>/dev/null; do
    seen=$(sql "SELECT coalesce(max(tuples_processed), 0) FROM pg_stat_progress_copy WHERE datname = current_database()")
    ((seen > third)) && break
    sleep 0.02
done
# bash reports the killed job ("Killed …") on its stderr at some later command: silence it until it is reaped
exec 3>&2 2>/dev/null
if ! kill -9 "$pid"; then
    exec 2>&3 3>&-
    wait "$pid" || true
    echo "kill bench: the import ended before it passed a third of the rows (last seen: $seen); nothing was tested" >&2
    cat "$work/import.out" "$work/import.err" >&2
    exit 1
fi
killed=$(now)
status=0
wait "$pid" || status=$?
exec 2>&3 3>&-
((status == 137)) || { echo "kill bench: the importer ended with status $status, not by SIGKILL" >&2; exit 1; }

# the server notices the closed connection and rolls back; recovered when the killed session is gone
while [[ $(sql "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()") != 0 ]]; do
    sleep 0.01
done
rolled_back=$(now)
left=$(sql "SELECT count(*) FROM statements")
dump "$work/after.sql"

start=$(now)
"$binary" import statements "$data" --participants "$participants" --study bench >"$work/rerun.out"
rerun_end=$(now)
stored=$(sql "SELECT count(*) FROM statements")
lost=$((n - stored))

rollback=$(echo "$rolled_back - $killed" | bc -l)
rerun=$(echo "$rerun_end - $start" | bc -l)
recovery=$(echo "$rerun_end - $killed" | bc -l)
unchanged=yes
if ! cmp -s "$work/before.sql" "$work/after.sql"; then
    unchanged=NO
    diff "$work/before.sql" "$work/after.sql" | head -20 >&2 || true
fi
echo
echo "SIGKILL during an import of $n statements ($(du -h "$data" | cut -f1)), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
printf 'rows COPY had taken at the kill:    %10d of %d (%.0f %%)\n' "$seen" "$n" "$(echo "100 * $seen / $n" | bc -l)"
printf 'rows left by the killed import:     %10d  (must be 0)\n' "$left"
printf 'database as before (pg_dump):       %10s\n' "$unchanged"
printf 'server rolled back after:           %10.2f s\n' "$rollback"
printf 're-run stored:                      %10d rows in %.2f s\n' "$stored" "$rerun"
printf 'rows lost:                          %10d  (must be 0)\n' "$lost"
printf 'time to recovery (kill → all rows): %10.2f s\n' "$recovery"
printf 'rollback / uninterrupted import:    %10.3f\n' "$(echo "$rollback / $rerun" | bc -l)"
[[ $left == 0 && $lost == 0 && $unchanged == yes ]] || exit 1
