// feeds/feed.h
//
// A feed document as parsed, before normalization: the fields of RSS and Atom
// kept close to how the document wrote them (text fields may hold HTML; see
// the *_type members). Plain values produced by parse_feed().

#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/item.h"
#include "feeds/feed_value.h"

namespace omvarld::feeds {

// A text construct: Atom's type attribute or RSS's implied one.
struct Text {
  Text() = default;
  Text(std::string text, std::string media_type) : value(std::move(text)), type(std::move(media_type)) {}

  std::string value;
  std::string type = "text/plain";  // "text/plain", "text/html" or "application/xhtml+xml"
  std::string language;             // xml:lang in effect (or Content-Language), "" when none
  std::string base;                 // the base URI in effect at the element, "" when none

  bool empty() const { return value.empty(); }
};

struct Date {
  std::optional<core::TimePoint> value;  // absent when the text could not be read
  std::string raw;                       // as written in the document
};

struct Link {
  std::string rel = "alternate";
  std::string type;
  std::string href;  // resolved against xml:base and the document URL
  std::string title;
  std::string length;    // kept as written: feedparser reports a string
  std::string hreflang;
};

struct ParsedEntry {
  std::string id;  // RSS guid, Atom id; empty when the document has none
  Text title;
  std::string link;  // the alternate link, absolute
  std::vector<Link> links;
  Text summary;                // RSS description, Atom summary
  std::vector<Text> content;   // content:encoded, Atom content
  Date published;
  Date updated;
  std::string author;
  std::vector<std::string> tags;
  // Keys without a field of their own, under feedparser's names (itunes_*,
  // media_*, where, psc_chapters, …); an object, printed as it is.
  FeedValue extras;
};

struct ParsedFeed {
  bool bozo = false;        // the document was not well-formed or its encoding was guessed
  std::string bozo_reason;  // why, when bozo
  std::string version;      // feedparser's ids: "rss20", "atom10", …
  std::string encoding;     // the encoding used to decode, e.g. "utf-8"
  Text title;
  std::string link;
  std::vector<Link> links;
  Text subtitle;
  std::string language;
  std::string id;
  Date updated;
  std::vector<ParsedEntry> entries;
  FeedValue extras;  // as ParsedEntry::extras, for the feed
  // What the transport said (DocumentHints), echoed for the record.
  std::string etag;
  Date modified;  // HTTP Last-Modified
};

}  // namespace omvarld::feeds
