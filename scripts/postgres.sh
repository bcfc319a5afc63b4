#!/usr/bin/env bash
# Installs (if needed) and starts a local PostgreSQL server without systemd, and makes sure
# the role Sos uses exists. Idempotent and non-interactive: safe to run again, in CI as root.
#
#   SOS_POSTGRES="$(bash scripts/postgres.sh)"     # stdout is the connection string only
#   eval "$(bash scripts/postgres.sh --export)"    # prints: export SOS_POSTGRES='...'
# Progress messages go to stderr.
#
# Environment (all optional):
#   SOS_PG_PORT      port of the cluster (default 5432; only used to pick/check the cluster)
#   SOS_PG_USER      role to create (default sos)
#   SOS_PG_PASSWORD  its password (default sos)
set -euo pipefail

PORT="${SOS_PG_PORT:-5432}"
ROLE="${SOS_PG_USER:-sos}"
PASSWORD="${SOS_PG_PASSWORD:-sos}"
EXPORT_ONLY=false
[[ "${1:-}" == "--export" ]] && EXPORT_ONLY=true

log() { echo "postgres.sh: $*" >&2; }

as_postgres() {
    if [[ "$(id -un)" == "postgres" ]]; then
        "$@"
    elif command -v runuser >/dev/null 2>&1 && [[ "$(id -u)" == "0" ]]; then
        runuser -u postgres -- "$@"
    else
        sudo -n -u postgres -- "$@"
    fi
}

server_major() {
    # Newest installed server version, e.g. 15 (directory /usr/lib/postgresql/15/bin/postgres).
    local v best=""
    for v in $(ls -1 /usr/lib/postgresql 2>/dev/null); do
        if [[ "$v" =~ ^[0-9]+$ && -x "/usr/lib/postgresql/$v/bin/postgres" ]] && { [[ -z "$best" ]] || (( v > best )); }; then
            best="$v"
        fi
    done
    [[ -n "$best" ]] && echo "$best"
}

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! server_major >/dev/null; then
    log "installing PostgreSQL with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq </dev/null >&2
    apt-get install -y -qq postgresql </dev/null >&2
fi

MAJOR="$(server_major)"

# The Debian package creates the "main" cluster on install; recreate it if it was removed.
if ! pg_lsclusters -h 2>/dev/null | awk -v v="$MAJOR" '$1 == v && $2 == "main" { found = 1 } END { exit !found }'; then
    log "creating cluster $MAJOR/main on port $PORT"
    pg_createcluster "$MAJOR" main --port "$PORT" >&2
fi

CLUSTER_PORT="$(pg_lsclusters -h | awk -v v="$MAJOR" '$1 == v && $2 == "main" { print $3 }')"
if [[ "$CLUSTER_PORT" != "$PORT" ]]; then
    log "warning: cluster $MAJOR/main listens on port $CLUSTER_PORT, not $PORT"
    PORT="$CLUSTER_PORT"
fi

STATUS="$(pg_lsclusters -h | awk -v v="$MAJOR" '$1 == v && $2 == "main" { print $4 }')"
if [[ "$STATUS" != online* ]]; then
    log "starting cluster $MAJOR/main"
    # A stale pid file left by a killed server stops pg_ctlcluster; it is safe to remove when
    # no process holds it.
    PIDFILE="/var/lib/postgresql/$MAJOR/main/postmaster.pid"
    if [[ -f "$PIDFILE" ]] && ! kill -0 "$(head -n1 "$PIDFILE")" 2>/dev/null; then
        rm -f "$PIDFILE"
    fi
    pg_ctlcluster "$MAJOR" main start >&2
fi

for _ in $(seq 1 60); do
    if pg_isready -q -h 127.0.0.1 -p "$PORT"; then
        break
    fi
    sleep 0.5
done
if ! pg_isready -q -h 127.0.0.1 -p "$PORT"; then
    log "server did not become ready on 127.0.0.1:$PORT"
    tail -n 30 "/var/log/postgresql/postgresql-$MAJOR-main.log" >&2 || true
    exit 1
fi

# Create or update the role. The password is passed as a psql variable so it is quoted by psql.
as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PORT" -d postgres \
    -v role="$ROLE" -v password="$PASSWORD" <<'SQL' >&2
SELECT format('CREATE ROLE %I', :'role')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN CREATEDB PASSWORD %L', :'role', :'password') \gexec
SQL

CONNECTION="Host=127.0.0.1;Port=$PORT;Username=$ROLE;Password=$PASSWORD;Database=postgres"
log "PostgreSQL $MAJOR is ready on 127.0.0.1:$PORT (role $ROLE)"
if $EXPORT_ONLY; then
    echo "export SOS_POSTGRES='$CONNECTION'"
else
    echo "$CONNECTION"
fi
