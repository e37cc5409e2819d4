// Atom 1.0 (RFC 4287) and its draft Atom 0.3, which differs in names only
// as far as we read it: tagline for subtitle, issued for published, modified
// for updated, and content's `mode` attribute.
// TODO(#3): Atom 0.3 mode="base64" content; split into atom03.cpp when 0.3
// grows more differences.

#include "feeds/dates.h"
#include "feeds/formats.h"
#include "feeds/html_sanitize.h"
#include "feeds/xml_tree.h"

namespace omvarld::feeds {
namespace {

struct Dialect {
  std::string ns;  // the feed's namespace: Atom 1.0, 0.3 or (unversioned) none
  bool draft = false;
};

// RFC 4287 §3.1: type is "text", "html" or "xhtml"; Atom 0.3 and <content>
// use MIME types, kept as written.
Text atom_text(pugi::xml_node element, const Dialect& dialect, const std::string& document_url) {
  const std::string_view type = element.attribute("type").value();
  Text text;
  if (type.empty() || type == "text") {
    text.type = "text/plain";
  } else if (type == "html") {
    text.type = "text/html";
  } else if (type == "xhtml") {
    text.type = "application/xhtml+xml";
  } else {
    text.type = std::string(type);
  }
  if (text.type == "application/xhtml+xml" && !dialect.draft) {
    // RFC 4287 §3.1.1.3: the content is one xhtml:div, which is not part of it.
    pugi::xml_node div = element.find_child([](pugi::xml_node n) { return n.type() == pugi::node_element; });
    text.value = xml::trim(div && xml::local_name(div) == "div" ? xml::inner_xml(div)
                                                                : xml::inner_xml(element));
  } else {
    text.value = xml::text(element);
  }
  if (text.type == "text/html" || text.type == "application/xhtml+xml") {
    text.value = clean_html(text.value, xml::base_uri(element, document_url));
  }
  return text;
}

ParsedEntry atom_entry(pugi::xml_node element, const Dialect& dialect,
                       const std::string& document_url) {
  ParsedEntry entry;
  for (pugi::xml_node child : element.children()) {
    if (child.type() != pugi::node_element) continue;
    const std::string ns = xml::namespace_uri(child);
    const std::string_view name = xml::local_name(child);
    if (ns == dialect.ns) {
      if (name == "id" && entry.id.empty()) {
        entry.id = xml::text(child);
      } else if (name == "title" && entry.title.empty()) {
        entry.title = atom_text(child, dialect, document_url);
      } else if (name == "link") {
        Link link = xml::link(child, document_url);
        if (link.href.empty()) continue;
        if (link.rel == "alternate" && entry.link.empty()) entry.link = link.href;
        entry.links.push_back(std::move(link));
      } else if (name == "summary" && entry.summary.empty()) {
        entry.summary = atom_text(child, dialect, document_url);
      } else if (name == "content") {
        if (Text content = atom_text(child, dialect, document_url); !content.empty()) {
          entry.content.push_back(std::move(content));
        }
      } else if ((name == "published" || name == "issued") && entry.published.raw.empty()) {
        entry.published = read_date(xml::text(child));
      } else if ((name == "updated" || name == "modified") && entry.updated.raw.empty()) {
        entry.updated = read_date(xml::text(child));
      } else if (name == "author" && entry.author.empty()) {
        entry.author = xml::person(child, dialect.ns);
      } else if (name == "category") {
        if (std::string term = child.attribute("term").value(); !term.empty()) {
          entry.tags.push_back(term);
        }
      }
    } else if (ns == xml::kDublinCore) {
      if (name == "subject") {
        if (std::string term = xml::text(child); !term.empty()) entry.tags.push_back(term);
      }
      if (name == "creator" && entry.author.empty()) entry.author = xml::text(child);
      if (name == "date" && entry.updated.raw.empty()) entry.updated = read_date(xml::text(child));
    }
  }
  return entry;
}

}  // namespace

ParsedFeed parse_atom(pugi::xml_node root, const std::string& document_url) {
  const Dialect dialect{xml::namespace_uri(root), xml::namespace_uri(root) == xml::kAtom03};
  ParsedFeed feed;
  feed.language = xml::language(root);
  for (pugi::xml_node child : root.children()) {
    if (child.type() != pugi::node_element || xml::namespace_uri(child) != dialect.ns) continue;
    const std::string_view name = xml::local_name(child);
    if (name == "title" && feed.title.empty()) {
      feed.title = atom_text(child, dialect, document_url);
    } else if ((name == "subtitle" || name == "tagline") && feed.subtitle.empty()) {
      feed.subtitle = atom_text(child, dialect, document_url);
    } else if (name == "link") {
      Link link = xml::link(child, document_url);
      if (link.href.empty()) continue;
      if (link.rel == "alternate" && feed.link.empty()) feed.link = link.href;
      feed.links.push_back(std::move(link));
    } else if (name == "id" && feed.id.empty()) {
      feed.id = xml::text(child);
    } else if ((name == "updated" || name == "modified") && feed.updated.raw.empty()) {
      feed.updated = read_date(xml::text(child));
    } else if (name == "entry") {
      feed.entries.push_back(atom_entry(child, dialect, document_url));
    }
  }
  return feed;
}

}  // namespace omvarld::feeds
