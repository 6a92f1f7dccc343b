#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the consent-record tests and benchmark (Debian's `postgresql`).
#
#   eval "$(bash scripts/pg-cluster.sh start)"   # exports INTEGRUS_CONSENT_TEST_PG (a URL) and INTEGRUS_CONSENT_PG_DIR
#   bash scripts/pg-cluster.sh stop "$INTEGRUS_CONSENT_PG_DIR"
#
# The cluster lives in a new folder under /tmp, listens on 127.0.0.1 only (a free port from 55432 up)
# with `trust` authentication, and runs as the `postgres` user when started by root (PostgreSQL
# refuses to run as root). `stop` shuts it down and deletes the folder.
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "pg-cluster: no PostgreSQL server installed (apt-get install postgresql)" >&2
  exit 1
fi

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/integrus-pg.XXXXXX)
    chmod 755 "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
    if ! as_postgres "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 >"$dir/initdb.log" 2>&1; then
      cat "$dir/initdb.log" >&2
      rm -rf "$dir"
      exit 1
    fi
    for port in $(seq 55432 55471); do
      if as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null 2>&1; then
        echo "export INTEGRUS_CONSENT_TEST_PG=postgres://postgres@127.0.0.1:$port/postgres"
        echo "export INTEGRUS_CONSENT_PG_DIR=$dir"
        exit 0
      fi
    done
    echo "pg-cluster: the server did not start; its log:" >&2
    tail -n 20 "$dir/server.log" >&2 || true
    rm -rf "$dir"
    exit 1
    ;;
  stop)
    dir="${2:?usage: pg-cluster.sh stop DIR}"
    case "$dir" in /tmp/integrus-pg.*) ;; *) echo "pg-cluster: not a cluster folder: $dir" >&2; exit 1 ;; esac
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: pg-cluster.sh start | stop DIR" >&2
    exit 2
    ;;
esac
