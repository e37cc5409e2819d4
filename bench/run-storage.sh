#!/usr/bin/env bash
# The store at scale: ingest throughput for the generated corpus
# (bench/corpus/gen_corpus.py, 200 feeds × 50 items) and for ITEMS synthetic
# items, database size per 1,000 items, and the time to select one nämnd's
# digest and to search among ITEMS items.
# Prints a markdown table; writes it to build/bench/storage.md as well. The
# databases go to WORK_DIR (about 2 GB for a million items).
#
#   bench/run-storage.sh [ITEMS] [WORK_DIR]     defaults: 1000000 /tmp/omvarld-storage-bench
set -euo pipefail
cd "$(dirname "$0")/.."

items=${1:-1000000}
work=${2:-/tmp/omvarld-storage-bench}
out=build/bench
corpus=$out/corpus

mkdir -p "$out"
if [ ! -d "$corpus/feeds" ]; then
  python3 bench/corpus/gen_corpus.py --out "$corpus" >/dev/null
fi
cmake -S . -B build/release -G Ninja -DOMVARLD_TESTS=OFF -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/release --target omvarld_storage_bench >/dev/null
build/release/bench/omvarld_storage_bench "$corpus" "$items" "$work" | tee "$out/storage.md"
rm -rf "$work"
