// feeds/normalize.h
//
// From a parsed document to the pipeline's Items: plain text from HTML,
// absolute links, and the item's identity within its source. Pure.

#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/item.h"
#include "feeds/feed.h"

namespace omvarld::feeds {

// What identifies an item within its source (the source's `identity`
// setting, which daemon/ passes on).
enum class ItemIdentity {
  kId,       // the entry id, else its link, else a hash of title and date
  kLink,     // the canonical link, else as kId: for feeds whose ids change
  kContent,  // a hash of title and summary text: for feeds whose ids and links change
};

// One Item per entry, in document order. Identity (Item::key) is decided
// here and only here, by `identity` (DESIGN.md, "Storage and delivery
// semantics"); Item::canonical_link is canonical_url() of the link.
std::vector<core::Item> normalize(const ParsedFeed& feed, const core::SourceId& source,
                                  ItemIdentity identity = ItemIdentity::kId);

// Plain text of an HTML fragment: tags removed (script and style with their
// content), entities decoded, whitespace collapsed to single spaces, trimmed.
std::string html_to_text(std::string_view html);

}  // namespace omvarld::feeds
