// feeds/normalize.h
//
// From a parsed document to the pipeline's Items: plain text from HTML,
// absolute links, and the item's identity within its source. Pure.

#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/item.h"
#include "feeds/feed.h"

namespace omvarld::feeds {

// What identifies an item within its source (the source's `identity`
// setting, which app/ passes on).
enum class ItemIdentity {
  kId,       // the entry id, else its link, else a hash of title and date
  kLink,     // the canonical link, else as kId: for feeds whose ids change
  kContent,  // a hash of title and summary text: for feeds whose ids and links change
};

// One Item per entry, in document order. Identity (Item::key) is decided
// here and only here, by `identity` (docs/reference.md, "Storage and
// delivery"); Item::canonical_link is canonical_url() of the link.
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

  void add(ParsedEntry&& entry);  // the entry's strings are moved into the Item
  void add(const ParsedEntry& entry);
  std::vector<core::Item> finish() &&;

 private:
  // An entry's id, counted whatever the identity; the key of its item if
  // no other entry of the document has it, when the identity allows.
  struct Id {
    std::string id;
    std::size_t item;  // index in items_
    bool candidate;    // the identity lets the id be the key
    bool else_link;    // when the id is not the key: the item's link is (else the key is set)
  };

  core::SourceId source_;
  ItemIdentity identity_;
  std::vector<core::Item> items_;
  // Counted in finish(), by sorting: a map looked up per entry cost more.
  std::vector<Id> ids_;
};

}  // namespace omvarld::feeds
