#!/usr/bin/env bash
# Installs what building, running and testing Clinic needs on Debian 12: the Tauri build libraries, the
# headless-desktop tools of the end-to-end tests (Xvfb, WebKit's WebDriver, a D-Bus session with a
# Secret Service keyring) and tauri-driver. Idempotent and quick when everything is there: apt-get runs
# only for missing packages, `apt-get update` only before such an install.
set -euo pipefail

packages=(
  # Tauri 2 on Linux
  build-essential pkg-config libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev
  libssl-dev libxdo-dev
  # end-to-end tests of the real window
  xvfb xauth fonts-dejavu-core webkit2gtk-driver dbus dbus-x11 gnome-keyring libsecret-tools keyutils
  # reading the PDFs the app writes: rendered to PNG (poppler) and the text read off the image (OCR)
  poppler-utils tesseract-ocr tesseract-ocr-eng
  # the central report pages in headless Chromium (tests/reports)
  chromium chromium-driver
)

missing=()
for p in "${packages[@]}"; do
  if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]]; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "install-deps: need root (or sudo) to install ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

for tool in cargo node npm; do
  command -v "$tool" >/dev/null || { echo "install-deps: $tool is not installed (Rust and Node 20+ are expected)" >&2; exit 1; }
done

# tauri-driver 2.x (an unpinned install would pick a 3.0 alpha).
if ! cargo install --list | grep -q '^tauri-driver v2\.'; then
  echo "install-deps: installing tauri-driver 2"
  cargo install tauri-driver --version '^2' --locked --quiet
fi

# s3s-fs: the S3-protocol server the sync server's tests run against (scripts/with-services.sh).
# 0.14.1: newer releases need a newer Rust.
if ! cargo install --list | grep -q '^s3s-fs v0\.14\.1'; then
  echo "install-deps: installing s3s-fs 0.14.1"
  cargo install s3s-fs --version 0.14.1 --features binary --locked --quiet
fi

# fhir.resources: the independent FHIR validator of the export tests (scripts/validate-fhir.py).
if ! python3 -c 'import fhir.resources' 2>/dev/null; then
  echo "install-deps: installing fhir.resources 8.3.0"
  python3 -m pip install --quiet 'fhir.resources==8.3.0'
fi

# aiosmtpd: the real SMTP server the reminder sender is tested against (sync-server/tests/e2e_reminders.rs).
if ! python3 -c 'import aiosmtpd' 2>/dev/null; then
  echo "install-deps: installing aiosmtpd 1.4.6"
  python3 -m pip install --quiet 'aiosmtpd==1.4.6'
fi
