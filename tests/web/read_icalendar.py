#!/usr/bin/python3
"""Reads an .ics file with python3-icalendar (as a calendar client would) and
prints what it found as JSON: the calendar's properties and, per VEVENT, its
UID, dates, sequence, summary, URL and description. Exits 1 when the file
does not parse. Used by tests/web/calendar_routes_test.cpp."""

import json
import sys

import icalendar


def main(path):
    with open(path, "rb") as f:
        calendar = icalendar.Calendar.from_ical(f.read())
    events = []
    for event in calendar.walk("VEVENT"):
        events.append({
            "uid": str(event["UID"]),
            "dtstart": event.decoded("DTSTART").isoformat(),
            "dtend": event.decoded("DTEND").isoformat(),
            "all_day": event["DTSTART"].params.get("VALUE") == "DATE",
            "sequence": int(event.get("SEQUENCE", -1)),
            "last_modified": event.decoded("LAST-MODIFIED").isoformat(),
            "summary": str(event["SUMMARY"]),
            "url": str(event.get("URL", "")),
            "description": str(event.get("DESCRIPTION", "")),
        })
    print(json.dumps({
        "version": str(calendar["VERSION"]),
        "method": str(calendar["METHOD"]),
        "name": str(calendar["X-WR-CALNAME"]),
        "timezone": str(calendar["X-WR-TIMEZONE"]),
        "events": events,
    }, ensure_ascii=False))


if __name__ == "__main__":
    try:
        main(sys.argv[1])
    except Exception as error:  # noqa: BLE001 - any failure is the test's answer
        print(f"read_icalendar: {error!r}", file=sys.stderr)
        sys.exit(1)
