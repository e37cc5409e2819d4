// feeds/json_feed.h
//
// JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/) read into
// the same ParsedFeed as RSS and Atom, as feedparser reads it (version ids
// "json1" and "json11"): parse_feed hands a document over here when its
// text starts with "{". Internal to feeds/. Pure.

#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "feeds/feed.h"

namespace omvarld::feeds {

// Whether `text` (decoded, leading whitespace gone) is JSON rather than XML.
inline bool looks_like_json(std::string_view text) { return text.starts_with('{'); }

// Reads `text` (UTF-8) as a JSON Feed: links and HTML resolved against
// `base_url`, content_html sanitized, `language` the default language.
// Fields of the wrong JSON type are left out, as if absent. Fails with
// kUnparseableFeed when the text is not JSON, nests deeper than
// core::kMaxJsonNesting, or is JSON without a JSON Feed "version". With
// `on_entry`, entries go to it and the returned feed has none.
Result<ParsedFeed> read_json_feed(std::string_view text, const std::string& base_url,
                                  const std::string& language, const EntrySink& on_entry);

}  // namespace omvarld::feeds
