#!/usr/bin/python3
"""Reads an Atom file with python3-feedparser (as a feed reader would) and
prints what it found as JSON: bozo (1 when the XML or the feed is not
well-formed), the feed's title, id and self link and, per entry, its id,
title, link, summary and categories. Used by
tests/web/calendar_routes_test.cpp."""

import json
import sys

import feedparser


def main(path):
    with open(path, "rb") as f:
        parsed = feedparser.parse(f.read())
    feed = parsed.feed
    self_links = [link.get("href", "") for link in feed.get("links", []) if link.get("rel") == "self"]
    print(json.dumps({
        "bozo": int(parsed.bozo),
        "bozo_exception": repr(parsed.get("bozo_exception", "")),
        "version": parsed.version,
        "title": feed.get("title", ""),
        "id": feed.get("id", ""),
        "self": self_links[0] if self_links else "",
        "entries": [{
            "id": entry.get("id", ""),
            "title": entry.get("title", ""),
            "link": entry.get("link", ""),
            "summary": entry.get("summary", ""),
            "updated": entry.get("updated", ""),
            "terms": [tag.get("term", "") for tag in entry.get("tags", [])],
        } for entry in parsed.entries],
    }, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
