#!/usr/bin/env bash
# Installs what omvarld needs, builds it, and runs the main job on the bundled
# demo: polls the sample feeds in examples/feeds (file://), classifies and
# stores the items in an SQLite file, and writes each nämnd's digest (.eml and
# .html) into a folder whose path it prints at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

scripts/install-deps.sh

echo "== building omvarld"
cmake -S . -B build/demo-build -G Ninja -DOMVARLD_TESTS=OFF >/dev/null
cmake --build build/demo-build -j "$(nproc)"
omvarld="$root/build/demo-build/cli/omvarld"

# A fresh copy, so the demo's database and outbox land under build/.
demo="$root/build/demo"
rm -rf "$demo"
cp -r examples "$demo"
config="$demo/omvarld.toml"

echo "== omvarld check-config"
"$omvarld" --config "$config" check-config
echo "== omvarld poll --once"
"$omvarld" --config "$config" poll --once
echo "== omvarld digest send --all --now"
"$omvarld" --config "$config" digest send --all --now
echo "== stored items per source"
"$omvarld" --config "$config" status

echo
echo "Demo database: $demo/demo.db"
echo "Digests (.eml and .html) written to: $demo/outbox"
ls -1 "$demo/outbox"
