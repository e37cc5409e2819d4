#!/usr/bin/env python3
"""Writes the hostile inputs too big to keep in the repository, and the
file:// targets that cannot be kept in it (a FIFO, links to devices), into
OUTDIR. README.md says what each provokes. Deterministic; stdlib only.

    tests/testdata/hostile/generate.py /tmp/hostile
"""

import os
import sys

HEAD = ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"{decl}>\n<channel>\n'
        '<title>Fientlig</title>\n<link>https://example.se/</link>\n')
TAIL = '</channel>\n</rss>\n'


def item(n, inside='<description>Text.</description>'):
    return (f'<item><title>Nyhet {n}</title><link>https://example.se/{n}</link>'
            f'<guid>https://example.se/{n}</guid>{inside}</item>\n')


def rss(items, decl=''):
    return HEAD.format(decl=decl) + items + TAIL


def nested(open_tag, close_tag, depth, text='djupt'):
    return open_tag * depth + text + close_tag * depth


def documents():
    deep = 20_000  # the old recursive reader overflowed an 8 MiB stack from about 16,000
    yield 'deep-description.xml', rss(
        item(1) + item(2, '<description>' + nested('<b>', '</b>', deep) + '</description>') + item(3))
    yield 'deep-atom-xhtml.xml', (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        '<title>Fientlig</title><id>urn:fientlig</id>\n'
        '<entry><id>urn:1</id><title>Nyhet 1</title><link href="https://example.se/1"/></entry>\n'
        '<entry><id>urn:2</id><title>Nyhet 2</title><link href="https://example.se/2"/><content type="xhtml">'
        '<div xmlns="http://www.w3.org/1999/xhtml">' + nested('<div>', '</div>', deep) + '</div></content></entry>\n'
        '<entry><id>urn:3</id><title>Nyhet 3</title><link href="https://example.se/3"/></entry>\n</feed>\n')
    yield 'deep-unknown-elements.xml', rss(
        item(1) + item(2, nested('<x:u>', '</x:u>', 100_000)) + item(3), ' xmlns:x="urn:x"')
    yield 'deep-channel-element.xml', rss(
        item(1) + '<x:c>' + nested('<x:u>', '</x:u>', 200_000) + '</x:c>\n' + item(2) + item(3), ' xmlns:x="urn:x"')
    yield 'deep-source-links.xml', rss(
        item(1) + item(2, '<source url="https://s.example/">' + nested('<a>', '</a>', deep) + '</source>') + item(3))
    many = 40_000
    declarations = ''.join(f' xmlns:n{i}="urn:n{i}"' for i in range(many))
    yield 'many-namespace-declarations.xml', rss(''.join(item(i, '<a/><b/><c/><d/>') for i in range(many)),
                                                 declarations)
    yield 'many-unknown-elements.xml', rss(
        item(1, ''.join(f'<x:e{i}>v</x:e{i}>' for i in range(many))) + item(2), ' xmlns:x="urn:x"')
    yield 'many-attributes.xml', rss(item(1, '<x' + ''.join(f' a{i}="v"' for i in range(many)) + '>v</x>') + item(2))


def main():
    if len(sys.argv) != 2:
        sys.exit('usage: generate.py OUTDIR')
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, text in documents():
        with open(os.path.join(out, name), 'w', encoding='utf-8') as f:
            f.write(text)
    # file:// targets that are not regular files.
    fifo = os.path.join(out, 'feed.fifo')
    if not os.path.exists(fifo):
        os.mkfifo(fifo)
    os.makedirs(os.path.join(out, 'a-directory.xml'), exist_ok=True)
    for link, target in (('link-to-fifo.xml', fifo), ('link-to-dev-zero.xml', '/dev/zero'),
                         ('link-to-dev-urandom.xml', '/dev/urandom')):
        path = os.path.join(out, link)
        if os.path.lexists(path):
            os.remove(path)
        os.symlink(target, path)


if __name__ == '__main__':
    main()
