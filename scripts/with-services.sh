#!/usr/bin/env bash
# Runs a command with the services the sync server's tests need:
#   - PostgreSQL: uses DATABASE_URL when set; otherwise starts a throwaway cluster (initdb + pg_ctl in a
#     temporary folder, random port, trust auth, fsync off) and exports DATABASE_URL for it;
#   - an S3-protocol server: when `s3s-fs` is installed (scripts/install-deps.sh), starts it on a free port
#     with a temporary folder and exports CLINIC_TEST_S3_ENDPOINT, _ACCESS_KEY and _SECRET_KEY.
# Everything it started is stopped and removed on exit, also on failure or Ctrl-C.
#
#   scripts/with-services.sh cargo test -p clinic-sync-server
set -euo pipefail

if (($# == 0)); then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/clinic-services.XXXXXX")
pg_ctl_bin=""
pg_data=""
s3_pid=""
as_pg=()

cleanup() {
  set +e
  if [[ -n "$s3_pid" ]]; then
    kill "$s3_pid" 2>/dev/null
    wait "$s3_pid" 2>/dev/null
  fi
  if [[ -n "$pg_ctl_bin" ]]; then
    "${as_pg[@]}" "$pg_ctl_bin" -D "$pg_data" -m immediate -w stop >/dev/null 2>&1
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_for_port() {
  local port=$1
  for _ in $(seq 1 100); do
    if (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  return 1
}

pg_tool() {
  local tool=$1
  if command -v "$tool" >/dev/null; then
    command -v "$tool"
    return
  fi
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin/"$tool" 2>/dev/null | sort -V | tail -n 1)
  [[ -n "$found" ]] || { echo "with-services: $tool not found (apt-get install postgresql)" >&2; exit 1; }
  echo "$found"
}

if [[ -z "${DATABASE_URL:-}" ]]; then
  initdb_bin=$(pg_tool initdb)
  pg_ctl_bin=$(pg_tool pg_ctl)
  pg_data="$tmp/pg/data"
  mkdir -p "$tmp/pg"
  if [[ $(id -u) -eq 0 ]]; then
    # initdb refuses to run as root: run the cluster as the postgres user.
    chmod 755 "$tmp"
    chown postgres "$tmp/pg"
    as_pg=(runuser -u postgres --)
  fi
  port=$(free_port)
  "${as_pg[@]}" "$initdb_bin" -D "$pg_data" -U postgres -A trust --no-sync >"$tmp/initdb.log" 2>&1 \
    || { cat "$tmp/initdb.log" >&2; exit 1; }
  "${as_pg[@]}" "$pg_ctl_bin" -D "$pg_data" -l "$tmp/pg/server.log" \
    -o "-p $port -k $tmp/pg -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" -w start >/dev/null \
    || { cat "$tmp/pg/server.log" >&2; exit 1; }
  export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
  echo "with-services: PostgreSQL on 127.0.0.1:$port (throwaway)" >&2
fi

s3_bin=$(command -v s3s-fs || true)
if [[ -z "$s3_bin" && -x "$HOME/.cargo/bin/s3s-fs" ]]; then
  s3_bin="$HOME/.cargo/bin/s3s-fs"
fi
if [[ -n "$s3_bin" ]]; then
  port=$(free_port)
  mkdir -p "$tmp/s3"
  access="test-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
  secret="$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')"
  "$s3_bin" --host 127.0.0.1 --port "$port" --access-key "$access" --secret-key "$secret" "$tmp/s3" \
    >"$tmp/s3.log" 2>&1 &
  s3_pid=$!
  wait_for_port "$port" || { cat "$tmp/s3.log" >&2; exit 1; }
  export CLINIC_TEST_S3_ENDPOINT="http://127.0.0.1:$port"
  export CLINIC_TEST_S3_ACCESS_KEY="$access"
  export CLINIC_TEST_S3_SECRET_KEY="$secret"
  echo "with-services: s3s-fs on 127.0.0.1:$port" >&2
else
  echo "with-services: s3s-fs is not installed; S3 tests are skipped (scripts/install-deps.sh installs it)" >&2
fi

set +e
"$@"
status=$?
set -e
exit "$status"
