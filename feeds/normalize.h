// feeds/normalize.h
//
// From a parsed document to the pipeline's Items: plain text from HTML,
// absolute links, and the item's identity within its source. Pure.

#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
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

// normalize() one entry at a time, for a reader that hands entries over as
// it finishes them (parse_items in feeds/feed_items.h) and keeps none. The
// Items come out of finish() in the order added, exactly as normalize()
// makes them: whether an entry's id is its key depends on every other entry
// of the document, so keys are settled there.
class ItemNormalizer {
 public:
  ItemNormalizer(core::SourceId source, ItemIdentity identity) : source_(std::move(source)), identity_(identity) {}

  void add(const ParsedEntry& entry);
  std::vector<core::Item> finish() &&;

 private:
  struct IdCandidate {
    std::size_t item;        // index in items_
    const std::string* id;   // the entry id, owned by id_uses_
    const int* uses;         // how often it is used, likewise
  };

  core::SourceId source_;
  ItemIdentity identity_;
  std::vector<core::Item> items_;
  std::unordered_map<std::string, int> id_uses_;
  std::vector<IdCandidate> candidates_;  // items whose key is their id if it is used once
};

// Plain text of an HTML fragment: tags removed (script and style with their
// content), entities decoded, whitespace collapsed to single spaces, trimmed.
std::string html_to_text(std::string_view html);

// html_to_text(html) when sanitizing_keeps_text(html) (html_sanitize.h),
// in one pass over the markup; std::nullopt when that does not hold.
std::optional<std::string> kept_html_text(std::string_view html);

}  // namespace omvarld::feeds
