#include "sources/source_items.h"

#include <spdlog/spdlog.h>

#include "core/failure_kind.h"
#include "feeds/feed_items.h"
#include "sources/deadlines.h"
#include "sources/html_items.h"
#include "sources/json_items.h"

namespace omvarld::sources {

namespace {

// A source's `identity` setting (config/) as the option normalize takes
// (feeds/), which must not know the config model.
feeds::ItemIdentity item_identity_of(config::Identity identity) {
  switch (identity) {
    case config::Identity::kLink: return feeds::ItemIdentity::kLink;
    case config::Identity::kContent: return feeds::ItemIdentity::kContent;
    case config::Identity::kId: break;
  }
  return feeds::ItemIdentity::kId;
}

Result<DocumentItems, SourceFailure> feed_items(const config::SourceConfig& source,
                                                          const net::FetchOutcome& fetched,
                                                          const std::string& url) {
  // parse_items: parse_feed + normalize without holding every parsed entry.
  auto parsed = feeds::parse_items(fetched.body, feeds::DocumentHints::at(url, fetched.content_type),
                                   source.id, item_identity_of(source.identity));
  if (!parsed) {
    // A 200 or 202 with an HTML page is how captchas, bot walls and login
    // pages answer: a failure, with the status and what came instead.
    const std::string status =
        fetched.http_status ? "HTTP " + std::to_string(fetched.http_status) + ": " : "";
    return tl::unexpected(SourceFailure{core::FailureKind::kNotAFeed, status + parsed.error().message});
  }
  if (parsed->bozo) {
    spdlog::debug("{}: repaired an ill-formed document: {}", source.id, parsed->bozo_reason);
  }
  return DocumentItems{std::move(parsed->items), std::move(parsed->unread)};
}

Result<DocumentItems, SourceFailure> whole(Result<std::vector<core::Item>, SourceFailure> items) {
  if (!items) return tl::unexpected(std::move(items.error()));
  return DocumentItems{std::move(*items)};
}

}  // namespace

Fetching fetching_of(const config::SourceConfig& source) {
  switch (source.kind) {
    case config::SourceKind::kImap: return Fetching::kMailbox;
    case config::SourceKind::kFeed:
    case config::SourceKind::kHtml:
    case config::SourceKind::kJson: break;
  }
  return Fetching::kFetchEngine;
}

net::FetchRequest request_for(const config::SourceConfig& source, const FetchContext& context) {
  if (source.kind == config::SourceKind::kJson) return json_request(source, context);
  return {source.id, context.url, context.etag, context.last_modified};
}

Result<DocumentItems, SourceFailure> items_from_document(
    const config::SourceConfig& source, const net::FetchOutcome& fetched) {
  const std::string& url = fetched.effective_url.empty() ? fetched.url : fetched.effective_url;
  Result<DocumentItems, SourceFailure> read;
  switch (source.kind) {
    case config::SourceKind::kHtml: read = whole(html_items(source, fetched.body, url)); break;
    case config::SourceKind::kJson: read = whole(json_items(source, fetched.body, url)); break;
    case config::SourceKind::kImap:  // never fetched over HTTP (fetching_of)
    case config::SourceKind::kFeed: read = feed_items(source, fetched, url); break;
  }
  if (read) add_deadlines(read->items);
  return read;
}

}  // namespace omvarld::sources
