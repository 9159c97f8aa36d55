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
