#include "feeds/rss_elements.h"

#include "feeds/dates.h"
#include "feeds/html_sanitize.h"
#include "feeds/xml_tree.h"

namespace omvarld::feeds {
namespace {

// RSS text is HTML unless proven otherwise, as feedparser assumes: made safe
// and its relative URIs resolved against the base in effect.
Text html_text(pugi::xml_node element, const std::string& document_url) {
  return Text{clean_html(xml::text(element), xml::base_uri(element, document_url)), "text/html"};
}

Link enclosure(pugi::xml_node element, const std::string& document_url) {
  Link link;
  link.rel = "enclosure";
  link.type = element.attribute("type").value();
  link.href = xml::resolve(element, element.attribute("url").value(), document_url);
  return link;
}

Link alternate(const std::string& href) {
  Link link;
  link.type = "text/html";
  link.href = href;
  return link;
}

void set_if_empty(std::string& field, std::string value) {
  if (field.empty()) field = std::move(value);
}

std::string first_alternate(const std::vector<Link>& links) {
  for (const Link& link : links) {
    if (link.rel == "alternate" && !link.href.empty()) return link.href;
  }
  return {};
}

// Atom elements inside an RSS item, as .NET and WordPress write them.
void read_atom_element(pugi::xml_node child, std::string_view name,
                       const std::string& document_url, ParsedEntry& entry) {
  if (name == "link") {
    entry.links.push_back(xml::link(child, document_url));
  } else if (name == "id") {
    set_if_empty(entry.id, xml::text(child));
  } else if (name == "updated" && entry.updated.raw.empty()) {
    entry.updated = read_date(xml::text(child));
  } else if (name == "published" && entry.published.raw.empty()) {
    entry.published = read_date(xml::text(child));
  } else if (name == "author") {
    set_if_empty(entry.author, xml::person(child, xml::kAtom10));
  }
}

}  // namespace

void read_rss_channel(pugi::xml_node channel, std::string_view core_ns,
                      const std::string& document_url, ParsedFeed& feed) {
  for (pugi::xml_node child : channel.children()) {
    if (child.type() != pugi::node_element) continue;
    const std::string ns = xml::namespace_uri(child);
    const std::string_view name = xml::local_name(child);
    if (ns == core_ns) {
      if (name == "title" && feed.title.empty()) {
        feed.title = Text{xml::text(child), "text/plain"};
      } else if (name == "link" && feed.link.empty()) {
        feed.link = xml::resolve(child, xml::text(child), document_url);
        if (!feed.link.empty()) feed.links.push_back(alternate(feed.link));
      } else if (name == "description" && feed.subtitle.empty()) {
        feed.subtitle = html_text(child, document_url);
      } else if (name == "language") {
        set_if_empty(feed.language, xml::text(child));
      } else if (name == "lastBuildDate" && feed.updated.raw.empty()) {
        feed.updated = read_date(xml::text(child));
      }
    } else if (ns == xml::kDublinCore) {
      if (name == "language") set_if_empty(feed.language, xml::text(child));
      if (name == "date" && feed.updated.raw.empty()) feed.updated = read_date(xml::text(child));
    } else if (ns == xml::kAtom10 && name == "link") {
      feed.links.push_back(xml::link(child, document_url));
    }
  }
  if (feed.link.empty()) feed.link = first_alternate(feed.links);
}

ParsedEntry read_rss_item(pugi::xml_node item, std::string_view core_ns,
                          const std::string& document_url) {
  ParsedEntry entry;
  pugi::xml_node guid;
  for (pugi::xml_node child : item.children()) {
    if (child.type() != pugi::node_element) continue;
    const std::string ns = xml::namespace_uri(child);
    const std::string_view name = xml::local_name(child);
    if (ns == core_ns) {
      if (name == "title" && entry.title.empty()) {
        entry.title = Text{xml::text(child), "text/plain"};
      } else if (name == "link" && entry.link.empty()) {
        entry.link = xml::resolve(child, xml::text(child), document_url);
      } else if (name == "description" && entry.summary.empty()) {
        entry.summary = html_text(child, document_url);
      } else if (name == "guid" && !guid) {
        guid = child;
        entry.id = xml::text(child);
      } else if (name == "pubDate" && entry.published.raw.empty()) {
        entry.published = read_date(xml::text(child));
      } else if (name == "author") {
        set_if_empty(entry.author, xml::text(child));
      } else if (name == "category") {
        if (std::string term = xml::text(child); !term.empty()) entry.tags.push_back(term);
      } else if (name == "enclosure") {
        entry.links.push_back(enclosure(child, document_url));
      }
    } else if (ns == xml::kDublinCore) {
      if (name == "date" && entry.updated.raw.empty()) entry.updated = read_date(xml::text(child));
      if (name == "creator") set_if_empty(entry.author, xml::text(child));
      if (name == "subject") {
        if (std::string term = xml::text(child); !term.empty()) entry.tags.push_back(term);
      }
    } else if (ns == xml::kDcTerms) {
      if (name == "modified" && entry.updated.raw.empty()) {
        entry.updated = read_date(xml::text(child));
      }
    } else if (ns == xml::kContent && name == "encoded") {
      entry.content.push_back(html_text(child, document_url));
    } else if (ns == xml::kAtom10) {
      read_atom_element(child, name, document_url, entry);
    }
  }
  // .NET's SyndicationFeed (regeringen.se uses it) writes neither <link> nor
  // <guid>, only <a10:link href>; RSS 2.0 makes a guid a permalink unless
  // isPermaLink says "false". So: <link>, else atom:link, else the guid.
  const bool rss_link = !entry.link.empty();
  if (entry.link.empty()) entry.link = first_alternate(entry.links);
  if (entry.link.empty() && guid && std::string_view(guid.attribute("isPermaLink").value()) != "false") {
    entry.link = xml::resolve(guid, entry.id, document_url);
  }
  if (rss_link || (!entry.link.empty() && first_alternate(entry.links).empty())) {
    entry.links.insert(entry.links.begin(), alternate(entry.link));
  }
  return entry;
}

}  // namespace omvarld::feeds
