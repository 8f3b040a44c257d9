#!/usr/bin/env bash
# End-to-end tests of the real Clinic window: the built `clinic` binary under Xvfb, driven through
# tauri-driver (WebKitWebDriver) by node's test runner, with a fresh store and HOME and a real Secret
# Service keyring in a private D-Bus session. No CLINIC_DB_KEY: the store key must go to the keyring.
#
#   bash tests/e2e/run.sh            (after `cargo build -p clinic-desktop --bin clinic`; `make e2e` does both)
#   CLINIC_BIN=/path/to/clinic bash tests/e2e/run.sh
#   KEEP_E2E_TMP=1 ...               keep the temporary folder even when every test passed
#   bash tests/e2e/run.sh FILE...    run other test files (paths relative to tests/e2e)
#
# Exits non-zero when a test fails. Screenshots of failures and the driver's log are kept in the temporary
# folder, whose path is printed. Xvfb, tauri-driver (with WebKitWebDriver and the app), the D-Bus session
# and the keyring daemon are stopped whatever happens.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

inside() {
  # In the D-Bus session and on the virtual display. Back to the caller's stderr (fd 3): the D-Bus daemon's
  # and Xvfb's chatter stays in session.log.
  exec 2>&3 3>&-
  # Unlock a keyring for the Secret Service.
  echo -n "e2e-keyring-password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null

  local port native
  port="$(free_port)"
  native="$(free_port)"
  while [[ "$native" == "$port" ]]; do native="$(free_port)"; done

  stop_driver() {
    if [[ -n "$driver_pid" ]]; then
      # tauri-driver leads its own process group: WebKitWebDriver and any app it started are in it.
      kill -TERM -- "-$driver_pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$driver_pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL -- "-$driver_pid" 2>/dev/null || true
      wait "$driver_pid" 2>/dev/null || true
      driver_pid=""
    fi
  }
  trap stop_driver EXIT
  trap 'exit 130' INT TERM

  # The app inherits this folder as its working directory: files the window downloads (printed PDFs)
  # land with the artifacts, never in the repository.
  cd "$CLINIC_E2E_ARTIFACTS"
  setsid "$TAURI_DRIVER" --port "$port" --native-port "$native" >"$CLINIC_E2E_ARTIFACTS/tauri-driver.log" 2>&1 &
  driver_pid=$!
  local tries=0
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if ! kill -0 "$driver_pid" 2>/dev/null || ((++tries > 150)); then
      echo "e2e: tauri-driver did not start on port $port:" >&2
      cat "$CLINIC_E2E_ARTIFACTS/tauri-driver.log" >&2
      return 1
    fi
    sleep 0.1
  done

  export CLINIC_E2E_DRIVER_URL="http://127.0.0.1:$port/"
  local status=0 files=("$@")
  ((${#files[@]})) || files=(clinic.test.mjs sync.test.mjs users.test.mjs frontdesk.test.mjs clinical.test.mjs keyboard.test.mjs lab.test.mjs)
  (cd "$here" && node --test --test-reporter=spec --test-concurrency=1 "${files[@]}") || status=$?
  if ((status != 0)); then
    echo "e2e: last lines of the driver and app log ($CLINIC_E2E_ARTIFACTS/tauri-driver.log):" >&2
    tail -n 40 "$CLINIC_E2E_ARTIFACTS/tauri-driver.log" >&2 || true
  fi
  return "$status"
}

if [[ "${1:-}" == "--inside" ]]; then
  shift
  driver_pid=""
  inside "$@"
  exit $?
fi

bin="${CLINIC_BIN:-${CARGO_TARGET_DIR:-$root/target}/debug/clinic}"
bin="$(realpath -m "$bin")"
[[ -x "$bin" ]] || { echo "e2e: $bin is missing: run 'cargo build -p clinic-desktop --bin clinic' (or make e2e)" >&2; exit 2; }
[[ -d "$here/node_modules/selenium-webdriver" ]] || { echo "e2e: run 'npm ci' in tests/e2e (or make deps)" >&2; exit 2; }
TAURI_DRIVER="$(command -v tauri-driver || echo "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver")"
[[ -x "$TAURI_DRIVER" ]] || { echo "e2e: tauri-driver is missing: run make deps" >&2; exit 2; }
for tool in xvfb-run dbus-run-session gnome-keyring-daemon WebKitWebDriver; do
  command -v "$tool" >/dev/null || { echo "e2e: $tool is missing: run make deps" >&2; exit 2; }
done

tmp="$(mktemp -d "${TMPDIR:-/tmp}/clinic-e2e.XXXXXX")"
mkdir -p "$tmp/home" "$tmp/data" "$tmp/artifacts" "$tmp/run"
chmod 700 "$tmp/run"
export TAURI_DRIVER CLINIC_E2E_BIN="$bin" CLINIC_E2E_ARTIFACTS="$tmp/artifacts"
export HOME="$tmp/home" CLINIC_DATA_DIR="$tmp/data"
export XDG_CONFIG_HOME="$tmp/home/.config" XDG_DATA_HOME="$tmp/home/.local/share" XDG_CACHE_HOME="$tmp/home/.cache"
export XDG_RUNTIME_DIR="$tmp/run"
# No accessibility bus: nothing here reads it, and it would be one more daemon to outlive the tests.
export NO_AT_BRIDGE=1
unset CLINIC_DB_KEY DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY GNOME_KEYRING_CONTROL

status=0
dbus-run-session -- xvfb-run -a -s "-screen 0 1400x1000x24 -nolisten tcp" bash "$here/run.sh" --inside "$@" \
  3>&2 2>>"$tmp/artifacts/session.log" || status=$?
if ((status != 0)); then
  echo "e2e: last lines of the D-Bus session and Xvfb log ($tmp/artifacts/session.log):" >&2
  tail -n 20 "$tmp/artifacts/session.log" >&2 || true
fi

remove_tmp() {
  # GTK may have started xdg-document-portal, whose FUSE mount ($XDG_RUNTIME_DIR/doc) goes away only
  # once the portal has seen the end of the D-Bus session.
  for _ in $(seq 20); do
    rm -rf "$tmp" 2>/dev/null && return 0
    if mountpoint -q "$tmp/run/doc" 2>/dev/null; then fusermount -uz "$tmp/run/doc" 2>/dev/null || true; fi
    sleep 0.5
  done
  echo "e2e: could not remove $tmp" >&2
}

if ((status == 0)) && [[ -z "${KEEP_E2E_TMP:-}" ]]; then
  remove_tmp
else
  echo "e2e: artifacts (screenshots, driver log, store) kept in $tmp"
fi
exit "$status"
