// RSS 1.0 (https://web.resource.org/rss/1.0/spec) and RSS 0.90: RDF
// documents whose <channel>, <item>s and <image> are all children of
// <rdf:RDF>, in the RSS namespace. An item's rdf:about is its identity.

#include "feeds/formats.h"
#include "feeds/rss_elements.h"
#include "feeds/xml_tree.h"

namespace omvarld::feeds {

ParsedFeed parse_rss10(pugi::xml_node rdf, const std::string& document_url) {
  ParsedFeed feed;
  for (pugi::xml_node child : rdf.children()) {
    if (child.type() != pugi::node_element) continue;
    const std::string ns = xml::namespace_uri(child);
    if (ns != xml::kRss10 && ns != xml::kRss090) continue;
    if (xml::local_name(child) == "channel") {
      read_rss_channel(child, ns, document_url, feed);
    } else if (xml::local_name(child) == "item") {
      ParsedEntry entry = read_rss_item(child, ns, document_url);
      if (entry.id.empty()) entry.id = child.attribute("rdf:about").value();
      feed.entries.push_back(std::move(entry));
    }
  }
  return feed;
}

}  // namespace omvarld::feeds
