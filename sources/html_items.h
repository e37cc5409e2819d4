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
// says which expression found nothing; so are a link that leads to no web
// page (mailto:, tel:, javascript:, the page itself; sources/web_link.h),
// items nested more than 8 deep inside one another (unclosed tags), and a
// page libxml2 stops reading part-way (sources/html_reader.h). An item the
// page holds itself ("#nyhet-12") keeps its fragment in its key.
Result<std::vector<core::Item>, SourceFailure> html_items(const config::SourceConfig& source,
                                                          std::string_view page,
                                                          std::string_view page_url);

}  // namespace omvarld::sources
