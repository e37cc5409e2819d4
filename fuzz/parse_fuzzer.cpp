// fuzz/parse_fuzzer.cpp
//
// libFuzzer target for the parse path a fetched document takes (XML feeds
// and JSON Feed, which parse_feed tells apart by the first character;
// fuzz/dicts/parse.dict has the keys of both): parse_feed,
// then normalize and to_json (what `omvarld parse` prints), and parse_items
// (what the poll cycle stores), which must make the same Items and say the
// same of what they did not read. The first input byte chooses the
// DocumentHints, so the fuzzer also explores the transport's influence
// (charset from the Content-Type, base URI from Content-Location, default
// language); the rest is the document. scripts/fuzz.sh builds and runs it
// (OMVARLD_FUZZ=ON, clang).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "feeds/feed_items.h"
#include "feeds/feed_json.h"
#include "feeds/normalize.h"
#include "feeds/parser.h"

namespace {

using omvarld::feeds::DocumentHints;

// What a transport may have said about the document, one per selector value.
DocumentHints hints_for(std::uint8_t selector) {
  switch (selector % 8) {
    case 0:
      return {};  // a local file: no URL, no headers
    case 1:
      return DocumentHints::at("http://127.0.0.1:8097/tests/feed.xml");
    case 2:  // RFC 3023: text/* without charset means us-ascii
      return DocumentHints::at("http://example.com/feed", "text/xml");
    case 3:
      return DocumentHints::at("https://example.com/a/b/feed.xml", "application/rss+xml; charset=utf-8");
    case 4:
      return DocumentHints::at("http://example.com/", "text/html; charset=iso-8859-1");
    case 5: {
      DocumentHints hints = DocumentHints::at("http://example.com/x/y", "application/atom+xml; charset=utf-16");
      hints.content_location = "../other/feed.xml";
      hints.content_language = "sv";
      return hints;
    }
    case 6: {
      DocumentHints hints = DocumentHints::at("http://example.com/feed", "application/xml; charset=windows-1252");
      hints.content_location = "javascript:alert(1)";
      hints.etag = "\"abc\"";
      hints.last_modified = "Mon, 03 Apr 2023 01:02:03 GMT";
      return hints;
    }
    default: {
      DocumentHints hints = DocumentHints::at("relative/url", "application/xml; charset=\"koi8-r\"; x=y");
      hints.content_language = "en-US, fr";
      hints.last_modified = "not a date";
      return hints;
    }
  }
}

// Says which property failed, and the two values where there are two, so
// a finding in CI's log explains itself before the reproducer is replayed.
[[noreturn]] void fail(const char* what, std::string_view want = {}, std::string_view got = {}) {
  std::fprintf(stderr, "parse_fuzzer: %s\n  parse_feed+normalize: [%.*s]\n  parse_items:          [%.*s]\n", what,
               static_cast<int>(want.size()), want.data(), static_cast<int>(got.size()), got.data());
  __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const DocumentHints hints = hints_for(data[0]);
  const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  auto parsed = omvarld::feeds::parse_feed(body, hints);
  // The poll's one-pass form (its straight path for plain RSS and Atom included)
  // fails, and makes Items, exactly as parse_feed and normalize do.
  const auto streamed = omvarld::feeds::parse_items(body, hints, "fuzz");
  if (parsed.has_value() != streamed.has_value()) {
    fail("one path failed and the other did not", parsed ? "parsed" : "failed", streamed ? "parsed" : "failed");
  }
  if (!parsed) return 0;
  const auto items = omvarld::feeds::normalize(*parsed, "fuzz");
  const auto json = omvarld::feeds::to_json(*parsed);
  // Every entry becomes an item, and the JSON is one object.
  if (items.size() != parsed->entries.size()) fail("normalize dropped or added an entry");
  if (json.empty() || json.front() != '{') fail("to_json made no object", json);
  if (streamed->bozo != parsed->bozo) fail("bozo differs", parsed->bozo ? "1" : "0", streamed->bozo ? "1" : "0");
  // What was not read is said alike, and never without bozo.
  if (streamed->unread != parsed->unread) fail("unread differs", parsed->unread, streamed->unread);
  if (!parsed->unread.empty() && !parsed->bozo) fail("unread without bozo", parsed->unread);
  if (streamed->items.size() != items.size()) {
    fail("item count differs", std::to_string(items.size()), std::to_string(streamed->items.size()));
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    const omvarld::core::Item& want = items[i];
    const omvarld::core::Item& got = streamed->items[i];
    if (want.key != got.key) fail("key differs", want.key, got.key);
    if (want.title != got.title) fail("title differs", want.title, got.title);
    if (want.link != got.link) fail("link differs", want.link, got.link);
    if (want.canonical_link != got.canonical_link) fail("canonical_link differs", want.canonical_link, got.canonical_link);
    if (want.summary != got.summary) fail("summary differs", want.summary, got.summary);
    if (want.content != got.content) fail("content differs", want.content, got.content);
    if (want.published != got.published) fail("published differs");
    // A NUL is removed before reading (encoding.h): none reaches an item.
    for (const std::string* text : {&got.title, &got.link, &got.summary, &got.content}) {
      if (text->find('\0') != std::string::npos) fail("a NUL reached an item", {}, *text);
    }
  }
  return 0;
}
