#!/usr/bin/env bash
# The report's browser and PNG tests as on a machine where apt installed no browser and no fonts:
# in a private mount namespace (root only; nothing outside it sees the mounts) every system font
# folder, fontconfig's configuration and Debian's Chromium are covered by an empty folder, and
# IOMTSIM_BROWSER=bundled makes the test use the Chromium that @sparticuz/chromium ships. What
# passes here needs only `npm ci`.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "${1:-}" != --inside ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "$0: needs root to make a private mount namespace" >&2
    exit 1
  fi
  exec unshare --mount --propagation private "$0" --inside
fi

empty=$(mktemp -d)
hidden=()
for path in /usr/lib/chromium /usr/lib/chromium-browser /opt/google /usr/share/fonts /usr/local/share/fonts /etc/fonts; do
  if [ -d "$path" ]; then
    mount --bind "$empty" "$path"
    hidden+=("$path")
  fi
done
echo "no-apt check: hidden ${hidden[*]:-nothing}"
IOMTSIM_BROWSER=bundled npx vitest run test/browser src/report/render
