// feeds/item_rules.h
//
// The rules for an item's fields that both readers follow: the general
// reader (feed_reader.h) and the straight path (straight_items.h) each call
// these rather than writing them again, so that a fix made here is made for
// both, and the tests and the fuzzer that compare the two cannot find them
// apart on these points. Internal to
// feeds/. Pure.

#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "feeds/feed.h"

namespace omvarld::feeds {

// An entry's link with every "&amp;" made "&", as feedparser's entry link
// handling does (a link escaped twice in the feed).
void unescape_link_amp(std::string& href);

// Whether a guid is a permalink: its isPermaLink attribute, when it has
// one, as written; none counts as "true". Only "true" itself is.
bool guid_is_permalink(std::optional<std::string_view> is_permalink);

// A guid that is a permalink becomes the link of an item that has none.
void guid_fills_link(std::string& link, const std::string& guid, bool is_permalink);

// Whether the text of the field stored under `key` is a URI, resolved
// against the base in effect: links, hrefs, comments and the like, and a
// guid (stored as "id") only when it is a permalink.
bool resolved_as_uri(std::string_view key, bool guid_is_link);

inline constexpr std::string_view kXhtmlType = "application/xhtml+xml";

// A text construct's type attribute as a MIME type ("html" is text/html,
// "text" text/plain, "xhtml" kXhtmlType, others lower-cased).
std::string map_content_type(std::string_view type);
bool html_type(std::string_view type);

// feedparser's guess that nominally plain text is HTML: `type` made
// text/html, and true, when it is text/plain and `text` looks like HTML.
bool promote_to_html(std::string& type, std::string_view text);

// A description (or summary) met when the item has a summary and no
// content yet is read as the item's content.
bool description_is_content(const Text& summary, bool has_content);

// A date field's value: `text` trimmed and read by core::parse_date
// (read_date, feed.h, makes the whole Date).
std::optional<core::TimePoint> date_value(std::string_view text);

// What every field's text goes through last when its element ends:
// double-encoded UTF-8 undone (only for a document decoded from UTF-8),
// then the C1 controls mapped as windows-1252 maps them.
void repair_decoding(std::string& text, bool utf8);

// markup::resolve_url remembering its last question and answer: feeds
// often write an item's link again as its guid.
class ResolveCache {
 public:
  const std::string& resolve(const std::string& base, const std::string& reference);

 private:
  std::string last_reference_;
  std::string last_base_;
  std::string last_resolved_;
};

}  // namespace omvarld::feeds
