#!/usr/bin/env bash
# Starts a throw-away PostgreSQL for the storage tests and exports RINGFENCE_POSTGRES (an Npgsql connection string).
#
#   source .ci/postgres.sh     # CI (.ci/run): starts it and exports the variable into the calling shell
#   .ci/postgres.sh            # a developer: starts it and prints the export line to copy
#
# Uses initdb/pg_ctl from PATH or /usr/lib/postgresql/*/bin; installs the Debian package when neither has them.
# The cluster lives in $RINGFENCE_PG_DIR (default /tmp/ringfence-postgres), listens on 127.0.0.1 only, and is
# reused when this runs again (started again if it was stopped). Stop it with:
#   pg_ctl -D /tmp/ringfence-postgres/data stop      (as the cluster's owner, see below)
# Any failure exits non-zero: CI must not quietly skip the PostgreSQL tests.

set -euo pipefail

ringfence_pg_fail() {
  echo "error: PostgreSQL for the tests: $*" >&2
  exit 1
}

# The directory holding initdb, pg_ctl and postgres (pg_ctl starts the postgres beside it, so symlinks are resolved).
ringfence_pg_bindir() {
  local initdb
  if initdb=$(command -v initdb 2>/dev/null) && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$initdb")"
    return
  fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
    echo "$dir"
  fi
}

ringfence_pg_main() {
  local root=${RINGFENCE_PG_DIR:-/tmp/ringfence-postgres}
  local bindir
  bindir=$(ringfence_pg_bindir)
  if [[ -z "$bindir" ]]; then
    command -v apt-get >/dev/null 2>&1 || ringfence_pg_fail "no initdb/pg_ctl found and no apt-get to install them"
    [[ $(id -u) -eq 0 ]] || ringfence_pg_fail "no initdb/pg_ctl found; installing the postgresql package needs root"
    echo "installing PostgreSQL (apt-get install postgresql)..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 || ringfence_pg_fail "apt-get update failed"
    apt-get install -y -qq --no-install-recommends postgresql >&2 || ringfence_pg_fail "apt-get install postgresql failed"
    bindir=$(ringfence_pg_bindir)
    [[ -n "$bindir" ]] || ringfence_pg_fail "postgresql installed but no /usr/lib/postgresql/*/bin/initdb"
  fi

  # postgres refuses to run as root: as root, the cluster belongs to an ordinary user.
  local owner run
  if [[ $(id -u) -eq 0 ]]; then
    if id postgres >/dev/null 2>&1; then
      owner=postgres
    else
      owner=ringfence-pg
      id "$owner" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$owner" \
        || ringfence_pg_fail "cannot create the OS user $owner"
    fi
    run=(runuser -u "$owner" --)
  else
    owner=$(id -un)
    run=()
  fi

  local data=$root/data log=$root/postgres.log settings=$root/connection
  mkdir -p "$root"
  chmod 700 "$root"
  [[ $(id -u) -ne 0 ]] || chown "$owner" "$root"

  if [[ ! -f "$data/PG_VERSION" ]]; then
    local port=55432
    # A free port from 55432 on: bash's /dev/tcp connects when something already listens there.
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
      port=$((port + 1))
      [[ $port -lt 55532 ]] || ringfence_pg_fail "no free port in 55432-55531"
    done
    local password
    password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
    "${run[@]}" "$bindir/initdb" -D "$data" -E UTF8 --locale=C --username="$owner" \
      --auth-local=trust --auth-host=scram-sha-256 >"$root/initdb.log" 2>&1 \
      || { cat "$root/initdb.log" >&2; ringfence_pg_fail "initdb failed in $data"; }
    # Listen on loopback only; the Unix socket goes beside the cluster (/var/run/postgresql may not exist).
    {
      echo "port = $port"
      echo "listen_addresses = '127.0.0.1'"
      echo "unix_socket_directories = '$root'"
    } >>"$data/postgresql.conf"
    printf 'port=%s\npassword=%s\n' "$port" "$password" >"$settings"
    chmod 600 "$settings"
    echo "created a PostgreSQL cluster in $data" >&2
  fi

  local port password
  port=$(sed -n 's/^port=//p' "$settings")
  password=$(sed -n 's/^password=//p' "$settings")
  [[ -n "$port" && -n "$password" ]] || ringfence_pg_fail "$settings is incomplete; delete $root and run again"

  if ! "${run[@]}" "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    "${run[@]}" "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 60 start >/dev/null \
      || { tail -n 20 "$log" >&2 || true; ringfence_pg_fail "pg_ctl start failed (log: $log)"; }
  fi

  local psql=$bindir/psql
  [[ -x "$psql" ]] || psql=$(command -v psql) || ringfence_pg_fail "psql not found"
  local sql=("${run[@]}" "$psql" -X -q -v ON_ERROR_STOP=1 -h "$root" -p "$port" -U "$owner" -d postgres)
  # The tests' role owns its database, so it may create and drop the schemas each test (and each journal benchmark
  # run) uses; it is no superuser and needs no other privilege.
  if [[ -z $("${sql[@]}" -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'ringfence'") ]]; then
    "${sql[@]}" -c "CREATE ROLE ringfence LOGIN PASSWORD '$password'" || ringfence_pg_fail "cannot create role ringfence"
  fi
  if [[ -z $("${sql[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = 'ringfence'") ]]; then
    "${sql[@]}" -c "CREATE DATABASE ringfence OWNER ringfence" || ringfence_pg_fail "cannot create database ringfence"
  fi

  RINGFENCE_POSTGRES="Host=127.0.0.1;Port=$port;Database=ringfence;Username=ringfence;Password=$password"
  export RINGFENCE_POSTGRES
  echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') is running on 127.0.0.1:$port (cluster $data, owner $owner)" >&2
  echo "export RINGFENCE_POSTGRES='$RINGFENCE_POSTGRES'"
}

ringfence_pg_main
