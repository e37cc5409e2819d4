#!/usr/bin/env bash
# Fuzzes every libFuzzer target in fuzz/, one after the other, under ASan
# and UBSan:
#
#   parse       the feed parser (parse_feed + normalize + to_json, and
#               parse_items against them), for FUZZ_SECONDS
#   newsletter  a raw message -> newsletter items (GMime, libxml2)
#   html        a page -> items by a selector profile, and feed candidates
#   json        an API answer -> items by a profile
#   query       a nämnd's query -> parse, leaves, evaluate, compile, classify
#   search      `items --search` -> FTS5 on a store in memory
#
# each of the others for FUZZ_SECONDS_EACH.
#
#   scripts/fuzz.sh
#   FUZZ_TARGETS="html json" FUZZ_SECONDS_EACH=180 scripts/fuzz.sh
#
# Configures build/fuzz with clang-14 (-DOMVARLD_FUZZ=ON), builds only the
# fuzzers, seeds build/fuzz/seeds/TARGET from tests/testdata (the
# conformance cases and feed fixtures, newsletters/, pages/, api/,
# hostile/, and the findings in fuzz/ or fuzz/TARGET/) and fuzz/seeds/TARGET
# (small hand-written ones), each seed prefixed with the selector byte the
# target reads first, where it reads one. Exits 0 when every run ends clean
# and 1 on a crash, leak, timeout or out-of-memory in any, printing which
# property failed and the reproducer's path (and, when small, the
# reproducer itself in base64, for CI's log); replay one with
# `build/fuzz/fuzz/TARGET_fuzzer FILE`. Findings belong in
# tests/testdata/fuzz/ (the feed parser's) or tests/testdata/fuzz/TARGET/,
# with a regression test.
#
# Knobs (environment):
#   FUZZ_SECONDS       how long the feed parser runs, default 60
#   FUZZ_SECONDS_EACH  how long every other target runs, default 25
#   FUZZ_TARGETS       which targets, default all six, in the order above
#   FUZZ_JOBS          parallel fuzzing processes per target, default 1
#   BUILD_DIR          default build/fuzz
#   CC, CXX            default clang-14, clang++-14
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_SECONDS_EACH=${FUZZ_SECONDS_EACH:-25}
FUZZ_TARGETS=${FUZZ_TARGETS:-parse newsletter html json query search request}
FUZZ_JOBS=${FUZZ_JOBS:-1}
BUILD_DIR=${BUILD_DIR:-build/fuzz}
export CC=${CC:-clang-14} CXX=${CXX:-clang++-14}

say() { echo "fuzz: $*" >&2; }
command -v "$CXX" >/dev/null || { say "$CXX is missing: apt-get install clang-14 libclang-rt-14-dev (scripts/install-deps.sh)"; exit 2; }

launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
read -r -a targets <<<"$FUZZ_TARGETS"
binaries=()
for target in "${targets[@]}"; do
  case "$target" in
    parse | newsletter | html | json | query | search | request) binaries+=("${target}_fuzzer") ;;
    *) say "unknown target \"$target\" (one of: parse newsletter html json query search request)"; exit 2 ;;
  esac
done
say "building ${binaries[*]} in $BUILD_DIR with $CXX"
cmake -S . -B "$BUILD_DIR" -G Ninja -DOMVARLD_FUZZ=ON -DOMVARLD_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "${launcher[@]}" >/dev/null
cmake --build "$BUILD_DIR" -j2 --target "${binaries[@]}" >/dev/null

# Copies `files` (NUL-separated on stdin) of at most 64 KiB into $seeds,
# each prefixed with the selector byte n % `choices` (none when 0).
add_seeds() {
  local choices=$1 file
  while IFS= read -r -d '' file; do
    [ "$(stat -c %s "$file")" -le 65535 ] || continue
    if [ "$choices" -gt 0 ]; then
      { printf "\\$(printf %03o $((n % choices)))"; cat "$file"; } >"$seeds/seed-$n"
    else
      cp "$file" "$seeds/seed-$n"
    fi
    n=$((n + 1))
  done
}

# Each target's seed files, NUL-separated, in name order.
seed_files() {
  case "$1" in
    parse)
      find tests/conformance/feedparser/cases tests/testdata -type f -not -path 'tests/testdata/fuzz/*/*' \
        \( -name '*.xml' -o -name '*.html' -o -name '*.rss' -o -name '*.atom' -o -path '*/fuzz/*' \) -print0 ;;
    newsletter)
      find tests/testdata/newsletters tests/testdata/hostile fuzz/seeds/newsletter -type f -name '*.eml' -print0 ;;
    html)
      find tests/testdata/pages tests/testdata/hostile fuzz/seeds/html -type f -name '*.html' -print0 ;;
    json)
      find tests/testdata/api tests/testdata/hostile fuzz/seeds/json -type f -name '*.json' -print0 ;;
    query | search | request)
      find "fuzz/seeds/$1" -type f -print0 ;;
  esac | sort -z
}

# A target's findings (tests/testdata/fuzz/TARGET/), kept as the fuzzer
# wrote them: selector byte and all.
finding_files() {
  [ "$1" != parse ] && [ -d "tests/testdata/fuzz/$1" ] || return 0
  find "tests/testdata/fuzz/$1" -type f -print0 | sort -z
}

# The values the target's first byte selects among (0: it reads none):
# parse DocumentHints, newsletter the split, html the profile and page URL,
# json the profile.
selector_choices() {
  case "$1" in
    parse) echo 8 ;;
    newsletter) echo 2 ;;
    html) echo 16 ;;
    json) echo 4 ;;
    *) echo 0 ;;
  esac
}

max_len_of() {
  case "$1" in
    query) echo 8192 ;;
    search | request) echo 4096 ;;
    *) echo 65536 ;;
  esac
}

failed=()
for target in "${targets[@]}"; do
  fuzzer=$root/$BUILD_DIR/fuzz/${target}_fuzzer
  seconds=$FUZZ_SECONDS_EACH
  [ "$target" = parse ] && seconds=$FUZZ_SECONDS
  # The feed parser keeps the paths it always had.
  if [ "$target" = parse ]; then
    corpus=$root/$BUILD_DIR/corpus seeds=$root/$BUILD_DIR/seeds artifacts=$root/$BUILD_DIR/artifacts
    log=$root/$BUILD_DIR/fuzz.log
  else
    corpus=$root/$BUILD_DIR/corpus-$target seeds=$root/$BUILD_DIR/seeds-$target
    artifacts=$root/$BUILD_DIR/artifacts-$target log=$root/$BUILD_DIR/fuzz-$target.log
  fi
  mkdir -p "$corpus" "$artifacts"
  rm -rf "$seeds" && mkdir -p "$seeds"
  n=0
  add_seeds "$(selector_choices "$target")" < <(seed_files "$target")
  add_seeds 0 < <(finding_files "$target")
  dict=()
  [ -f "fuzz/dicts/$target.dict" ] && dict=(-dict="$root/fuzz/dicts/$target.dict")
  parallel=()
  # More than one job: libFuzzer forks workers that write fuzz-N.log in $artifacts.
  [ "$FUZZ_JOBS" -le 1 ] || parallel=(-jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS")
  rm -f "$artifacts"/fuzz-*.log
  : >"$log.start"
  say "$target: $n seeds; corpus in $corpus; running for ${seconds}s"
  status=0
  (cd "$artifacts" && "$fuzzer" "$corpus" "$seeds" "${dict[@]}" \
    -max_len="$(max_len_of "$target")" -timeout=10 -rss_limit_mb=2048 -max_total_time="$seconds" \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "${parallel[@]}") >"$log" 2>&1 || status=$?
  cat "$artifacts"/fuzz-*.log >>"$log" 2>/dev/null || true

  found=$(find "$artifacts" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) -newer "$log.start")
  runs=$(LC_ALL=C awk '/stat::number_of_executed_units:/ { sum += $2 } END { print sum + 0 }' "$log")
  if [ "$status" -ne 0 ] || [ -n "$found" ]; then
    failed+=("$target")
    tail -n 25 "$log" >&2
    say "$target: FAILED (exit $status) after $runs runs; log: $log"
    grep -a -A2 "^${target}_fuzzer: \|^parse_fuzzer: " "$log" | head -n 12 >&2 || true  # which property failed
    for f in $found; do
      say "reproducer: $f  (replay: $fuzzer $f)"
      # CI keeps only what is printed: a small reproducer is printed whole,
      # to be recovered with `base64 -d`.
      if [ "$(stat -c %s "$f")" -le 16384 ]; then
        say "reproducer in base64:"
        base64 -w 100 "$f" >&2
      fi
    done
    grep -a -o "Test unit written to .*" "$log" | sed 's/^/fuzz: /' >&2 || true
  else
    say "$target: clean, $runs runs in ${seconds}s; log: $log"
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  say "FAILED: ${failed[*]}"
  exit 1
fi
say "clean: no crash, leak or timeout in ${targets[*]}"
