#!/usr/bin/env python3
"""Checks a digest as a mail client would read it, with Python's email package.

Usage: check_received_mail.py FILE [--subject S] [--contains TEXT]...
                              [--no-header NAME]... [--html-inert]

Always checked: the raw message has CRLF line ends and no line over 998
octets; Python finds no defects; exactly one From, To, Subject, Date and
Message-ID; the body is multipart/alternative of text/plain then text/html,
both charset utf-8. --subject: the decoded Subject. --contains: the text is
in the decoded text part and in the text the HTML part shows (tags removed,
entities decoded, so "<strong>förskola</strong>n" contains "förskolan"). --no-header: no header of that name. --html-inert:
the HTML part has no script-like element, no on* attribute and no link or
source with a javascript:, vbscript: or data: URL.

Prints one line per problem and exits 1 if there is any, else exits 0.
"""
import argparse
import email
import email.policy
import html.parser
import sys

ACTIVE_ELEMENTS = {"script", "iframe", "object", "embed", "applet", "form", "base"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "background", "xlink:href"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")


class ActiveContentFinder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in ACTIVE_ELEMENTS:
            self.found.append(f"html has a <{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"html <{tag}> has an event attribute {name}")
            # Browsers ignore whitespace and control characters in a scheme.
            squeezed = "".join(c for c in (value or "") if c > " ").lower()
            if name in URL_ATTRIBUTES and squeezed.startswith(BAD_SCHEMES):
                self.found.append(f"html <{tag} {name}> has the URL {value!r}")


class ShownText(html.parser.HTMLParser):
    """The text an HTML document shows: its character data, tags removed."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces = []

    def handle_data(self, data):
        self.pieces.append(data)


def shown_text(markup):
    parser = ShownText()
    parser.feed(markup)
    parser.close()
    return "".join(parser.pieces)


def raw_problems(raw):
    found = []
    lines = raw.split(b"\r\n")
    if any(b"\n" in line or b"\r" in line for line in lines):
        found.append("a line does not end in CRLF")
    longest = max(len(line) for line in lines)
    if longest > 998:
        found.append(f"a line of {longest} octets")
    return found


def problems(path, arguments):
    with open(path, "rb") as f:
        raw = f.read()
    found = raw_problems(raw)
    message = email.message_from_bytes(raw, policy=email.policy.default)
    if message.defects:
        found.append(f"defects: {message.defects}")
    for name in ("From", "To", "Subject", "Date", "Message-ID"):
        count = len(message.get_all(name) or [])
        if count != 1:
            found.append(f"{count} {name} headers")
    for name in arguments.no_header:
        if message.get_all(name):
            found.append(f"has a {name} header: {message.get_all(name)}")
    if arguments.subject is not None and str(message["Subject"]) != arguments.subject:
        found.append(f"subject {str(message['Subject'])!r} != {arguments.subject!r}")
    if message.get_content_type() != "multipart/alternative":
        found.append(f"content type {message.get_content_type()}")
        return found
    parts = list(message.iter_parts())
    types = [part.get_content_type() for part in parts]
    if types != ["text/plain", "text/html"]:
        found.append(f"parts {types}")
        return found
    for part in parts:
        if part.get_content_charset() != "utf-8":
            found.append(f"{part.get_content_type()} charset {part.get_content_charset()}")
        if part.defects:
            found.append(f"{part.get_content_type()} defects: {part.defects}")
    text, markup = (part.get_content() for part in parts)
    shown = shown_text(markup)
    for wanted in arguments.contains:
        if wanted not in text:
            found.append(f"text part lacks {wanted!r}")
        if wanted not in shown:
            found.append(f"html part lacks {wanted!r}")
    if arguments.html_inert:
        finder = ActiveContentFinder()
        finder.feed(markup)
        finder.close()
        found.extend(finder.found)
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--subject")
    parser.add_argument("--contains", action="append", default=[])
    parser.add_argument("--no-header", action="append", default=[])
    parser.add_argument("--html-inert", action="store_true")
    found = problems(parser.parse_args().file, parser.parse_args())
    for problem in found:
        print(problem)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
