// feeds/parser.h
//
// parse_feed turns the bytes of a feed document into a ParsedFeed. It never
// touches the network or the disk: fetching returns bytes, parsing takes
// bytes. Pure and thread-safe.

#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "core/result.h"
#include "feeds/feed.h"

namespace omvarld::feeds {

// What the transport knew about the document.
struct DocumentHints {
  std::string base_url;      // the document's URL: relative links resolve against it
  std::string content_type;  // the HTTP Content-Type header, charset included
  std::string content_location;  // HTTP Content-Location: the base URI when safe
  std::string content_language;  // HTTP Content-Language: the default language
  std::string etag;              // HTTP ETag, echoed in ParsedFeed
  std::string last_modified;     // HTTP Last-Modified, echoed in ParsedFeed

  static DocumentHints at(std::string url, std::string type = {}) {
    DocumentHints hints;
    hints.base_url = std::move(url);
    hints.content_type = std::move(type);
    return hints;
  }
};

// The document's base URI: Content-Location resolved against its URL when
// that is safe (http, https, ftp or file), else the URL.
std::string document_base(const DocumentHints& hints);

// Detects the format (RSS 2.0, Atom 1.0, …, JSON Feed 1.0 and 1.1: a
// document starting with "{") and parses it. A document that
// had to be repaired still comes back, with `bozo` set. Fails with
// kUnparseableFeed, saying what the document is instead, when it holds no
// feed at all (an HTML page, a login page, an empty body).
Result<ParsedFeed> parse_feed(std::string_view body, const DocumentHints& hints);

// parse_feed for normalize alone (parse_items, feeds/feed_items.h): each
// entry goes to `on_entry` when its element ends, and the returned feed has
// no entries; the extension namespaces (itunes, media, georss, psc), which
// fill only `extras`, are not read; and HTML in a summary or content keeps
// its markup unsanitized where the sanitizer would leave its plain text as
// it is (sanitizing_keeps_text, markup/html_sanitize.h). Such markup is not
// for printing: only its text, which normalize takes, is parse_feed's.
Result<ParsedFeed> parse_feed_for_items(std::string_view body, const DocumentHints& hints,
                                        const EntrySink& on_entry);

}  // namespace omvarld::feeds
