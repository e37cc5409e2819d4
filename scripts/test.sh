#!/usr/bin/env bash
# Builds omvarld and runs every test, twice: once with warnings as errors, once
# under AddressSanitizer and UndefinedBehaviorSanitizer. This is the command
# the README gives and .ci/run calls.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

jobs=$(nproc)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

for variant in release sanitize; do
  dir="build/test-$variant"
  flags=(-DOMVARLD_WERROR=ON)
  if [ "$variant" = sanitize ]; then
    flags+=(-DOMVARLD_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug)
  fi
  echo "== $variant build in $dir"
  cmake -S . -B "$dir" -G Ninja "${flags[@]}" >/dev/null
  cmake --build "$dir" -j "$jobs"
  echo "== $variant tests"
  ctest --test-dir "$dir" --output-on-failure -j "$jobs" --timeout 300
done

# Every libFuzzer target (clang, ASan, UBSan) for a bounded time, seeded with
# the conformance corpus and the fixtures: the feed parser for FUZZ_SECONDS,
# the newsletter, page, API, query and search targets for FUZZ_SECONDS_EACH.
# A crash, leak, hang or broken property fails.
echo "== fuzzing: the feed parser for ${FUZZ_SECONDS:-60} s, five more targets for ${FUZZ_SECONDS_EACH:-25} s each"
FUZZ_SECONDS=${FUZZ_SECONDS:-60} FUZZ_SECONDS_EACH=${FUZZ_SECONDS_EACH:-25} scripts/fuzz.sh
