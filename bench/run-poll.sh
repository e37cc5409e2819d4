#!/usr/bin/env bash
# A full poll cycle (fetch, parse, classify, store) over the generated corpus
# (200 feeds × 50 items) served by nginx on loopback, for omvarld and, in the
# same run, newsboat and sfeed_update: a cold cycle from fresh state, then
# two unchanged cycles. Every figure comes from bench/peers/cycle.py
# (wall, CPU and peak RSS via wait4; requests, status codes, conditional
# headers, gzip and bytes from nginx's access log), median of RUNS. Prints
# one markdown table and writes it, with the raw JSON lines and the peers'
# logs, to build/bench-results/.
#
#   bench/run-poll.sh
#
# Knobs (environment):
#   PEERS           which to measure, default "omvarld newsboat sfeed"; a peer
#                   that is not installed is named and left out
#   NAMNDER         the numbers of nämnder omvarld is measured with, one
#                   configuration each (bench/poll_config.py), default
#                   "2 40 5000": 2 and 40 realistic ones, and the same 2 with
#                   4,998 more of 20 terms each that match nothing (so that
#                   it stores what the 2 store: the cost of more nämnder)
#   RUNS            timed runs per peer, default 5
#   FEEDBENCH_PORT  nginx port, default a free one
#   BUILD_DIR       where omvarld is built (Release), default build/release
#   OMVARLD         an omvarld binary to measure instead of building one
#   INSTALL=0       do not apt-get the bench packages
#   NB_THREADS      newsboat reload-threads (1, its default)
#   SF_JOBS         sfeed_update maxjobs (8, its default)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

PEERS=${PEERS:-"omvarld newsboat sfeed"}
RUNS=${RUNS:-5}
NAMNDER=${NAMNDER:-"2 40 5000"}
BUILD_DIR=${BUILD_DIR:-build/release}
bench=$root/bench
PY=/usr/bin/python3  # Debian's interpreter, not a pyenv python3 earlier in PATH

say() { echo "run-poll: $*" >&2; }
die() { say "$*"; exit 2; }

for p in $PEERS; do
  case $p in omvarld | newsboat | sfeed) ;; *) die "unknown peer \"$p\" in PEERS (known: omvarld newsboat sfeed)" ;; esac
done

# --- what the benchmark needs; not part of scripts/install-deps.sh or CI
bench_packages=(nginx-light newsboat sfeed curl sqlite3 python3)
source "$bench/bench_packages.sh"
[ "${INSTALL:-1}" = 0 ] || install_bench_packages "${bench_packages[@]}" || say "could not install the bench packages; checking what is there"

need() {  # TOOL WHAT-TO-DO
  command -v "$1" >/dev/null 2>&1 || die "$1 is missing: $2"
}
need "$PY" "apt-get install python3"
need /usr/sbin/nginx "apt-get install nginx-light"
need sqlite3 "apt-get install sqlite3"
need curl "apt-get install curl"
# A peer that is not installed is named and left out.
present=""
for p in $PEERS; do
  case $p in
  newsboat) tool=newsboat package=newsboat ;;
  sfeed) tool=sfeed_update package=sfeed ;;
  *) tool="" ;;
  esac
  if [ -n "$tool" ] && ! command -v "$tool" >/dev/null 2>&1; then
    say "$tool is missing (apt-get install $package): leaving $p out"
  else
    present+="${present:+ }$p"
  fi
done
PEERS=$present
[ -n "$PEERS" ] || die "no peer left to measure"

# --- scratch under build/, results next to it
scratch=$root/build/bench/poll
results=$root/build/bench-results
corpus=$root/build/bench/corpus
logs=$results/poll-logs
export FEEDBENCH_RUN=$scratch/run FEEDBENCH_CORPUS=$corpus
mkdir -p "$scratch" "$results" "$logs" "$FEEDBENCH_RUN"
rm -f "$logs"/*.log

FEEDBENCH_PORT=${FEEDBENCH_PORT:-$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
base_url=http://127.0.0.1:$FEEDBENCH_PORT/

if [ ! -s "$corpus/manifest.json" ]; then
  say "generating the corpus in $corpus"
  "$PY" "$bench/corpus/gen_corpus.py" --out "$corpus" --feeds 200 --items 50 --base-url "$base_url" >/dev/null
fi

case " $PEERS " in *" omvarld "*)
  if [ -n "${OMVARLD:-}" ]; then
    omvarld=$(readlink -f "$OMVARLD")
  else
    say "building omvarld (Release) in $BUILD_DIR"
    omvarld=$root/$BUILD_DIR/cli/omvarld
    cmake -S . -B "$BUILD_DIR" -G Ninja -DOMVARLD_TESTS=OFF -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$BUILD_DIR" -j2 --target omvarld omvarld_lemmatizer_bench >/dev/null ||
      die "omvarld does not build in $BUILD_DIR"
    lemmatizer_bench=$root/$BUILD_DIR/bench/omvarld_lemmatizer_bench
  fi
  [ -x "$omvarld" ] || die "no omvarld binary at $omvarld"
  ;;
esac

# --- nginx on a port of its own, stopped by its pid however this script ends
# (and a measurement still running, by its process group, when interrupted)
nginx_pid="" cycle_pid=""
clean_up() {
  [ -z "$cycle_pid" ] || kill -TERM -- "-$cycle_pid" 2>/dev/null || true
  [ -n "$nginx_pid" ] || return 0
  kill -QUIT "$nginx_pid" 2>/dev/null || return 0
  for _ in $(seq 50); do kill -0 "$nginx_pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -TERM "$nginx_pid" 2>/dev/null || true
}
trap clean_up EXIT
trap 'exit 130' INT TERM
if "$bench/server/serve.sh" status "$FEEDBENCH_PORT" >/dev/null 2>&1; then
  die "an nginx of bench/server/serve.sh already serves port $FEEDBENCH_PORT; choose another FEEDBENCH_PORT"
fi
nginx_pid=$("$bench/server/serve.sh" start "$corpus" "$FEEDBENCH_PORT" 2>/dev/null) ||
  die "nginx did not start on port $FEEDBENCH_PORT (see $FEEDBENCH_RUN/nginx-$FEEDBENCH_PORT/error.log)"
access_log=$("$bench/server/serve.sh" log "$FEEDBENCH_PORT")
nginx_pidfile=$FEEDBENCH_RUN/nginx-$FEEDBENCH_PORT/nginx.pid
export S=$scratch/state
mkdir -p "$S"
sed "s|^|$base_url|" "$corpus/feeds.list" >"$S/urls.txt"
curl -sf -o /dev/null "$(head -1 "$S/urls.txt")" || die "the corpus is not served at $base_url"

# --- the peers: reset (fresh state, untimed), run (one poll cycle), count (items stored)
export OMVARLD=${omvarld:-} CONFIG=$scratch/omvarld.toml
omvarld_reset() { rm -rf "$S/omvarld" && mkdir -p "$S/omvarld/outbox"; }
# CONFIG is the configuration of the number of nämnder being measured.
omvarld_run() { "$OMVARLD" --config "$CONFIG" poll --once; }
omvarld_count() { sqlite3 "$S/omvarld/omvarld.db" 'select count(*) from items'; }
# newsboat: a urls file and its SQLite cache, no UI (as the team's bench harness runs it)
nb_reset() {
  rm -rf "$S/nb" && mkdir -p "$S/nb"
  cp "$S/urls.txt" "$S/nb/urls"
  printf 'reload-threads %s\n' "${NB_THREADS:-1}" >"$S/nb/config"
}
nb_run() { HOME="$S/nb" newsboat -x reload -u "$S/nb/urls" -c "$S/nb/cache.db" -C "$S/nb/config"; }
nb_count() { sqlite3 "$S/nb/cache.db" 'select count(*) from rss_item'; }
# sfeed_update: its stock fetch (curl; no conditional GET, no gzip)
sf_reset() {
  rm -rf "$S/sf" && mkdir -p "$S/sf/feeds"
  {
    echo "sfeedpath=\"$S/sf/feeds\""
    echo "maxjobs=${SF_JOBS:-8}"
    echo "feeds() {"
    awk '{n = $0; sub(/.*\//, "", n); sub(/\.xml$/, "", n); printf "\tfeed \"%s\" \"%s\"\n", n, $0}' "$S/urls.txt"
    echo "}"
  } >"$S/sf/sfeedrc"
}
sf_run() { sfeed_update "$S/sf/sfeedrc"; }
sf_count() { cat "$S/sf/feeds"/* | wc -l; }
export -f omvarld_reset omvarld_run omvarld_count nb_reset nb_run nb_count sf_reset sf_run sf_count

# How many of N nämnder match: up to 40, all; past 40, as many as the
# smallest configuration measured, so the two store the same.
matching_of() {
  local fewest
  fewest=$(printf '%s\n' $NAMNDER | sort -n | head -1)
  if [ "$1" -le 40 ]; then echo "$1"; else echo $((fewest < 40 ? fewest : 40)); fi
}
case " $PEERS " in *" omvarld "*)
  for n in $NAMNDER; do
    config=$scratch/omvarld-$n.toml
    "$PY" bench/poll_config.py --corpus "$corpus" --base-url "$base_url" --state "$S/omvarld" \
      --namnder "$n" --matching "$(matching_of "$n")" --out "$config"
    "$OMVARLD" --config "$config" check-config >/dev/null 2>"$logs/check-config.log" ||
      die "the generated configuration of $n nämnder does not load: $(head -3 "$logs/check-config.log")"
  done
  ;;
esac

: >"$results/poll.jsonl"
splits=()  # --split NAME=LOG: where poll_table.py finds omvarld's own split of each cycle
cycle() {  # PEER RESET RUN COUNT
  say "$1: $RUNS runs of cold, unchanged, unchanged"
  # In a process group of its own and waited for, so that a signal to this
  # script runs the trap at once and stops the measurement with nginx.
  setsid "$PY" "$bench/peers/cycle.py" --name "$1" --runs "$RUNS" --reset "$2" --cold "$3" --warm "$3" \
    --count "$4" --access-log "$access_log" --server-pidfile "$nginx_pidfile" --peer-log "$logs/$1.log" \
    --out "$results/poll.jsonl" >/dev/null &
  cycle_pid=$!
  wait "$cycle_pid" || die "measuring $1 failed (see $logs/$1.log)"
  cycle_pid=""
}
for p in $PEERS; do
  case $p in
  omvarld)
    for n in $NAMNDER; do
      CONFIG=$scratch/omvarld-$n.toml cycle "omvarld, $n nämnder" omvarld_reset omvarld_run omvarld_count
      splits+=(--split "omvarld, $n nämnder=$logs/omvarld, $n nämnder.log")
    done
    ;;
  newsboat) cycle newsboat nb_reset nb_run nb_count ;;
  sfeed) cycle sfeed_update sf_reset sf_run sf_count ;;
  esac
done

{
  echo "<!-- bench/run-poll.sh, $(date -u +%Y-%m-%dT%H:%MZ), RUNS=$RUNS, $(nproc) cores, $(wc -l <"$corpus/feeds.list") feeds -->"
  "$PY" bench/poll_table.py "$results/poll.jsonl" "${splits[@]}" \
    --title "Poll cycle: 200 feeds, 10,000 items, nginx on loopback (median of $RUNS)"
  if [ -n "${lemmatizer_bench:-}" ]; then
    printf '\n### What loading the hunspell dictionaries costs each omvarld process\n\n'
    "$lemmatizer_bench"
  fi
} | tee "$results/poll.md"
say "table in $results/poll.md, raw figures in $results/poll.jsonl, logs in $logs/"
