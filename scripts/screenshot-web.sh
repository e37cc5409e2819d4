#!/usr/bin/env bash
# Makes docs/web-PAGE-desktop.png (1280 px wide) and docs/web-PAGE-mobile.png
# (360 px) of the web archive's pages: the start page, a nämnd, a digest, a
# search, the deadlines, the coordinators' page, Prova ett filter, and the
# feedback confirmation page before and after the answer. Runs `omvarld run`
# with [web] on a copy of the demo after a poll and a digest run, as the
# browser test does (scripts/screenshot_web.py reuses its setup), and cuts
# each page at a maximum height; optipng makes the files small.
#
#   scripts/screenshot-web.sh [OMVARLD]
#
# Without OMVARLD it builds omvarld in build/release. Needs Debian's chromium,
# chromium-driver and python3-selenium (scripts/install-deps.sh has them, for
# the browser tests), optipng and fonts-liberation (scripts/screenshot.sh
# installs those two if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

for p in optipng fonts-liberation; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    { echo "screenshot-web: $p is missing (apt-get install $p)" >&2; exit 1; }
done
if [ $# -gt 0 ]; then
  omvarld=$(readlink -f "$1")
else
  cmake -S . -B build/release -G Ninja -DOMVARLD_TESTS=OFF -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/release -j2 --target omvarld >/dev/null
  omvarld=$root/build/release/cli/omvarld
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 scripts/screenshot_web.py --omvarld "$omvarld" --source-dir "$root" --out "$work"
for shot in "$work"/web-*.png; do
  optipng -quiet -o2 -strip all "$shot"
  cp "$shot" docs/
  echo "docs/${shot##*/}: $(stat -c %s "$shot") bytes"
done
