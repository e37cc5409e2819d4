#include "feeds/normalize.h"

#include <cstdint>
#include <cstdio>

#include "feeds/html_text.h"
#include "feeds/url.h"

namespace omvarld::feeds {
namespace {

std::string plain_text(const Text& text) {
  if (text.plain) return *text.plain;
  if (text.type == "text/html" || text.type == "application/xhtml+xml") {
    return html_to_text(text.value);
  }
  return collapse_whitespace(text.value);
}

// FNV-1a, 64 bits (http://www.isthe.com/chongo/tech/comp/fnv/): a hash
// written out here rather than taken from a library, so a key computed
// today is the key computed by every later version: keys are stored, and a
// changed key would make every such item new again.
std::uint64_t fnv1a_64(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::string hex_hash(std::string_view prefix, std::string_view bytes) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a_64(bytes)));
  return std::string(prefix) + hex;
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
void ItemNormalizer::add(const ParsedEntry& entry) {
  core::Item item;
  item.source = source_;
  item.key = !entry.link.empty() ? entry.link : hash_key(entry);
  item.title = plain_text(entry.title);
  item.link = entry.link;
  if (!entry.content.empty()) item.content = plain_text(entry.content.front());
  item.summary = entry.summary.empty() ? item.content : plain_text(entry.summary);
  item.published = entry.published.value ? entry.published.value : entry.updated.value;
  item.canonical_link = canonical_url(entry.link);
  if (!entry.id.empty()) {
    // Counted whatever the identity, as every id is; only kId items (and
    // kLink items without a canonical link) may take it as their key.
    auto [it, inserted] = id_uses_.try_emplace(entry.id, 0);
    ++it->second;
    const bool by_id = identity_ == ItemIdentity::kId ||
                       (identity_ == ItemIdentity::kLink && item.canonical_link.empty());
    if (by_id) candidates_.push_back(IdCandidate{items_.size(), &it->first, &it->second});
  }
  if (identity_ == ItemIdentity::kLink && !item.canonical_link.empty()) {
    item.key = item.canonical_link;
  } else if (identity_ == ItemIdentity::kContent) {
    item.key = content_key(item);
  }
  items_.push_back(std::move(item));
}

std::vector<core::Item> ItemNormalizer::finish() && {
  for (const IdCandidate& candidate : candidates_) {
    if (*candidate.uses == 1) items_[candidate.item].key = *candidate.id;
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
