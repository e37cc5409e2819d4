// sources/json_items.h
//
// Items from a JSON API's answer by a profile ([source.json]). Pure.

#pragma once

#include <string_view>
#include <vector>

#include "config/config.h"
#include "core/item.h"
#include "core/result.h"
#include "feeds/fetch_engine.h"
#include "sources/source_items.h"

namespace omvarld::sources {

// The request: method, headers, body or multipart form, and the "changed
// since" parameter from `context.last_success`.
feeds::FetchRequest json_request(const config::SourceConfig& source, const FetchContext& context);

// A document that is not JSON, or has no array at the items path, or
// items without the title path, is a SourceFailure of kind "json".
Result<std::vector<core::Item>, SourceFailure> json_items(const config::SourceConfig& source,
                                                          std::string_view document,
                                                          std::string_view document_url);

}  // namespace omvarld::sources
