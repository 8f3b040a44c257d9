#!/usr/bin/env bash
# The central admin report pages in headless Chromium (Debian's chromium + chromium-driver) against
# the real clinic-sync-server binary on a fresh PostgreSQL database. Builds nothing:
#
#   cargo build -p clinic-sync-server && bash tests/reports/run.sh
#
# Needs selenium-webdriver from tests/e2e (`cd tests/e2e && npm ci`), psql, and PostgreSQL at
# DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres). KEEP_REPORTS_TMP=1 keeps the
# server's and chromedriver's logs.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${CLINIC_SYNC_SERVER_BIN:-$root/target/debug/clinic-sync-server}"

[[ -x "$bin" ]] || { echo "reports: $bin is missing: run 'cargo build -p clinic-sync-server' first" >&2; exit 1; }
for tool in node psql "${CHROMEDRIVER_BIN:-chromedriver}" "${CHROMIUM_BIN:-chromium}"; do
  command -v "$tool" >/dev/null || { echo "reports: $tool is missing (scripts/install-deps.sh installs it)" >&2; exit 1; }
done
[[ -d "$root/tests/e2e/node_modules/selenium-webdriver" ]] ||
  { echo "reports: selenium-webdriver is missing: run 'cd tests/e2e && npm ci'" >&2; exit 1; }

export CLINIC_SYNC_SERVER_BIN="$bin"
cd "$root"
exec node --test --test-reporter=spec "$@" tests/reports/reports.test.mjs
