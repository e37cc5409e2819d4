#!/usr/bin/env python3
"""Writes the hostile inputs for sources/ and the query languages that are
too big to keep in git, and a configuration that polls all of them (and
the small ones kept beside this script) through the binary.

    tests/testdata/hostile/generate_sources.py OUTDIR
    omvarld --config OUTDIR/sources-poll.toml poll --once   # exit 3: some sources fail
    omvarld --config OUTDIR/sources-poll.toml status        # each failing source, with its reason
    omvarld --config OUTDIR/config-query-100000-parentheses.toml check-config

Python 3, standard library only. README.md ("sources, queries") says what
each input provoked before and what it gives now.
"""
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TESTDATA = os.path.dirname(HERE)


def write(path, text):
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)


def page(body):
    return ("<!DOCTYPE html><html><head><title>Nyheter</title>"
            '<link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body>\n'
            + body + "</body></html>\n")


def item(title, href):
    return ('<li class="nyhet"><h2><a href="%s">%s</a></h2><p class="nyhet__datum">1 maj 2027</p></li>'
            % (href, title))


def newsletter(message_id, html):
    return ("From: East Sweden EU-kontor <info@eastsweden.example.se>\r\nTo: omvarld@linkoping.se\r\n"
            "Subject: Veckobrev\r\nMessage-ID: <%s@eastsweden.example.se>\r\n"
            "Date: Fri, 27 Nov 2026 08:30:00 +0100\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/html; charset=utf-8\r\n\r\n%s\r\n" % (message_id, html))


def namnd(key, value):
    return ('[[namnd]]\nid = "linkoping/utbildning"\nname = "Utbildningsnämnden"\n'
            'recipients = ["utbildning@linkoping.se"]\nany = ["förskola"]\n%s = %s\n' % (key, value))


def main(out):
    os.makedirs(os.path.join(out, "newsletters"), exist_ok=True)
    # Pages: 100,000 unclosed elements of the kinds the issue names, for
    # html profiles and `source discover` (which must stay linear).
    for tag in ("div", "a", "p", "li", "table"):
        write(os.path.join(out, "page-100000-unclosed-%s.html" % tag),
              page('<ul class="nyhetslista">' + item("Före", "/nyheter/1") + "</ul>\n"
                   + ("<%s>" % tag) * 100000 + '\n<ul class="nyhetslista">' + item("Efter", "/nyheter/2")
                   + '</ul><a href="/feed/">RSS</a>'))
    # 120 nested anchors, each holding the 4.8 MB of text after it.
    write(os.path.join(out, "page-nested-anchors-5mb.html"),
          page('<a href="/x"><div>' * 120 + "lorem ipsum " * 400000 + '<a href="/atom">Atom</a>'))
    # 200 unclosed items over 1 MB of text.
    write(os.path.join(out, "page-200-nested-items-1mb.html"),
          page("".join('<li class="nyhet"><h2><a href="/n/%d">Nyhet %d</a></h2><ul>' % (i, i) for i in range(200))
               + "lorem ipsum " * 100000))
    # API answers.
    write(os.path.join(out, "api-1000000-nested-arrays.json"), "[" * 1000000 + "]" * 1000000 + "\n")
    write(os.path.join(out, "api-100000-nested-objects.json"), '[' + '{"a":' * 100000 + '1' + '}' * 100000 + ']\n')
    # Newsletters: the kept ones and one with 100,000 unclosed <div>s.
    for name in sorted(os.listdir(HERE)):
        if name.endswith(".eml"):
            shutil.copy(os.path.join(HERE, name), os.path.join(out, "newsletters", name))
    write(os.path.join(out, "newsletters", "newsletter-html-100000-unclosed-div.eml"),
          newsletter("hostile-100000-div", "<p>Hej</p>" + "<div>" * 100000
                     + '<h2><a href="https://eastsweden.example.se/n/1">Efter djupet</a></h2>'))
    # 80,000 sections: each <h1> asked every story whether one was deeper.
    write(os.path.join(out, "newsletters", "newsletter-80000-sections.eml"),
          newsletter("hostile-80000-sections", "<h1>Rubrik</h1><p>Text.</p>" * 80000))
    # Configurations check-config died on (exit 139) or must refuse.
    write(os.path.join(out, "config-query-100000-parentheses.toml"), namnd("query", "'" + "(" * 100000 + "skola'"))
    write(os.path.join(out, "config-query-100000-nots.toml"), namnd("query", "'" + "NOT " * 100000 + "skola'"))
    # A phrase of 20,000 words and an item of 20,000 (a 100 KB feed): the
    # phrase was looked for from each word of the item to its end.
    words = " ".join(["ord"] * 20000)
    write(os.path.join(out, "feed-item-of-20000-words.xml"),
          '<?xml version="1.0"?><rss version="2.0"><channel><title>Ord</title><link>https://x.example.se/</link>'
          "<description>d</description><item><title>Ord</title><link>https://x.example.se/1</link>"
          "<description>" + words + "</description></item></channel></rss>\n")
    write(os.path.join(out, "config-any-phrase-of-20000-words.toml"),
          '[daemon]\ndatabase = "phrase.db"\nallow_file_urls = true\n\n[[namnd]]\nid = "linkoping/utbildning"\n'
          'name = "Utbildningsnämnden"\nrecipients = ["utbildning@linkoping.se"]\n'
          "any = ['\"" + words + " slut\"']\n\n"
          '[[source]]\nid = "ord"\nurl = "feed-item-of-20000-words.xml"\n')
    write(os.path.join(out, "search-100000-prefix-terms.txt"), "e* " * 100000 + "\n")

    # One poll over all of them, beside a good feed whose items must be stored.
    def url(path):
        return "file://" + os.path.abspath(path)
    sources = [("bra-flode", "feed", url(os.path.join(TESTDATA, "feeds", "rss20-basic.xml")), "")]
    html_profile = ('[source.html]\nitems = "//li[@class=\'nyhet\']"\ntitle = ".//h2"\nlink = ".//h2/a/@href"\n'
                    'date = ".//p[@class=\'nyhet__datum\']"\ndate_format = "%d %B %Y"\n')
    json_profile = ('[source.json]\nitems = ""\nid = "Diarienummer"\ntitle = "Titel"\nlink = "Utlysningssida"\n'
                    'link_template = "https://www.vinnova.example.se/sok/?q={id}"\ndate = "Publiceringsdatum"\n'
                    'deadline = "Stangningsdatum"\n')
    pages = [os.path.join(HERE, n) for n in sorted(os.listdir(HERE)) if n.endswith(".html")]
    pages += [os.path.join(out, n) for n in sorted(os.listdir(out)) if n.endswith(".html")]
    answers = [os.path.join(HERE, n) for n in sorted(os.listdir(HERE)) if n.endswith(".json")]
    answers += [os.path.join(out, n) for n in sorted(os.listdir(out)) if n.endswith(".json")]
    for path in pages:
        sources.append((os.path.splitext(os.path.basename(path))[0], "html", url(path), html_profile))
    for path in answers:
        sources.append((os.path.splitext(os.path.basename(path))[0], "json", url(path), json_profile))
    sources.append(("nyhetsbrev", "imap", url(os.path.join(out, "newsletters")) + "/", '[source.imap]\nsplit = "headings"\n'))
    config = ('[daemon]\ndatabase = "sources-poll.db"\nallow_file_urls = true\nfirst_digest_reach = "3650d"\n\n'
              '[mail]\ntransport = "directory"\ndirectory = "outbox"\nfrom = "Omvärld <omvarld@linkoping.se>"\n'
              'coordinators = ["samordnare@linkoping.se"]\n\n'
              '[[namnd]]\nid = "linkoping/utbildning"\nname = "Utbildningsnämnden"\n'
              'recipients = ["utbildning@linkoping.se"]\n'
              'any = ["erasmus*", "utlysning*", "simhall", "nyhet*", "länk*", "efter", "före", "kontakta"]\n')
    for source_id, kind, source_url, profile in sources:
        config += '\n[[source]]\nid = "%s"\nurl = "%s"\nkind = "%s"\n%s' % (source_id, source_url, kind, profile)
    write(os.path.join(out, "sources-poll.toml"), config)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: generate_sources.py OUTDIR")
    main(sys.argv[1])
