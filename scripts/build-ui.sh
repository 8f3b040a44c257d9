#!/usr/bin/env bash
# Builds the React UI into ui/dist, which the desktop binary embeds, unless ui/dist was already built from
# exactly the current sources. The check is by content, not time: `cargo test` rewrites ui/src/bindings
# with the same text on every run, and that alone must not rebuild the UI (and then the binary).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../ui"

sources_hash() {
  find . \( -path ./node_modules -o -path ./dist \) -prune -o -type f -print0 | LC_ALL=C sort -z \
    | xargs -0 sha256sum | sha256sum | cut -d' ' -f1
}

hash="$(sources_hash)"
if [[ -f dist/.built && "$(cat dist/.built)" == "$hash" ]]; then
  echo "ui/dist is up to date"
  exit 0
fi
npm run build
# vite empties ui/dist first, so a placeholder page written by src-tauri/build.rs never passes as built.
echo "$hash" > dist/.built
