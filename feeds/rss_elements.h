// feeds/rss_elements.h
//
// What every RSS version shares: the channel's and the item's elements,
// including the Dublin Core, content:encoded and atom:link extensions that
// RSS 0.9x, 1.0 and 2.0 feeds all carry. rss20.cpp and rss10.cpp find the
// channel and the items; this reads them. Internal to feeds/. Pure.

#pragma once

#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "feeds/feed.h"

namespace omvarld::feeds {

// The channel's own fields (title, link, description, language, dates) read
// into `feed`; elements of namespace `core_ns` are the format's own ("" for
// RSS 2.0, the RSS 1.0 URI for RDF). Entries are left to the caller.
void read_rss_channel(pugi::xml_node channel, std::string_view core_ns,
                      const std::string& document_url, ParsedFeed& feed);

// One <item>.
ParsedEntry read_rss_item(pugi::xml_node item, std::string_view core_ns,
                          const std::string& document_url);

}  // namespace omvarld::feeds
