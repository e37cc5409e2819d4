// feeds/feed.h
//
// A feed document as parsed, before normalization: the fields of RSS and Atom
// kept close to how the document wrote them (text fields may hold HTML; see
// the *_type members). Plain values produced by parse_feed().

#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
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
  std::string src;                  // Atom content src, "" when none
  // The plain text of an HTML value, when the reader made it as it read
  // (kept_html_text, markup/html_text.h); normalize makes it otherwise.
  std::optional<std::string> plain = {};

  bool empty() const { return value.empty(); }
};

struct Date {
  std::optional<core::TimePoint> value;  // absent when the text could not be read
  std::string raw;                       // as written in the document
};

// A feed Date: `raw` trimmed as written, and its value when readable
// (core::parse_date). Defined in field_text.cpp.
Date read_date(std::string_view raw);

struct Link {
  std::string rel = "alternate";
  std::string type;
  std::string href;  // resolved against xml:base and the document URL (not for enclosures)
  std::string title;
  std::string length;    // kept as written: feedparser reports a string
  std::string hreflang;
};

// An Atom person, RSS author/managingEditor/webMaster, dc:creator.
struct Person {
  std::string name;
  std::string email;
  std::string href;
  bool empty() const { return name.empty() && email.empty() && href.empty(); }
};

// Atom category, RSS category (scheme = domain), dc:subject.
struct Tag {
  std::string term;
  std::string scheme;
  std::string label;
  bool operator==(const Tag&) const = default;
};

struct Generator {
  std::string name;
  std::string href;
  std::string version;
};

// What feed, entries, source, image and textinput share: feedparser keeps
// one kind of dictionary for all of them, and so do we. A field left empty
// is absent.
struct Fields {
  Text title;
  Text subtitle;  // RSS channel description, Atom subtitle/tagline
  Text summary;   // RSS item description, Atom summary
  Text rights;
  Text info;
  std::vector<Text> content;  // content:encoded, Atom content, xhtml:body
  std::string link;           // the alternate link, absolute
  std::vector<Link> links;
  std::string id;                  // RSS guid, Atom id; empty when none
  std::optional<bool> guidislink;  // RSS guid read as the link
  Date published;
  Date updated;
  Date created;
  Date expired;
  Date validity_start;
  Date validity_end;
  std::string author;  // "name (email)" or as written
  std::optional<Person> author_detail;
  std::vector<Person> authors;
  std::vector<Person> contributors;
  std::string publisher;
  std::optional<Person> publisher_detail;
  std::string generator;
  std::optional<Generator> generator_detail;
  std::vector<Tag> tags;
  std::string language;
  std::string docs;
  std::string ttl;
  std::string icon;
  std::string logo;
  std::string comments;
  std::string href;  // image url, RSS source url
  std::string name;  // textinput name
  std::optional<int> width;   // image
  std::optional<int> height;  // image
  std::vector<std::pair<std::string, std::string>> cloud;  // attributes as written
  // At most one each (a vector holds an incomplete type).
  std::vector<Fields> image;
  std::vector<Fields> textinput;
  std::vector<Fields> source;  // entries: Atom <source>, RSS <source>
  // Keys without a field of their own, under feedparser's names (itunes_*,
  // media_*, where, psc_chapters, …); an object, printed as it is.
  FeedValue extras;
};

struct ParsedEntry : Fields {};

struct ParsedFeed : Fields {
  bool bozo = false;        // the document was not well-formed or its encoding was guessed
  std::string bozo_reason;  // why, when bozo
  // Why part of the document was not read, with where; "" when all of it
  // was. The reader stops at an error it cannot repair ("6:29: Start-end
  // tags mismatch: the rest of the document (812 bytes) is not read"), at
  // a document that ends inside an element ("…: the document ends before
  // its elements do, cut short"), at a comment or CDATA section that is
  // never closed ("…: it runs to the end of the document, so nothing after
  // its start is read") and before a second document element; what came
  // before is still read. Entries may be missing: a caller that
  // stores them should say that the source failed, with this reason.
  // Implies bozo (bozo_reason says it too).
  std::string unread;
  std::string version;      // feedparser's ids: "rss20", "atom10", …
  std::string encoding;     // the encoding used to decode, e.g. "utf-8"
  std::vector<ParsedEntry> entries;
  // What the transport said (DocumentHints), echoed for the record.
  std::string etag;
  Date modified;  // HTTP Last-Modified
};

// Takes each entry as the reader finishes it, in document order (parse_feed's
// streaming form, feeds/parser.h).
using EntrySink = std::function<void(ParsedEntry&&)>;

}  // namespace omvarld::feeds
