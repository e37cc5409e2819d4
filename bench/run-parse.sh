#!/usr/bin/env bash
# Parse throughput on one large feed per format, for omvarld and, in the
# same run, a pugixml reference, sfeed and feedparser: the 20,000-item feed
# of bench/corpus/gen_corpus.py (--big) as RSS 2.0, Atom 1.0 and RSS 1.0,
# parsed from memory, best of RUNS rounds in which the tools take turns
# (bench/parse_compare.py).
# omvarld is measured in process (bench/parse_bench.cpp: parse_items, the
# poll path: parse + normalize); pugixml with bench/peers/ref/pugixml_count.cpp
# (load + walk, compiled here); sfeed as a whole process (`sfeed < big.xml`);
# feedparser in process with bench/peers/fp_parse.py (python3-feedparser,
# without interpreter start-up and import); a missing sfeed or feedparser is
# named and left out. Writes a markdown table with the ratios against sfeed
# and feedparser and peak memory as a multiple of the document, one table
# per format, to build/bench-results/parse.md (and parse-FORMAT.jsonl), and
# prints it.
#
#   bench/run-parse.sh
#
# Knobs (environment):
#   RUNS        rounds (each: one omvarld process of 3 runs, pugixml once, sfeed 3 times), default 5
#   FP_RUNS     timed runs of feedparser (slow), default 1; 0 leaves it out
#   BIG_ITEMS   items in the generated feed, default 20000
#   FORMATS     the formats measured, default "rss2 atom rdf"
#   BUILD_DIR   where omvarld is built (Release), default build/release
#   INSTALL=0   do not apt-get the bench packages
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

RUNS=${RUNS:-5}
FP_RUNS=${FP_RUNS:-1}
BIG_ITEMS=${BIG_ITEMS:-20000}
FORMATS=${FORMATS:-rss2 atom rdf}
BUILD_DIR=${BUILD_DIR:-build/release}
bench=$root/bench
PY=/usr/bin/python3  # Debian's interpreter, where python3-feedparser lives

say() { echo "run-parse: $*" >&2; }
die() { say "$*"; exit 2; }

# --- what the benchmark needs; not part of scripts/install-deps.sh or CI
bench_packages=(sfeed python3 python3-feedparser libpugixml-dev g++)
source "$bench/bench_packages.sh"
[ "${INSTALL:-1}" = 0 ] || install_bench_packages "${bench_packages[@]}" || say "could not install the bench packages; checking what is there"

command -v "$PY" >/dev/null || die "$PY is missing: apt-get install python3"
command -v sfeed >/dev/null || say "sfeed is missing (apt-get install sfeed): leaving it out"
"$PY" -c 'import feedparser' 2>/dev/null || { say "python3-feedparser is missing: leaving feedparser out"; FP_RUNS=0; }

# --- scratch under build/, results next to it
scratch=$root/build/bench/parse
results=$root/build/bench-results
mkdir -p "$scratch" "$results"

# One corpus folder per format (FOLDER FORMAT), made again when its manifest
# does not match. Called as a command, not in $(…), so that set -e stops
# the run when the generator fails.
make_corpus() {
  local corpus=$1 format=$2
  if [ ! -s "$corpus/big.json" ] || ! grep -q "\"items\": $BIG_ITEMS," "$corpus/big.json" ||
     ! grep -q "\"format\": \"$format\"" "$corpus/big.json"; then
    say "generating the $BIG_ITEMS-item $format feed in $corpus"
    "$PY" "$bench/corpus/gen_corpus.py" --out "$corpus" --feeds 0 --big "$BIG_ITEMS" --big-format "$format" >/dev/null
  fi
}
# What runs before the formats had tables of their own left behind.
rm -rf "$scratch/corpus" "$results/parse.jsonl"

say "building omvarld_parse_bench (Release) in $BUILD_DIR"
cmake -S . -B "$BUILD_DIR" -G Ninja -DOMVARLD_TESTS=OFF -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD_DIR" -j2 --target omvarld_parse_bench >/dev/null || die "omvarld_parse_bench does not build in $BUILD_DIR"

pugixml=$scratch/pugixml_count
if [ ! -x "$pugixml" ] || [ "$bench/peers/ref/pugixml_count.cpp" -nt "$pugixml" ]; then
  say "compiling the pugixml reference"
  g++ -O2 -o "$pugixml" "$bench/peers/ref/pugixml_count.cpp" -lpugixml || die "cannot compile the pugixml reference (apt-get install libpugixml-dev g++)"
fi

: > "$results/parse.md"
for format in $FORMATS; do
  corpus=$scratch/corpus-$format
  make_corpus "$corpus" "$format"
  items=$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))["items"])' "$corpus/big.json")
  cat "$corpus/big.xml" >/dev/null  # page cache warm
  "$PY" bench/parse_compare.py --doc "$corpus/big.xml" --items "$items" --format "$format" \
    --omvarld-bench "$root/$BUILD_DIR/bench/omvarld_parse_bench" --pugixml "$pugixml" \
    --fp-script "$bench/peers/fp_parse.py" --python "$PY" \
    --out-dir "$results" --runs "$RUNS" --fp-runs "$FP_RUNS" >/dev/null
  { cat "$results/parse-$format.md"; echo; } >> "$results/parse.md"
done
cat "$results/parse.md"
say "tables in $results/parse.md"
