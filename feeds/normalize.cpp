#include "feeds/normalize.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <utility>

#include "core/fnv1a.h"
#include "markup/html_text.h"
#include "markup/url.h"

namespace omvarld::feeds {
namespace {

std::string plain_text(Text&& text) {
  if (text.plain) return std::move(*text.plain);
  if (text.type == "text/html" || text.type == "application/xhtml+xml") {
    return markup::html_to_text(text.value);
  }
  return markup::collapse_whitespace(text.value);
}

// Keys are stored: core/fnv1a.h is the same hash in every later version.
std::string hex_hash(std::string_view prefix, std::string_view bytes) {
  return std::string(prefix) + core::hex16(core::fnv1a_64(bytes));
}

std::string hash_key(const ParsedEntry& entry) {
  const std::string& date = !entry.published.raw.empty() ? entry.published.raw : entry.updated.raw;
  return hex_hash("fnv1a64:", entry.title.value + "\n" + date);
}

// identity = "content": publishers that issue new ids and links on every
// fetch usually also re-date the entries, so the date stays out; title and
// summary are hashed as plain text, so a change of markup alone keeps the key.
std::string content_key(const core::Item& item) {
  return hex_hash("content:", item.title + "\n" + item.summary);
}

}  // namespace

// An id names one entry, but some feeds repeat one id for every entry (a
// CMS that writes the channel URL as each item's guid; miniflux meets the
// same). Trusting it would store the first entry and drop the rest as
// "already seen", so an id used twice in one document is ignored and those
// entries fall back to their link, then to the hash.
void ItemNormalizer::add(ParsedEntry&& entry) {
  core::Item item;
  item.source = source_;
  // The key, unless an id settles it in finish(): the link, else a hash
  // (of the entry as it came, before its strings move into the Item).
  bool key_by_link = !entry.link.empty();
  if (!key_by_link) item.key = hash_key(entry);
  item.title = plain_text(std::move(entry.title));
  if (!entry.content.empty()) item.content = plain_text(std::move(entry.content.front()));
  item.summary = entry.summary.empty() ? item.content : plain_text(std::move(entry.summary));
  item.published = entry.published.value ? entry.published.value : entry.updated.value;
  item.canonical_link = markup::canonical_url(entry.link);
  if (!entry.id.empty()) {
    // Counted whatever the identity, as every id is; only kId items (and
    // kLink items without a canonical link) may take it as their key.
    const bool by_id = identity_ == ItemIdentity::kId ||
                       (identity_ == ItemIdentity::kLink && item.canonical_link.empty());
    ids_.push_back(Id{std::move(entry.id), items_.size(), by_id, by_id && key_by_link});
    if (by_id) key_by_link = false;  // settled in finish(), without a copy of the link now
  }
  if (key_by_link) item.key = entry.link;
  item.link = std::move(entry.link);
  if (identity_ == ItemIdentity::kLink && !item.canonical_link.empty()) {
    item.key = item.canonical_link;
  } else if (identity_ == ItemIdentity::kContent) {
    item.key = content_key(item);
  }
  items_.push_back(std::move(item));
}

// The fields add() reads, copied: the rest of an entry may be large.
void ItemNormalizer::add(const ParsedEntry& entry) {
  ParsedEntry fields;
  fields.title = entry.title;
  fields.summary = entry.summary;
  if (!entry.content.empty()) fields.content.push_back(entry.content.front());
  fields.link = entry.link;
  fields.id = entry.id;
  fields.published = entry.published;
  fields.updated = entry.updated;
  add(std::move(fields));
}

std::vector<core::Item> ItemNormalizer::finish() && {
  // The ids in order of their hash, then their bytes: equal ids side by side.
  std::vector<std::pair<std::size_t, std::size_t>> order;  // hash, index in ids_
  order.reserve(ids_.size());
  for (std::size_t i = 0; i < ids_.size(); ++i) order.emplace_back(std::hash<std::string>{}(ids_[i].id), i);
  std::sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : ids_[a.second].id < ids_[b.second].id;
  });
  for (std::size_t run = 0; run < order.size();) {
    std::size_t end = run + 1;
    while (end < order.size() && order[end].first == order[run].first &&
           ids_[order[end].second].id == ids_[order[run].second].id) {
      ++end;
    }
    for (std::size_t k = run; k < end; ++k) {
      Id& id = ids_[order[k].second];
      core::Item& item = items_[id.item];
      if (id.candidate && end - run == 1) item.key = std::move(id.id);
      else if (id.else_link) item.key = item.link;
    }
    run = end;
  }
  return std::move(items_);
}

std::vector<core::Item> normalize(const ParsedFeed& feed, const core::SourceId& source,
                                  ItemIdentity identity) {
  ItemNormalizer normalizer(source, identity);
  for (const ParsedEntry& entry : feed.entries) normalizer.add(entry);
  return std::move(normalizer).finish();
}

}  // namespace omvarld::feeds
