// sources/html_items.h
//
// Items from a web page by a selector profile ([source.html]): libxml2's
// HTML parser and XPath. Pure.

#pragma once

#include <string_view>
#include <vector>

#include "config/config.h"
#include "core/item.h"
#include "core/result.h"
#include "sources/source_items.h"

namespace omvarld::sources {

// `page_url` resolves relative links. A profile that finds no items, or
// items without a title or link, is a SourceFailure of kind "profile" that
// says which expression found nothing.
Result<std::vector<core::Item>, SourceFailure> html_items(const config::SourceConfig& source,
                                                          std::string_view page,
                                                          std::string_view page_url);

}  // namespace omvarld::sources
