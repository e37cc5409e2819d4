#!/usr/bin/env python3
"""Runs the feedparser conformance corpus over `omvarld parse` and holds the floor.

The ctest `conformance_feedparser` calls this script. It runs
feedparser/check.py (the corpus's reference runner, copied unchanged from the
shared corpus) over every case, prints its per-category and per-tag tables,
then counts the passing cases per group from the per-case report and compares
each count with tests/conformance/floor.txt:

    all        every translated case (2,104)
    core       cases without the sanitizer, sanitizer-dependent and
               markup-uri-resolution tags (1,288)
    sanitizer  cases tagged sanitizer (wellformed/sanitize, 745)

It exits 1 when any group passes fewer cases than its floor, so a regression
in one group is caught even when another group improved; it exits 0 otherwise
and says which floors can be raised. Standard library only.

    run_conformance.py --omvarld build/cli/omvarld --report build/conformance.json
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "feedparser")
PYTHON_SPECIFIC = {"sanitizer", "sanitizer-dependent", "markup-uri-resolution"}

# group name -> which cases belong to it, by their tags
GROUPS = {
    "all": lambda tags: True,
    "core": lambda tags: not PYTHON_SPECIFIC.intersection(tags),
    "sanitizer": lambda tags: "sanitizer" in tags,
}


def read_floor(path: str) -> dict[str, int]:
    """Reads `group count` lines; '#' starts a comment."""
    floors: dict[str, int] = {}
    with open(path, encoding="utf-8") as fp:
        for number, line in enumerate(fp, 1):
            words = line.split("#", 1)[0].split()
            if not words:
                continue
            if len(words) != 2 or words[0] not in GROUPS or not words[1].isdigit():
                raise SystemExit(f"{path}:{number}: expected '<group> <count>' with group one of "
                                 f"{', '.join(GROUPS)}, got {line.strip()!r}")
            floors[words[0]] = int(words[1])
    missing = [g for g in GROUPS if g not in floors]
    if missing:
        raise SystemExit(f"{path}: no floor for {', '.join(missing)}")
    return floors


def count_groups(expectations: dict, report: dict) -> dict[str, tuple[int, int]]:
    """group -> (passed, total) over the cases the report holds."""
    tags_of = {c["case"]: set(c.get("tags", [])) for c in expectations["cases"]}
    counts = {group: [0, 0] for group in GROUPS}
    for case, result in report["cases"].items():
        for group, member in GROUPS.items():
            if member(tags_of.get(case, set())):
                counts[group][1] += 1
                counts[group][0] += bool(result["passed"])
    return {group: (passed, total) for group, (passed, total) in counts.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--omvarld", required=True, help="the omvarld binary to run as 'omvarld parse'")
    parser.add_argument("--report", required=True, help="where check.py writes its per-case JSON report")
    parser.add_argument("--floor", default=os.path.join(HERE, "floor.txt"))
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per case")
    parser.add_argument("--failures", action="store_true", help="also list every failing case")
    args = parser.parse_args()

    floors = read_floor(args.floor)
    command = [
        sys.executable, os.path.join(CORPUS, "check.py"),
        "--cmd", f"{args.omvarld} parse",
        "--url-flag=--base-url", "--content-type-flag=--content-type",
        "-j", str(args.jobs), "--timeout", str(args.timeout), "--report", args.report,
    ]
    if args.failures:
        command.append("--failures")
    if os.path.exists(args.report):
        os.remove(args.report)  # never judge by an earlier run's report
    # check.py exits 1 whenever any case fails, which is the normal state of the
    # corpus; the floor decides. Only a missing report means it could not run.
    subprocess.run(command, check=False)
    if not os.path.exists(args.report):
        print(f"run_conformance: check.py wrote no report at {args.report}", file=sys.stderr)
        return 2
    with open(args.report, encoding="utf-8") as fp:
        report = json.load(fp)
    with open(os.path.join(CORPUS, "expectations.json"), encoding="utf-8") as fp:
        expectations = json.load(fp)

    counts = count_groups(expectations, report)
    below, above = [], []
    print()
    print(f"{'group':<10}  {'passed':>6}  {'floor':>6}  {'total':>6}")
    for group, (passed, total) in counts.items():
        floor = floors[group]
        mark = ""
        if passed < floor:
            below.append(f"{group}: {passed} passed, floor {floor}")
            mark = "  BELOW FLOOR"
        elif passed > floor:
            above.append(f"{group} {passed}")
            mark = "  above floor"
        print(f"{group:<10}  {passed:6}  {floor:6}  {total:6}{mark}")
    print()
    if below:
        print("conformance regressed: " + "; ".join(below))
        print(f"see the failing cases in {args.report} (or run with --failures)")
        return 1
    if above:
        print(f"conformance improved: raise {args.floor} to " + ", ".join(above))
    return 0


if __name__ == "__main__":
    sys.exit(main())
