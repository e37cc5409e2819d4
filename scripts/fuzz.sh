#!/usr/bin/env bash
# Fuzzes the feed parser (fuzz/parse_fuzzer.cpp: parse_feed + normalize +
# to_json, and parse_items against them, under libFuzzer, ASan and UBSan)
# for FUZZ_SECONDS.
#
#   scripts/fuzz.sh
#
# Configures build/fuzz with clang-14 (-DOMVARLD_FUZZ=ON), builds only the
# fuzzer, seeds build/fuzz/corpus from the conformance cases and
# tests/testdata (each seed prefixed with the byte that picks the fuzzer's
# DocumentHints), then runs. Exits 0 when the run ends clean and 1 on a crash,
# leak, timeout or out-of-memory, printing the reproducer's path (and, when
# small, the reproducer itself in base64, for CI's log); replay one
# with `build/fuzz/fuzz/parse_fuzzer FILE`. Findings belong in
# tests/testdata/fuzz/ with a regression test.
#
# Knobs (environment):
#   FUZZ_SECONDS  how long to run, default 60
#   FUZZ_JOBS     parallel fuzzing processes, default 1
#   BUILD_DIR     default build/fuzz
#   CC, CXX       default clang-14, clang++-14
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_JOBS=${FUZZ_JOBS:-1}
BUILD_DIR=${BUILD_DIR:-build/fuzz}
export CC=${CC:-clang-14} CXX=${CXX:-clang++-14}

say() { echo "fuzz: $*" >&2; }
command -v "$CXX" >/dev/null || { say "$CXX is missing: apt-get install clang-14 libclang-rt-14-dev (scripts/install-deps.sh)"; exit 2; }

say "building the fuzzer in $BUILD_DIR with $CXX"
cmake -S . -B "$BUILD_DIR" -G Ninja -DOMVARLD_FUZZ=ON -DOMVARLD_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD_DIR" -j2 --target parse_fuzzer >/dev/null
fuzzer=$root/$BUILD_DIR/fuzz/parse_fuzzer

corpus=$root/$BUILD_DIR/corpus
seeds=$root/$BUILD_DIR/seeds
artifacts=$root/$BUILD_DIR/artifacts
mkdir -p "$corpus" "$artifacts"
rm -rf "$seeds" && mkdir -p "$seeds"
# Seeds: every conformance case and feed fixture. The fuzzer reads its first
# byte as the DocumentHints selector, so each seed gets one, in turn 0..7.
n=0
while IFS= read -r -d '' file; do
  [ "$(stat -c %s "$file")" -le 65535 ] || continue
  { printf "\\$(printf %03o $((n % 8)))"; cat "$file"; } >"$seeds/seed-$n"
  n=$((n + 1))
done < <(find tests/conformance/feedparser/cases tests/testdata -type f \
  \( -name '*.xml' -o -name '*.html' -o -name '*.rss' -o -name '*.atom' -o -path '*/fuzz/*' \) -print0 | sort -z)
say "$n seeds; corpus in $corpus; running for ${FUZZ_SECONDS}s"

log=$root/$BUILD_DIR/fuzz.log
parallel=()
# More than one job: libFuzzer forks workers that write fuzz-N.log in $artifacts.
[ "$FUZZ_JOBS" -le 1 ] || parallel=(-jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS")
rm -f "$artifacts"/fuzz-*.log
: >"$log.start"
status=0
(cd "$artifacts" && "$fuzzer" "$corpus" "$seeds" \
  -max_len=65536 -timeout=10 -rss_limit_mb=2048 -max_total_time="$FUZZ_SECONDS" \
  -print_final_stats=1 -artifact_prefix="$artifacts/" "${parallel[@]}") >"$log" 2>&1 || status=$?
cat "$artifacts"/fuzz-*.log >>"$log" 2>/dev/null || true
tail -n 25 "$log" >&2

found=$(find "$artifacts" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) -newer "$log.start")
if [ "$status" -ne 0 ] || [ -n "$found" ]; then
  say "FAILED (exit $status); log: $log"
  grep -A2 "^parse_fuzzer: " "$log" | head -n 12 >&2 || true  # which property failed
  for f in $found; do
    say "reproducer: $f  (replay: $fuzzer $f)"
    # CI keeps only what is printed: a small reproducer is printed whole,
    # to be recovered with `base64 -d`.
    if [ "$(stat -c %s "$f")" -le 16384 ]; then
      say "reproducer in base64:"
      base64 -w 100 "$f" >&2
    fi
  done
  grep -o "Test unit written to .*" "$log" | sed 's/^/fuzz: /' >&2 || true
  exit 1
fi
say "clean: no crash, leak or timeout in ${FUZZ_SECONDS}s; log: $log"
