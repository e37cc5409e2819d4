// sources/json_items.h
//
// kind = "json": one HTTP request to an API and the items in its JSON
// answer, by the source's profile ([source.json], config::JsonProfile).
// Pure, but for json_request(source, context) reading the clock.
//
// "Changed since". The value is the last successful poll less an hour
// (the server's clock and index lag are not ours; an item seen twice is
// recognised by its key, so the overlap costs nothing), written by
// since_format in UTC. It goes where the profile says: since_param as a
// query parameter of a GET or of a POST with a raw body, or as a form field
// of a POST with a form; "{since}" in the url (percent-encoded), the body or
// a form value is replaced by it. Before the first success a since_param is
// left out (the API's own default: all it lists), while a {since}, which
// cannot be left out, asks for the last 30 days. A file:// url (the demo's
// saved answers) never gets a since_param.

#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "core/item.h"
#include "core/result.h"
#include "net/fetch_engine.h"
#include "sources/source_items.h"

namespace omvarld::sources {

inline constexpr std::chrono::seconds kSinceOverlap = std::chrono::hours(1);
inline constexpr std::chrono::seconds kFirstPollReach = std::chrono::days(30);

// The "changed since" text for this poll, as described above.
std::string since_value(const config::SourceConfig& source, const FetchContext& context,
                        core::TimePoint now);

// The request: method, headers (Accept: application/json unless configured),
// body or multipart form (a form value that is a JSON object or array is a
// part of type application/json), and "changed since". Validators go with a
// GET only. The first reads the clock for `now`.
net::FetchRequest json_request(const config::SourceConfig& source, const FetchContext& context);
net::FetchRequest json_request(const config::SourceConfig& source, const FetchContext& context,
                               core::TimePoint now);

// The items of `document`, in its order, the first of any that share a key.
// Paths (core/json_path.h) are followed as sources/json_path.h says: an
// array where one value is expected gives its first element. Title and
// summary are plain text (markup removed); link is resolved against
// `document_url`, else link_template is filled; date is an ISO 8601 or RFC
// 822 string or epoch seconds or milliseconds; deadline is the calendar day
// of its field (or a deadline phrase in it). The key is the id, else the
// canonical link, else a hash of title and date; identity = "link" or
// "content" as for feeds. An empty list is no news, not a failure.
// A document that is not JSON (with the byte offset where it breaks) or
// holds what cannot be read (a number such as 1e400), nests arrays and
// objects more than 128 deep, has no array at the items path (naming the
// path and the arrays there are), or has items without a title is a
// SourceFailure of kind "json". A link that is no web address (mailto:,
// javascript:, "#"; sources/web_link.h) is none, and link_template fills in.
Result<std::vector<core::Item>, SourceFailure> json_items(const config::SourceConfig& source,
                                                          std::string_view document,
                                                          std::string_view document_url);

}  // namespace omvarld::sources
