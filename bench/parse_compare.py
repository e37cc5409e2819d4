#!/usr/bin/env python3
"""Parse throughput of omvarld next to pugixml, sfeed and feedparser (stdlib only).

Runs each tool on one feed document (bench/run-parse.sh passes the generated
corpus's 20,000-item big.xml in each format), best of RUNS rounds in which
the tools take turns (see measure()), and writes the JSON lines and a
markdown table with the ratios against sfeed and feedparser and peak memory
as a multiple of the document size, to parse-FORMAT.jsonl and .md.

  parse_compare.py --doc big.xml --items N --omvarld-bench BIN --pugixml BIN
                   --fp-script fp_parse.py --out-dir build/bench-results --format rss2|atom|rdf
                   [--runs 5] [--fp-runs 1]

How each is timed (what the figure includes):
  omvarld     in process: parse_items (parse + normalize, the poll path) on bytes in memory (bench/parse_bench.cpp)
  pugixml     in process: load_buffer_inplace + a walk counting items (reference, not a peer)
  sfeed       the process: `sfeed < DOC > /dev/null`, wall (it streams; reading is its parsing)
  feedparser  in process: feedparser.parse(bytes), without interpreter start and import
Peak RSS is the process's maximum resident set (wait4), the document included.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time


def run_with_rss(argv, stdin_path=None):
    """Runs argv (stdin from stdin_path, then stdout discarded); returns
    (wall seconds, peak RSS KiB from wait4, stdout, stderr)."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    out_file = open(os.devnull, "wb") if stdin_path else subprocess.PIPE
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=stdin, stdout=out_file, stderr=subprocess.PIPE)
        err = proc.stderr.read()
        out = b"" if stdin_path else proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if stdin_path:
            stdin.close()
            out_file.close()
    if proc.returncode != 0:
        sys.exit(f"parse_compare: {' '.join(argv)} failed ({proc.returncode}): {err.decode(errors='replace')[-400:]}")
    return wall, usage.ru_maxrss, out, err


def last_json_line(text):
    for line in reversed(text.decode().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise SystemExit(f"parse_compare: no JSON line in {text[-400:]!r}")


# Runs per omvarld process and sfeed runs per round.
REPS = 3


def measure(args, size):
    """Best of RUNS rounds. The machine is shared and its speed comes in
    phases of seconds, so the tools take turns: each round runs an omvarld
    bench process (REPS runs in process, the heap as a long-running daemon
    has it), the pugixml reference once and sfeed REPS times. No tool gets
    a faster phase to itself."""
    rows = []
    omvarld, pugi, sfeed = None, None, None
    have_sfeed = shutil.which("sfeed") is not None
    if not have_sfeed:
        print("parse_compare: sfeed is not installed; leaving it out", file=sys.stderr)
    for _ in range(args.runs):
        # omvarld: the bench binary does its own best-of-REPS in one process;
        # it reads its peak RSS after the first parse_items run (the poll
        # path), before the parse_feed-only runs that keep a whole ParsedFeed
        _, rss, out, _ = run_with_rss([args.omvarld_bench, args.doc, str(REPS)])
        rec = last_json_line(out)
        rec["rss"] = rec.get("peak_rss_kib", rss)
        if omvarld is None:
            omvarld = rec
        else:
            omvarld["parse_normalize_s"] = min(omvarld["parse_normalize_s"], rec["parse_normalize_s"])
            omvarld["parse_only_MB_per_s"] = max(omvarld["parse_only_MB_per_s"], rec["parse_only_MB_per_s"])
            omvarld["rss"] = max(omvarld["rss"], rec["rss"])
        # pugixml reference: one single-rep process
        _, rss, out, _ = run_with_rss([args.pugixml, args.doc])
        rec = last_json_line(out)
        pugi = (rec["parse_s"], rss, rec["items"]) if pugi is None else \
            (min(pugi[0], rec["parse_s"]), max(pugi[1], rss), rec["items"])
        # sfeed: the whole process, stdout discarded
        for _ in range(REPS if have_sfeed else 0):
            wall, rss, _, _ = run_with_rss(["sfeed"], stdin_path=args.doc)
            sfeed = (wall, rss) if sfeed is None else (min(sfeed[0], wall), max(sfeed[1], rss))
    rows.append({"tool": "omvarld parse + normalize", "seconds": omvarld["parse_normalize_s"],
                 "items": omvarld["items"], "rss_kib": omvarld["rss"],
                 "how": f"in process, best of {args.runs} rounds × {REPS}",
                 "extra": f"parse_feed (all fields, as `omvarld parse`) {omvarld['parse_only_MB_per_s']:.0f} MB/s"})
    rows.append({"tool": "pugixml load + walk (reference)", "seconds": pugi[0], "items": pugi[2], "rss_kib": pugi[1],
                 "how": f"in process, best of {args.runs} rounds", "extra": "DOM only, no feed semantics"})
    if have_sfeed:
        # items counted once
        with open(args.doc, "rb") as doc:
            lines = subprocess.run(["sfeed"], stdin=doc, stdout=subprocess.PIPE, check=True).stdout.count(b"\n")
        rows.append({"tool": "sfeed", "seconds": sfeed[0], "items": lines, "rss_kib": sfeed[1],
                     "how": f"process wall, best of {args.runs} rounds × {REPS}", "extra": "TSV out to /dev/null"})
    # feedparser: in-process parse time as fp_parse.py reports it
    if args.fp_runs > 0 and os.path.exists(args.fp_script):
        best, peak, items = None, 0, 0
        for _ in range(args.fp_runs):
            _, rss, _, err = run_with_rss([args.python, args.fp_script, args.doc])
            rec = last_json_line(err)
            best = rec["parse_s"] if best is None else min(best, rec["parse_s"])
            peak, items, version = max(peak, rss), rec["items"], rec["tool"]
        rows.append({"tool": version, "seconds": best, "items": items, "rss_kib": peak,
                     "how": f"in process, best of {args.fp_runs}", "extra": "without start-up and import"})
    for row in rows:
        row["bytes"] = size
        row["MB_per_s"] = size / 1e6 / row["seconds"]
        row["items_per_s"] = row["items"] / row["seconds"]
        row["rss_x_doc"] = row["rss_kib"] * 1024 / size
    return rows


FORMAT_NAMES = {"rss2": "RSS 2.0", "atom": "Atom 1.0", "rdf": "RSS 1.0"}


def table(rows, args, size):
    by_tool = {r["tool"].split(" ")[0]: r for r in rows}
    sfeed = by_tool.get("sfeed")
    feedparser = by_tool.get("feedparser")
    lines = [
        f"Parse throughput on `{os.path.basename(args.doc)}` ({FORMAT_NAMES.get(args.format, args.format)}): "
        f"{size / 1e6:.1f} MB, {args.items:,} items "
        f"(bench/corpus/gen_corpus.py --big {args.items} --big-format {args.format}); "
        f"{time.strftime('%Y-%m-%d %H:%M')} on {os.uname().nodename}, "
        f"{os.cpu_count()} cores (shared).",
        "",
        "| tool | MB/s | items/s | vs sfeed | vs feedparser | peak RSS MiB | RSS ÷ document | items seen | how |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        vs_sfeed = f"{r['MB_per_s'] / sfeed['MB_per_s']:.3g}×" if sfeed else "–"
        vs_fp = f"{r['MB_per_s'] / feedparser['MB_per_s']:.3g}×" if feedparser else "–"
        lines.append(f"| {r['tool']} | {r['MB_per_s']:.1f} | {r['items_per_s']:,.0f} | {vs_sfeed} | {vs_fp} | "
                     f"{r['rss_kib'] / 1024:.0f} | {r['rss_x_doc']:.1f}× | {r['items']:,} | {r['how']}; {r['extra']} |")
    omvarld = rows[0]
    lines.append("")
    if sfeed:
        verdict = "beats" if omvarld["MB_per_s"] > sfeed["MB_per_s"] else "does NOT beat"
        lines.append(f"omvarld parse + normalize {verdict} sfeed: {omvarld['MB_per_s']:.0f} vs {sfeed['MB_per_s']:.0f} MB/s; "
                     f"its time is {omvarld['seconds'] / sfeed['seconds']:.2f}× sfeed's.")
    if omvarld["items"] != args.items:
        lines.append(f"WARNING: omvarld saw {omvarld['items']} items, the corpus has {args.items}.")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--doc", required=True)
    parser.add_argument("--items", type=int, required=True, help="items the document holds (its manifest)")
    parser.add_argument("--omvarld-bench", required=True)
    parser.add_argument("--pugixml", required=True)
    parser.add_argument("--fp-script", required=True)
    parser.add_argument("--python", default="/usr/bin/python3", help="the interpreter with python3-feedparser")
    parser.add_argument("--out-dir", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--fp-runs", type=int, default=1)
    parser.add_argument("--format", required=True, choices=sorted(FORMAT_NAMES),
                        help="the document's format, gen_corpus.py's --big-format")
    args = parser.parse_args()

    size = os.path.getsize(args.doc)
    rows = measure(args, size)
    os.makedirs(args.out_dir, exist_ok=True)
    with open(os.path.join(args.out_dir, f"parse-{args.format}.jsonl"), "w") as out:
        for row in rows:
            out.write(json.dumps(row) + "\n")
    text = table(rows, args, size)
    with open(os.path.join(args.out_dir, f"parse-{args.format}.md"), "w") as out:
        out.write(text)
    print(text, end="")


if __name__ == "__main__":
    main()
