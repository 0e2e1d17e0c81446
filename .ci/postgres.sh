#!/usr/bin/env bash
# Starts a local PostgreSQL 15 on 127.0.0.1 for the store tests and prints its connection string as the last
# line of standard output (everything else goes to standard error). Idempotent: installs PostgreSQL with apt-get
# only when missing, creates the cluster, the role and the database only when missing, starts the server only
# when it is down. Runs as root (the server itself runs as the postgres user). No Docker needed.
#   RECONCILE_PG_PORT (default 5432), RECONCILE_PG_USER / _PASSWORD / _DB (default reconcile / reconcile / reconcile_test)
set -euo pipefail

ver=15
cluster=main
port="${RECONCILE_PG_PORT:-5432}"
user="${RECONCILE_PG_USER:-reconcile}"
password="${RECONCILE_PG_PASSWORD:-reconcile}"
db="${RECONCILE_PG_DB:-reconcile_test}"

log() { echo "postgres.sh: $*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

if ! dpkg -s "postgresql-$ver" >/dev/null 2>&1 || ! command -v pg_ctlcluster >/dev/null 2>&1; then
  log "installing postgresql-$ver"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq >&2
  as_root apt-get install -y -qq "postgresql-$ver" postgresql-client-common postgresql-common >&2
fi

# The socket directory is normally made by systemd; containers have none.
as_root install -d -o postgres -g postgres -m 2775 /var/run/postgresql

if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$ver $cluster"; then
  log "creating cluster $ver/$cluster on port $port"
  as_root pg_createcluster --port "$port" "$ver" "$cluster" >&2
fi

conf="/etc/postgresql/$ver/$cluster/postgresql.conf"
# Loopback only, on the chosen port; small footprint for a 2-core test machine.
as_root sed -i -E \
  -e "s/^#?listen_addresses\s*=.*/listen_addresses = '127.0.0.1'/" \
  -e "s/^#?port\s*=.*/port = $port/" \
  -e "s/^#?max_connections\s*=.*/max_connections = 100/" \
  "$conf"

status=$(pg_lsclusters -h | awk -v v="$ver" -v c="$cluster" '$1==v && $2==c {print $4}')
if [ "$status" != "online" ]; then
  log "starting cluster $ver/$cluster"
  as_root pg_ctlcluster "$ver" "$cluster" start >&2
fi

for _ in $(seq 1 60); do
  if pg_isready -q -h 127.0.0.1 -p "$port"; then break; fi
  sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$port" || { log "server did not come up on 127.0.0.1:$port"; exit 1; }

# Role (may create the per-test databases) and database, created once.
as_root su postgres -s /bin/sh -c "psql -X -q -v ON_ERROR_STOP=1 -p $port -d postgres" >&2 <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$user') THEN
    CREATE ROLE "$user" LOGIN CREATEDB PASSWORD '$password';
  ELSE
    ALTER ROLE "$user" LOGIN CREATEDB PASSWORD '$password';
  END IF;
END
\$\$;
SQL
if ! as_root su postgres -s /bin/sh -c "psql -X -tA -p $port -d postgres -c \"SELECT 1 FROM pg_database WHERE datname = '$db'\"" | grep -q 1; then
  log "creating database $db"
  as_root su postgres -s /bin/sh -c "createdb -p $port -O '$user' '$db'" >&2
fi

conn="Host=127.0.0.1;Port=$port;Database=$db;Username=$user;Password=$password"
PGPASSWORD="$password" psql -X -q -h 127.0.0.1 -p "$port" -U "$user" -d "$db" -c "SELECT 1" >/dev/null \
  || { log "cannot log in as $user"; exit 1; }
log "ready: 127.0.0.1:$port database $db"
echo "$conn"
