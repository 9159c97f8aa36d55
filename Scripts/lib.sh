# Shared by the scripts: locate PostgreSQL's server programs and run them as a user the server accepts.
# shellcheck shell=bash

# Prints the folder holding initdb and pg_ctl: PATH first, then /usr/lib/postgresql/*/bin, newest first.
pg_bindir() {
    local dir
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dir=$(dirname "$(readlink -f "$(command -v pg_ctl)")")
        echo "$dir"
        return 0
    fi
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
        if [[ -x $dir/initdb && -x $dir/pg_ctl ]]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

# Runs a command as the server's user: postgres when we are root (PostgreSQL refuses root), else ourselves.
as_pg() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# Installs what a fresh Debian/Ubuntu machine lacks for building and testing (needs root).
install_missing() {
    local need=()
    pg_bindir >/dev/null || need+=(postgresql)
    [[ -f /usr/include/postgresql/libpq-fe.h ]] || need+=(libpq-dev)
    [[ -f /usr/include/openssl/hmac.h ]] || need+=(libssl-dev)
    [[ -f /usr/include/zlib.h ]] || need+=(zlib1g-dev)
    command -v pkg-config >/dev/null || need+=(pkg-config)
    # start_throwaway_pg picks a free port with it, and a test checks the consensus CSV with Python's csv module
    command -v python3 >/dev/null || need+=(python3)
    # the report's browser tests print it to PDF and screenshot it (ReportBrowserTests), and read the PDF back
    command -v chromium >/dev/null || command -v chromium-browser >/dev/null || need+=(chromium)
    command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null || need+=(poppler-utils)
    # REFI-QDA exports are validated against the standard's schemas (Tests/Fixtures/refi) with xmllint
    command -v xmllint >/dev/null || need+=(libxml2-utils)
    if ((${#need[@]})); then
        if [[ $(id -u) -ne 0 ]]; then
            echo "missing: ${need[*]}; install them (sudo apt-get install -y ${need[*]}) and run again" >&2
            return 69
        fi
        echo "installing: ${need[*]}" >&2
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
    fi
    if ! command -v swift >/dev/null; then
        echo "swift is not on PATH: install a Swift 6 toolchain (swift.org) and run again" >&2
        return 69
    fi
}

# Starts a private PostgreSQL cluster in a temporary folder the server user can reach, exports DATABASE_URL
# (and PG_CLUSTER, PG_BINDIR), and stops and removes it when the calling script exits.
start_throwaway_pg() {
    PG_BINDIR=$(pg_bindir) || { echo "PostgreSQL's server programs are missing: apt-get install -y postgresql" >&2; return 69; }
    # root's mktemp folders are mode 700 and /root is closed to the postgres user: use /tmp and hand it over
    PG_CLUSTER=$(mktemp -d /tmp/viewpoints-pg.XXXXXX)
    chmod 755 "$PG_CLUSTER"
    if [[ $(id -u) -eq 0 ]]; then chown postgres: "$PG_CLUSTER"; fi
    local port
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    trap stop_throwaway_pg EXIT
    as_pg "$PG_BINDIR/initdb" -D "$PG_CLUSTER/data" -U postgres -A trust -E UTF8 --no-locale >"$PG_CLUSTER/initdb.log" 2>&1 \
        || { cat "$PG_CLUSTER/initdb.log" >&2; return 69; }
    as_pg "$PG_BINDIR/pg_ctl" -D "$PG_CLUSTER/data" -l "$PG_CLUSTER/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_CLUSTER ${PG_EXTRA_OPTIONS:-}" start >/dev/null \
        || { cat "$PG_CLUSTER/server.log" >&2; return 69; }
    export DATABASE_URL="postgresql://postgres@127.0.0.1:$port/postgres"
    export PG_CLUSTER PG_BINDIR
}

stop_throwaway_pg() {
    if [[ -n ${PG_CLUSTER:-} ]]; then
        as_pg "$PG_BINDIR/pg_ctl" -D "$PG_CLUSTER/data" -m immediate -w stop >/dev/null 2>&1 || true
        rm -rf "$PG_CLUSTER"
    fi
}

# The median of the numbers on standard input, one a line (the middle one; of an even count, the lower middle).
median() {
    sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'
}

# time_median OUT COMMAND…: runs the command 3 times with its standard output in OUT (the last run's stays) and
# prints the median wall time in seconds. OUT /dev/null discards the output.
time_median() {
    local out=$1 run start end
    shift
    for run in 1 2 3; do
        start=$(date +%s.%N)
        "$@" >"$out"
        end=$(date +%s.%N)
        echo "$end - $start" | bc -l
    done | median
}

# For Scripts/bench.d: builds viewpoints in release mode (in $BENCH_SCRATCH, default .build) and sets `binary`.
# $1 names the bench in messages; $2 is the repository; $3 the programs it needs (default: swift python3 psql).
bench_build() {
    local name=$1 repo=$2 tools=${3:-swift python3 psql} tool
    for tool in $tools; do
        command -v "$tool" >/dev/null || { echo "$name bench: needs $tool on PATH" >&2; exit 69; }
    done
    local scratch=${BENCH_SCRATCH:-$repo/.build}
    echo "building viewpoints (release)…" >&2
    swift build -c release --scratch-path "$scratch" --product viewpoints --package-path "$repo" >&2
    binary="$(swift build -c release --scratch-path "$scratch" --package-path "$repo" --show-bin-path)/viewpoints"
}

# For Scripts/bench.d: the generated statements file of $1 rows and its participants file, made once and shared by
# `Scripts/bench import` and `Scripts/bench kill` (in $BENCH_SCRATCH/bench-import); sets `data` and `participants`.
# $2 is the repository.
bench_statements() {
    local n=$1 repo=$2
    local cache=${BENCH_SCRATCH:-$repo/.build}/bench-import
    mkdir -p "$cache"
    chmod 755 "$cache" "${BENCH_SCRATCH:-$repo/.build}" 2>/dev/null || true
    data="$cache/statements-$n.csv"
    participants="$cache/participants.csv"
    if [[ ! -s $data || ! -s $participants ]]; then
        echo "generating $n statements…" >&2
        python3 "$repo/Scripts/bench.d/generate-statements.py" "$n" "$participants" "$data"
    fi
    echo "data: $(du -h "$data" | cut -f1) in $data" >&2
}

# For Scripts/bench.d: a database viewpoints_bench_$1 in the server of $DATABASE_URL (dropped at exit), or else in a
# throwaway cluster from start_throwaway_pg (extra server options in $2); sets `work` (a temporary folder), `url`,
# and exports DATABASE_URL, VIEWPOINTS_HOME and NO_COLOR. Removes everything when the calling script exits.
bench_database() {
    local database=viewpoints_bench_$1 options=${2:-}
    work=$(mktemp -d "/tmp/viewpoints-bench-$1.XXXXXX")
    chmod 755 "$work"
    bench_admin_url='' bench_dbname=$database
    if [[ -z ${DATABASE_URL:-} ]]; then
        PG_EXTRA_OPTIONS=$options start_throwaway_pg
    else
        bench_admin_url=$DATABASE_URL
    fi
    trap bench_cleanup EXIT
    psql -q -X "$DATABASE_URL" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "CREATE DATABASE $database" >/dev/null
    if [[ -n ${bench_admin_url:-} ]]; then
        url=$(python3 -c 'import sys, urllib.parse as u; p = u.urlparse(sys.argv[1]); print(p._replace(path="/" + sys.argv[2]).geturl())' "$DATABASE_URL" "$database")
    else
        # the throwaway cluster's unix socket, not its TCP port: the coding bench measures the local socket
        url="postgresql:///$database?host=$PG_CLUSTER&port=$(python3 -c 'import sys, urllib.parse as u; print(u.urlparse(sys.argv[1]).port)' "$DATABASE_URL")&user=postgres"
    fi
    export DATABASE_URL=$url VIEWPOINTS_HOME=$work/home NO_COLOR=1
    unset VIEWPOINTS_STUDY
}

# Drops the bench's database from the user's server, or stops the throwaway cluster; removes the work folder.
bench_cleanup() {
    if [[ -n ${bench_admin_url:-} ]]; then
        psql -q -X "$bench_admin_url" -c "DROP DATABASE IF EXISTS $bench_dbname WITH (FORCE)" >/dev/null 2>&1 || true
    fi
    stop_throwaway_pg
    rm -rf "${work:?}"
}
