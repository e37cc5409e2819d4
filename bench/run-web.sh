#!/usr/bin/env bash
# The web archive at scale: `omvarld run` (Release) with [web] on a database of
# ITEMS items (bench/web_bench_db.cpp: 200 sources, 40 nämnder, two years),
# polling the generated corpus (200 feeds × 50 items) from file:// URLs.
# Prints the median and p95 time of each page (N requests one after another
# on a kept-alive connection, after one warm-up), then requests per second on
# / and on a nämnd's page with CLIENTS concurrent clients for SECONDS, once
# idle and once while a cold poll of 200 new sources (10,000 new items) runs.
# One markdown table, also written to build/bench-results/web.md.
#
#   bench/run-web.sh [ITEMS]        default 1000000
#
# The filled database is cached as build/bench-web/items-ITEMS.db (about
# 1.8 GB for a million items; made once, in a few minutes) and copied for
# each run, so every run starts from the same state.
#
# Knobs (environment): N (20 requests per page), DURATION (10 s), CLIENTS (4),
# BUILD_DIR (build/release), OMVARLD (a binary to measure instead).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

items=${1:-1000000}
N=${N:-20}
SECONDS_EACH=${DURATION:-10}  # not SECONDS: bash counts its own time in it
CLIENTS=${CLIENTS:-4}
BUILD_DIR=${BUILD_DIR:-build/release}
PY=/usr/bin/python3
work=$root/build/bench-web
run=$work/run
corpus=$root/build/bench/corpus
results=$root/build/bench-results

say() { echo "run-web: $*" >&2; }
die() { say "$*"; exit 2; }

mkdir -p "$work" "$results"
if [ ! -s "$corpus/manifest.json" ]; then
  say "generating the corpus in $corpus"
  "$PY" bench/corpus/gen_corpus.py --out "$corpus" >/dev/null
fi
say "building omvarld (Release) in $BUILD_DIR"
cmake -S . -B "$BUILD_DIR" -G Ninja -DOMVARLD_TESTS=OFF -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD_DIR" -j2 --target omvarld omvarld_web_bench_db >/dev/null || die "the build failed"
omvarld=$(readlink -f "${OMVARLD:-$BUILD_DIR/cli/omvarld}")

db=$work/items-$items.db
words=$work/items-$items.words
if [ ! -s "$db" ] || [ ! -s "$words" ]; then
  say "filling $db with $items items (once; later runs reuse it)"
  started=$(date +%s)
  "$BUILD_DIR/bench/omvarld_web_bench_db" "$corpus" "$items" "$db.new" >"$words.new" || die "filling the database failed"
  mv "$db.new" "$db" && mv "$words.new" "$words"
  say "filled in $(($(date +%s) - started)) s"
fi
common=$(awk '$1 == "common" {print $2}' "$words")
rare=$(awk '$1 == "rare" {print $2}' "$words")

rm -rf "$run" && mkdir -p "$run/outbox"
cp --reflink=auto "$db" "$run/omvarld.db"
port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port

# The configuration: the corpus's feeds as sources under PREFIXes, and the 40
# nämnder of the database with a few words of the corpus as terms.
write_config() {  # PREFIX...
  {
    cat <<EOF
[daemon]
database = "$run/omvarld.db"
timezone = "Europe/Stockholm"
allow_file_urls = true
retention = "3650d"
default_interval = "24h"

[mail]
transport = "directory"
directory = "$run/outbox"
from = "Omvärldsbevakning <omvarld@alfa.se>"

[web]
listen = "127.0.0.1:$port"
base_url = "$base"
EOF
    for prefix in "$@"; do
      while read -r feed; do
        name=${feed##*/}
        printf '\n[[source]]\nid = "%s-%s"\nurl = "file://%s/%s"\n' "$prefix" "${name%.xml}" "$corpus" "$feed"
      done <"$corpus/feeds.list"
    done
    for i in $(seq 0 39); do
      kommun=alfa; [ "$i" -lt 20 ] || kommun=beta
      printf '\n[[namnd]]\nid = "%s/namnd-%02d"\nname = "Nämnd %02d"\nrecipients = ["namnd-%02d@%s.se"]\n' \
        "$kommun" "$i" "$i" "$i" "$kommun"
      printf 'any = ["%s", "climate", "education", "energy*", "\\"social economy\\""]\n' "$common"
    done
  } >"$run/omvarld.toml"
}
write_config a
"$omvarld" --config "$run/omvarld.toml" check-config >/dev/null 2>"$run/check-config.log" ||
  die "the configuration does not load: $(head -3 "$run/check-config.log")"

daemon=""
clean_up() {
  [ -n "$daemon" ] || return 0
  kill -TERM "$daemon" 2>/dev/null || return 0
  wait "$daemon" 2>/dev/null || true
}
trap clean_up EXIT
trap 'exit 130' INT TERM
"$omvarld" --config "$run/omvarld.toml" run 2>"$run/run.log" >/dev/null &
daemon=$!

cpu_ticks() { awk '{print $14 + $15}' "/proc/$daemon/stat"; }
# Idle: the daemon used no CPU for 3 s (its first poll and first digests done).
wait_idle() {  # prints the seconds it took
  local started last now quiet=0
  started=$(date +%s.%N) last=$(cpu_ticks)
  local polls=0
  while [ "$quiet" -lt 6 ] && [ "$polls" -lt 1200 ]; do  # at most 10 minutes
    sleep 0.5
    polls=$((polls + 1))
    kill -0 "$daemon" 2>/dev/null || die "omvarld run stopped: $(tail -5 "$run/run.log")"
    now=$(cpu_ticks)
    if [ "$now" = "$last" ]; then quiet=$((quiet + 1)); else quiet=0; fi
    last=$now
  done
  "$PY" -c "import sys; print(round(float(sys.argv[1]) - float(sys.argv[2]) - 3, 1))" "$(date +%s.%N)" "$started"
}
for _ in $(seq 100); do
  curl -sf -o /dev/null "$base/" && break
  kill -0 "$daemon" 2>/dev/null || die "omvarld run stopped: $(tail -5 "$run/run.log")"
  sleep 0.3
done
say "waiting for the first poll and digests to end"
first_poll=$(wait_idle)
say "idle after ${first_poll} s"

namnd=alfa%2Fnamnd-07
today=$(date +%F)
month_ago=$(date -d '-30 days' +%F)
year_ago=$(date -d '-365 days' +%F)
pages=(
  "/"
  "/namnd/$namnd"
  "/namnd/$namnd?fran=$year_ago&till=$today&sida=5"
  "/sok?q=$common"
  "/sok?q=$rare"
  "/sok?q=$common&namnd=$namnd"
  "/sok?q=$rare&namnd=$namnd"
  "/sok?q=$common&fran=$month_ago&till=$today"
  "/samordnare"
  "/samordnare/prova?filter=$rare"
  "/deadlines"
  "/namnd/$namnd/deadlines.ics"
  "/namnd/$namnd/nyheter.atom"
)
say "timing ${#pages[@]} pages, $N requests each"
"$PY" bench/web_load.py pages "$base" "$N" "${pages[@]}" >"$run/pages.jsonl"

rps() {  # PATH
  "$PY" bench/web_load.py rps "$base" "$SECONDS_EACH" "$CLIENTS" "$1"
}
say "requests per second, idle"
rps / >"$run/rps.jsonl"
rps "/namnd/$namnd" >>"$run/rps.jsonl"
# A poll on demand: a reload that adds 200 sources (the same feeds under new
# ids) makes them due at once, a cold poll of 10,000 new items.
busy() {  # PREFIX... — reload with these sources, measure PATH during the poll
  local path=$1; shift
  write_config "$@"
  local before
  before=$(cpu_ticks)
  kill -HUP "$daemon"
  rps "$path" >>"$run/rps-busy.jsonl"
  local during=$(($(cpu_ticks) - before))
  local rest
  rest=$(wait_idle)
  echo "{\"path\": \"$path\", \"daemon_cpu_s\": $(awk -v t="$during" -v hz="$(getconf CLK_TCK)" 'BEGIN {print t / hz}'), \"busy_after_window_s\": $rest}" >>"$run/busy.jsonl"
}
say "requests per second while a poll of 10,000 new items runs"
: >"$run/rps-busy.jsonl"
: >"$run/busy.jsonl"
busy / a b
busy "/namnd/$namnd" a b c

{
  echo "<!-- bench/run-web.sh, $(date -u +%Y-%m-%dT%H:%MZ), $items items, N=$N, $CLIENTS clients × ${SECONDS_EACH} s, $(nproc) cores -->"
  "$PY" - "$run" "$items" "$first_poll" "$common" "$rare" <<'EOF'
import json, sys, urllib.parse
run, items, first_poll, common, rare = sys.argv[1:]
def lines(name):
    with open(f"{run}/{name}") as f:
        return [json.loads(line) for line in f if line.strip()]
print(f"### Page times at {int(items):,} items (ms, one client)\n")
print("| page | status | KiB | median | p95 |")
print("|---|---:|---:|---:|---:|")
for p in lines("pages.jsonl"):
    path = urllib.parse.unquote(p["path"]).replace(common, f"{common} (common)").replace(rare, f"{rare} (rare)")
    print(f"| `{path}` | {p['status']} | {p['bytes'] / 1024:.1f} | {p['median_ms']:.1f} | {p['p95_ms']:.1f} |")
idle = {r["path"]: r for r in lines("rps.jsonl")}
busy = {r["path"]: r for r in lines("rps-busy.jsonl")}
cpu = {r["path"]: r for r in lines("busy.jsonl")}
print(f"\n### Requests per second ({idle['/']['clients']} clients, about {round(idle['/']['seconds'])} s each)\n")
print("| page | idle | during a poll | errors | daemon CPU in the window | poll went on after it |")
print("|---|---:|---:|---:|---:|---:|")
for path in idle:
    b = busy[path]
    c = cpu[path]
    print(f"| `{urllib.parse.unquote(path)}` | {idle[path]['rps']:.0f} | {b['rps']:.0f} | "
          f"{idle[path]['failed'] + b['failed']} | {c['daemon_cpu_s']:.1f} s | {c['busy_after_window_s']} s |")
print(f"\nThe first poll (200 feeds, 10,000 new items) and the first digests took {first_poll} s after the start.")
EOF
} | tee "$results/web.md"
say "table in $results/web.md; the daemon's log in $run/run.log"
