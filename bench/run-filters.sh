#!/usr/bin/env bash
# Filter matching at scale: the compiled Matcher against the naive baseline
# (every term tried on every item) for 100 to 1,000,000 terms, on the items
# of the generated corpus (bench/corpus/gen_corpus.py). Prints a markdown
# table; writes it to build/bench/filters.md as well.
#
#   bench/run-filters.sh [TERM_COUNTS] [ITEMS]      defaults: 100,10000,100000,1000000 2000
set -euo pipefail
cd "$(dirname "$0")/.."

counts=${1:-100,10000,100000,1000000}
items=${2:-2000}
out=build/bench
corpus=$out/corpus

mkdir -p "$out"
if [ ! -d "$corpus/feeds" ]; then
  python3 bench/corpus/gen_corpus.py --out "$corpus" >/dev/null
fi
cmake -S . -B build/release -G Ninja -DOMVARLD_TESTS=OFF -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/release --target omvarld_filter_bench >/dev/null
build/release/bench/omvarld_filter_bench "$corpus" "$counts" "$items" | tee "$out/filters.md"
