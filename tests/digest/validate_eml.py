#!/usr/bin/env python3
"""Checks an .eml the way a mail client reads it (Python's standard library).

Usage: validate_eml.py FILE EXPECTED_SUBJECT
Prints one line per problem and exits 1 if there is any, else exits 0.
"""
import email
import email.policy
import sys


def problems(path, expected_subject):
    with open(path, "rb") as f:
        raw = f.read()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    found = []
    if message.defects:
        found.append(f"defects: {message.defects}")
    if not message.is_multipart():
        found.append("not multipart")
    if message.get_content_type() != "multipart/alternative":
        found.append(f"content type {message.get_content_type()}")
    if str(message["Subject"]) != expected_subject:
        found.append(f"subject {str(message['Subject'])!r} != {expected_subject!r}")
    if message.get_all("Bcc"):
        found.append("has a Bcc header")
    parts = list(message.iter_parts())
    types = [part.get_content_type() for part in parts]
    if types != ["text/plain", "text/html"]:
        found.append(f"parts {types}")
    else:
        text = parts[0].get_content()
        html = parts[1].get_content()
        if "varför:" not in text:
            found.append("text part lacks 'varför:'")
        if "<html lang=\"sv\">" not in html:
            found.append("html part lacks <html lang=\"sv\">")
        for part in parts:
            if part.get_content_charset() != "utf-8":
                found.append(f"charset {part.get_content_charset()}")
            if part.defects:
                found.append(f"part defects: {part.defects}")
    return found


def main():
    found = problems(sys.argv[1], sys.argv[2])
    for problem in found:
        print(problem)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
