// sources/source_items.h
//
// Every kind of source as the poll cycle sees it: the HTTP request that
// fetches it, and the items in what came back. Feeds go through
// feeds::parse_feed and feeds::normalize, web pages and JSON APIs through
// their profiles (sources/html_items.h, sources/json_items.h); deadlines
// are then looked for in every item (sources/deadlines.h). Newsletters
// (kind = "imap") are not fetched over HTTP but read from their mailbox:
// see sources/mailbox_source.h. Pure apart from the logging of repaired
// documents.

#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/failure_kind.h"
#include "core/item.h"
#include "core/result.h"
#include "net/fetch_engine.h"

namespace omvarld::sources {

// Why a source gave no items, as stored and shown by `status`.
struct SourceFailure {
  core::FailureKind kind;  // kNotAFeed, kProfile, kJson, kImap, kNewsletter
  std::string message;  // one line for humans
};

// Where a source stands before this fetch: from the store's fetch state.
struct FetchContext {
  std::string url;  // the URL to fetch (the configured one, or where it moved)
  std::string etag;
  std::string last_modified;
  std::optional<core::TimePoint> last_success;  // for a json source's "changed since"
};

// The items of a fetched document, and what of it could not be read.
struct DocumentItems {
  std::vector<core::Item> items;  // in document order
  // "" when the whole document was read; else where reading stopped and
  // why (feeds::FeedItems::unread): the items before that point are here,
  // the rest is lost, and the poll must say so rather than report "ok".
  std::string unread = {};
};

// How a source of each kind is fetched.
enum class Fetching {
  kFetchEngine,  // feed, html, json: request_for(), then items_from_document()
  kMailbox,      // imap: sources/mailbox_source.h, then items_from_message()
};
Fetching fetching_of(const config::SourceConfig& source);

// The request for a feed, html or json source: the URL, the validators,
// and for json its method, headers, body and "changed since" parameter.
net::FetchRequest request_for(const config::SourceConfig& source, const FetchContext& context);

// The items in a fetched document (kOk), in document order, by the source's
// kind, each with its deadline when one is found. A document that yields
// no items where the kind expects some is a failure, never "no news"; one
// read only in part gives the items read and says what was not.
Result<DocumentItems, SourceFailure> items_from_document(
    const config::SourceConfig& source, const net::FetchOutcome& fetched);

}  // namespace omvarld::sources
