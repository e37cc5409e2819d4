#!/usr/bin/env python3
"""Markdown table of a poll benchmark run (stdlib only).

Reads the JSON lines bench/peers/cycle.py appended to POLL_JSONL
(one per peer and phase: cold, warm = the second poll, warm2 = the third) and
prints one table, then how omvarld (each of its configurations: "omvarld,
40 nämnder") stands against the targets of issue #23: a cold cycle at least
5x faster than the fastest peer, an unchanged cycle at least 20x faster
with every request conditional and answered 304 from the second poll on,
peak memory below 20 MB, and the cold cycle with the most nämnder within 2x
of the one with the fewest.

With --split NAME=LOG (the log of NAME's runs, cold, unchanged, unchanged
in turn), it also prints where omvarld's time went in each phase, median
over the runs, from the line each poll ends with ("poll: took 1.86 s:
fetching …, reading documents …, compiling the filters …, classifying …,
storing … s", in English or Swedish; app/poll_cycle.cpp).

  poll_table.py POLL_JSONL [--split NAME=LOG]... [--title TEXT]
"""
import argparse
import json
import re
import statistics

COLD_TARGET = 5.0
UNCHANGED_TARGET = 20.0
FLAT_TARGET = 2.0
RSS_TARGET_BYTES = 20_000_000
PHASES = {"cold": "cold (1st poll)", "warm": "unchanged (2nd poll)", "warm2": "unchanged (3rd poll)"}
STAGES = ["total", "fetching", "reading documents", "compiling the filters", "classifying", "storing"]
# Six figures in STAGES order, whatever the language of the words between them.
TIMES_RE = re.compile(r"poll: \D*?" + r"\D*?".join([r"(\d+\.\d+) s"] * len(STAGES)))


def is_own(peer):
    return peer == "omvarld" or peer.startswith("omvarld,")


def load(path):
    recs = {}
    with open(path) as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                peer, phase = rec["name"].rsplit("/", 1)
                recs.setdefault(peer, {})[phase] = rec
    return recs


def seconds(s):
    return "%.0f ms" % (s * 1e3) if s < 1 else "%.2f s" % s


def wall(rec):
    return "%s (%s–%s)" % (seconds(rec["median_s"]), seconds(rec["min_s"]), seconds(rec["max_s"]))


def mib(kb):
    return "%.1f MiB" % (kb / 1024)


def row(peer, phase, r):
    st = r["status"]
    others = sum(v for k, v in st.items() if k not in ("200", "304"))
    codes = "%d/%d" % (st.get("200", 0), st.get("304", 0)) + (" +%d other" % others if others else "")
    return "| %s | %s | %s | %.2f s | %s | %d | %s | %d/%d | %d | %s | %s | %s | %s | %.1f s |" % (
        peer, PHASES.get(phase, phase), wall(r), r["cpu_median_s"], mib(r["rss_kb_max"]), r["requests"], codes,
        r["inm"], r["ims"], r["gzip"], "{:,}".format(r["body_bytes"]), r.get("conns", "–"), r.get("stored"),
        ",".join(str(c) for c in r["rcs"]), r["other_cpu_max_s"])


def verdicts(recs):
    peers = {p: v for p, v in recs.items() if not is_own(p)}
    owns = {p: v for p, v in recs.items() if is_own(p)}
    if not owns:
        return ["omvarld was not measured in this run (PEERS)."]
    lines = []
    for name, own in owns.items():
        lines.append("- **%s**:" % name)
        lines += ["  " + line for line in own_verdicts(own, peers)]
    colds = [(int(re.sub(r"\D", "", p) or 0), v["cold"]["median_s"], p) for p, v in owns.items() if "cold" in v]
    if len(colds) > 1:
        fewest, most = min(colds), max(colds)
        ratio = most[1] / fewest[1]
        lines.append("- cold cycle with %s against %s: **%.2f×** as long (target within %.0f×: %s)" % (
            most[2], fewest[2], ratio, FLAT_TARGET, "met" if ratio <= FLAT_TARGET else "not met"))
    return lines


def own_verdicts(own, peers):
    lines = []
    cold = own.get("cold")
    if cold and peers:
        best, name = min((v["cold"]["median_s"], p) for p, v in peers.items() if "cold" in v)
        ratio = best / cold["median_s"]
        cpu = min(v["cold"]["cpu_median_s"] for v in peers.values() if "cold" in v) / cold["cpu_median_s"]
        lines.append("- cold cycle: omvarld %s, fastest peer %s (%s): **%.2f×** (target ≥ %.0f×: %s; "
                     "by CPU time %.2f×)" % (seconds(cold["median_s"]), seconds(best), name, ratio, COLD_TARGET,
                                            "met" if ratio >= COLD_TARGET else "not met", cpu))
    unchanged = [own[p] for p in ("warm", "warm2") if p in own]
    if unchanged and peers:
        # A peer's unchanged cycle is its better of the 2nd and 3rd poll (newsboat
        # becomes conditional only at the 3rd); omvarld's is its worse.
        best, name = min((min(v[p]["median_s"] for p in ("warm", "warm2") if p in v), peer)
                         for peer, v in peers.items() if "warm" in v)
        slowest = max(r["median_s"] for r in unchanged)
        ratio = best / slowest
        best_cpu = min(min(v[p]["cpu_median_s"] for p in ("warm", "warm2") if p in v)
                       for v in peers.values() if "warm" in v)
        cpu = best_cpu / max(r["cpu_median_s"] for r in unchanged)
        lines.append("- unchanged cycle: omvarld %s, fastest peer %s (%s): **%.2f×** (target ≥ %.0f×: %s; "
                     "by CPU time %.2f×)" % (seconds(slowest), seconds(best), name, ratio, UNCHANGED_TARGET,
                                            "met" if ratio >= UNCHANGED_TARGET else "not met", cpu))
    if unchanged:
        conditional = all(r["requests"] > 0 and r["status"].get("304", 0) == r["requests"]
                          and max(r["inm"], r["ims"]) == r["requests"] for r in unchanged)
        sent = ", ".join("%s: %d of %d conditional, %d answered 304" % (
            PHASES[p], max(own[p]["inm"], own[p]["ims"]), own[p]["requests"], own[p]["status"].get("304", 0))
            for p in ("warm", "warm2") if p in own)
        lines.append("- conditional from the 2nd poll on: %s (%s)" % ("yes" if conditional else "**no**", sent))
    peak = max(r["rss_kb_max"] for r in own.values())
    lines.append("- peak memory: omvarld %s = %.1f MB (target < 20 MB: %s)" % (
        mib(peak), peak * 1024 / 1e6, "met" if peak * 1024 < RSS_TARGET_BYTES else "not met"))
    return lines


def split_lines(name, log):
    """NAME's median time per stage and phase, as table rows; none when the log has no figures."""
    with open(log, encoding="utf-8", errors="replace") as f:
        polls = [[float(x) for x in m.groups()] for m in map(TIMES_RE.search, f) if m]
    if len(polls) % len(PHASES):  # a poll that ended early logs no figures: the phases would shift
        return ["| %s | %d lines of figures for %d phases a run: not split |  |  |  |  |  |  |" % (
            name, len(polls), len(PHASES))]
    rows = []
    for offset, phase in enumerate(PHASES):
        runs = polls[offset::len(PHASES)]
        if runs:
            medians = [statistics.median(run[i] for run in runs) for i in range(len(STAGES))]
            rows.append("| %s | %s | %s |" % (name, PHASES[phase], " | ".join(seconds(m) for m in medians)))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("jsonl")
    ap.add_argument("--split", action="append", default=[], metavar="NAME=LOG")
    ap.add_argument("--title", default="Poll cycle over loopback HTTP")
    a = ap.parse_args()
    recs = load(a.jsonl)
    print("### %s\n" % a.title)
    print("| peer | phase | median wall (min–max) | CPU | peak RSS | requests | 200/304 | INM/IMS sent "
          "| gzip asked | body bytes | TCP conns | items stored | exit | max other CPU |")
    print("|---|---|---|---:|---:|---:|---|---|---:|---:|---:|---:|---|---:|")
    for peer, phases in recs.items():
        for phase in PHASES:
            if phase in phases:
                print(row(peer, phase, phases[phase]))
    print()
    print("\n".join(verdicts(recs)))
    rows = [row for split in a.split for row in split_lines(*split.split("=", 1))]
    if rows:
        print("\n### Where omvarld's time went (its own clock, median of the runs)\n")
        print("| configuration | phase | %s |" % " | ".join(STAGES))
        print("|---|---|%s" % ("---:|" * len(STAGES)))
        print("\n".join(rows))
    others = max(r["other_cpu_max_s"] for phases in recs.values() for r in phases.values())
    if others > 1.0:
        print("\nOther processes used up to %.1f s of CPU during a phase: the machine was shared, so wall "
              "times are inflated; CPU times are the steadier comparison." % others)


if __name__ == "__main__":
    main()
