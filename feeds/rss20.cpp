// RSS 0.91, 0.92 and 2.0 (https://www.rssboard.org/rss-specification): one
// <channel> under <rss>, its <item>s inside it. The elements are read by
// rss_elements.cpp; this file only finds them.

#include "feeds/formats.h"
#include "feeds/rss_elements.h"
#include "feeds/xml_tree.h"

namespace omvarld::feeds {

ParsedFeed parse_rss20(pugi::xml_node rss, const std::string& document_url) {
  ParsedFeed feed;
  // The format's own elements share the namespace of <rss>: none, normally.
  const std::string core_ns = xml::namespace_uri(rss);
  for (pugi::xml_node channel : rss.children()) {
    if (channel.type() != pugi::node_element || xml::local_name(channel) != "channel") continue;
    read_rss_channel(channel, core_ns, document_url, feed);
    for (pugi::xml_node item : channel.children()) {
      if (item.type() == pugi::node_element && xml::local_name(item) == "item" &&
          xml::namespace_uri(item) == core_ns) {
        feed.entries.push_back(read_rss_item(item, core_ns, document_url));
      }
    }
  }
  // Some feeds close </channel> too early and put their items beside it.
  for (pugi::xml_node item : rss.children()) {
    if (item.type() == pugi::node_element && xml::local_name(item) == "item") {
      feed.entries.push_back(read_rss_item(item, core_ns, document_url));
    }
  }
  return feed;
}

}  // namespace omvarld::feeds
