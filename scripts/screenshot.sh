#!/usr/bin/env bash
# Makes docs/digest-desktop.png (800 px wide) and docs/digest-mobile.png
# (320 px wide) from the demo: runs scripts/demo.sh (which builds omvarld and
# writes each nämnd's digest into build/demo/outbox; its output goes to
# build/screenshot-demo.log), takes the HTML digest with the most items and
# renders it with headless Chromium, the whole page up to a maximum height.
#
#   scripts/screenshot.sh [OUTBOX]
#
# With OUTBOX, a folder the demo's digests are already in (from a build of
# your own), the demo is not run again.
#
# Needs Debian's chromium (scripts/install-deps.sh has it, for the web
# archive's browser tests), optipng and fonts-liberation (Liberation Sans has
# Arial's metrics, so lines break as in Outlook and Gmail), which it installs
# if missing; the last two are not in install-deps.sh because nothing else
# needs them.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

tools=(chromium optipng fonts-liberation)
missing=()
for p in "${tools[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} > 0)); then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "screenshot: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

outbox=${1:-build/demo/outbox}
if [ $# -eq 0 ]; then
  log="$root/build/screenshot-demo.log"
  mkdir -p build
  echo "== running scripts/demo.sh (log: $log)"
  if ! scripts/demo.sh >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    echo "screenshot: scripts/demo.sh failed; see $log" >&2
    exit 1
  fi
fi

# The digest with the most items: each item carries one "varför:" line.
best="" best_count=-1
for f in "$outbox"/*.html; do
  count=$(grep -c "varför: " "$f" || true)
  if ((count > best_count)); then best="$f" best_count=$count; fi
done
if [ -z "$best" ]; then
  echo "screenshot: no .html digest in $outbox" >&2
  exit 1
fi
echo "== rendering $best ($best_count items)"

# A private copy, so a concurrent demo run cannot swap the file underneath.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$best" "$work/digest.html"

chrome() {
  # A throwaway profile; D-Bus and GPU complaints on stderr are noise here.
  chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
    --force-device-scale-factor=1 --user-data-dir="$work/profile" "$@" 2>/dev/null
}

# Height of the page at `width`. While a page loads, a headless window is at
# least 500 px wide, so the page is measured inside an iframe `width` wide: a
# copy of the digest with one script added (the digest itself has none) posts
# its height to the outer page, which --dump-dom then prints.
page_height() {
  local width=$1
  sed 's|</body>|<script>parent.postMessage(String(document.documentElement.scrollHeight), "*")</script></body>|' \
    "$work/digest.html" >"$work/measured.html"
  cat >"$work/measure.html" <<HTML
<!DOCTYPE html><html><body style="margin:0">
<iframe src="measured.html" style="border:0;width:${width}px;height:50px"></iframe>
<script>addEventListener("message", e => document.body.setAttribute("data-height", e.data))</script>
</body></html>
HTML
  chrome --window-size=800,200 --virtual-time-budget=5000 --dump-dom "file://$work/measure.html" |
    sed -n 's/.*data-height="\([0-9]*\)".*/\1/p' | head -n 1
}

# shoot WIDTH MAX_HEIGHT OUT: the whole page, cut at MAX_HEIGHT (PNG size).
shoot() {
  local width=$1 max_height=$2 out=$3 height
  height=$(page_height "$width")
  if [ -z "$height" ]; then
    echo "screenshot: could not measure the page at ${width}px" >&2
    exit 1
  fi
  if ((height > max_height)); then height=$max_height; fi
  chrome --window-size="$width,$height" --screenshot="$work/shot.png" \
    "file://$work/digest.html" >/dev/null
  optipng -quiet -o2 -strip all "$work/shot.png"
  mkdir -p docs
  cp "$work/shot.png" "$out"
  echo "$out: ${width}x${height}, $(stat -c %s "$out") bytes"
}

shoot 800 3000 docs/digest-desktop.png
shoot 320 4000 docs/digest-mobile.png
