// web/atom_out.h
//
// A nämnd's matches as an Atom 1.0 feed (RFC 4287), for intranet pages and
// Teams channels: the last stored first, at most kMaxFeedEntries, each
// entry with an id that never changes (a tag: URI of the item's row id), its
// link, a plain-text summary and a category per matched term and topic.
// Everything from a feed is plain text, escaped, with the characters XML 1.0
// forbids removed: no markup from outside reaches a reader of this feed.
// Pure: the items, the time and the names come in; text goes out.

#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/item.h"
#include "storage/item_queries.h"

namespace omvarld::web {

inline constexpr std::size_t kMaxFeedEntries = 100;

struct NewsFeed {
  core::NamndId namnd;
  std::string namnd_name;  // "Utbildningsnämnden"
  // "https://omvarld.linkoping.se" (no trailing slash needed): makes the
  // feed's self link absolute; "" leaves it relative to the server's root.
  std::string base_url;
  core::TimePoint now;  // the feed's <updated> when it has no entries
};

// The feed of `items`, in their order, at most kMaxFeedEntries.
std::string compose_atom(const NewsFeed& feed, std::span<const storage::NamndItem> items);

// The nämnd's part of a path: its id as one percent-encoded segment
// ("linkoping%2Futbildning"), as web/http.h decodes a "{}" segment.
std::string namnd_segment(std::string_view namnd);

// `text` safe as XML 1.0 character data and attribute values: & < > " '
// escaped, control and invisible characters (core::safe_text) removed,
// ill-formed UTF-8 as U+FFFD.
std::string xml_text(std::string_view text);

}  // namespace omvarld::web
