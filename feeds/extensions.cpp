// read_extensions: find the feed's own element and its entries, then hand
// every namespaced child to the reader of its namespace (extension_readers.h).
// A namespace is recognised by its URI, the way feedparser matches it
// (case-insensitively, with the variants feeds really use); an unknown URI
// keeps the prefix the document gave it. Elements nobody reads follow
// feedparser's generic rule: key "prefix_localname", the element's text, or,
// when it has attributes, an object of them (thr:in-reply-to).

#include "feeds/extensions.h"

#include <array>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "core/ascii.h"
#include "feeds/extension_readers.h"
#include "feeds/nesting.h"
#include "feeds/xml_tree.h"
#include "markup/html_sanitize.h"

namespace omvarld::feeds {
namespace {

// feedparser's prefixes for the namespaces it knows (lowercased URI → prefix).
constexpr std::array<std::pair<std::string_view, std::string_view>, 40> kPrefixes{{
    {"http://webns.net/mvcb/", "admin"},
    {"http://purl.org/rss/1.0/modules/aggregation/", "ag"},
    {"http://purl.org/rss/1.0/modules/annotate/", "annotate"},
    {"http://media.tangent.org/rss/1.0/", "audio"},
    {"http://backend.userland.com/blogchannelmodule", "blogChannel"},
    {"http://creativecommons.org/ns#license", "cc"},
    {"http://web.resource.org/cc/", "cc"},
    {"http://cyber.law.harvard.edu/rss/creativecommonsrssmodule.html", "creativeCommons"},
    {"http://backend.userland.com/creativecommonsrssmodule", "creativeCommons"},
    {"http://purl.org/rss/1.0/modules/company", "co"},
    {"http://purl.org/rss/1.0/modules/content/", "content"},
    {"http://my.theinfo.org/changed/1.0/rss/", "cp"},
    {"http://purl.org/dc/elements/1.1/", "dc"},
    {"http://purl.org/dc/terms/", "dcterms"},
    {"http://purl.org/rss/1.0/modules/email/", "email"},
    {"http://purl.org/rss/1.0/modules/event/", "ev"},
    {"http://rssnamespace.org/feedburner/ext/1.0", "feedburner"},
    {"http://freshmeat.net/rss/fm/", "fm"},
    {"http://xmlns.com/foaf/0.1/", "foaf"},
    {"http://www.w3.org/2003/01/geo/wgs84_pos#", "geo"},
    {"http://www.georss.org/georss", "georss"},
    {"http://www.opengis.net/gml", "gml"},
    {"http://postneo.com/icbm/", "icbm"},
    {"http://purl.org/rss/1.0/modules/image/", "image"},
    {"http://www.itunes.com/dtds/podcast-1.0.dtd", "itunes"},
    {"http://example.com/dtds/podcast-1.0.dtd", "itunes"},
    {"http://purl.org/rss/1.0/modules/link/", "l"},
    {"http://search.yahoo.com/mrss", "media"},
    {"http://search.yahoo.com/mrss/", "media"},  // Media RSS 1.1.2 added the slash
    {"http://madskills.com/public/xml/rss/module/pingback/", "pingback"},
    {"http://prismstandard.org/namespaces/1.2/basic/", "prism"},
    {"http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf"},
    {"http://www.w3.org/2000/01/rdf-schema#", "rdfs"},
    {"http://purl.org/rss/1.0/modules/slash/", "slash"},
    {"http://purl.org/rss/1.0/modules/syndication/", "sy"},
    {"http://purl.org/rss/1.0/modules/threading/", "thr"},
    {"http://madskills.com/public/xml/rss/module/trackback/", "trackback"},
    {"http://wellformedweb.org/commentapi/", "wfw"},
    {"http://www.w3.org/1999/xhtml", "xhtml"},
    {"http://podlove.org/simple-chapters", "psc"},
}};

// The namespaces of the feed formats themselves: their elements belong to
// the format parsers, not to extensions.
constexpr std::array<std::string_view, 8> kFormatNamespaces{{
    "", "http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/",
    "http://purl.org/atom/ns#", "http://www.w3.org/2005/atom",
    "http://purl.org/rss/1.0/modules/rss091#", "http://blogs.law.harvard.edu/tech/rss",
    "http://purl.org/echo/"}};

// Prefixes whose elements the format parsers read (dc:creator → author, …).
constexpr std::array<std::string_view, 9> kFormatPrefixes{{
    "dc", "dcterms", "content", "rdf", "rdfs", "xhtml", "cc", "creativecommons", "admin"}};

template <class Table>
bool contains(const Table& table, std::string_view value) {
  for (std::string_view entry : table) {
    if (entry == value) return true;
  }
  return false;
}

// feedparser's prefix for `element`, lowercased; "" for the formats' own
// elements (and for unprefixed elements in no known namespace).
std::string prefix_for(pugi::xml_node element, const xml::Scope& scope) {
  const std::string uri = core::lowercase_ascii(scope.namespace_uri());
  if (contains(kFormatNamespaces, uri) || uri.find("backend.userland.com/rss") != std::string::npos) {
    return {};
  }
  for (const auto& [known, prefix] : kPrefixes) {
    if (known == uri) return core::lowercase_ascii(prefix);
  }
  const std::string_view name = element.name();
  const auto colon = name.find(':');
  return colon == std::string_view::npos ? std::string() : core::lowercase_ascii(name.substr(0, colon));
}

bool has_attributes(pugi::xml_node element) {
  for (pugi::xml_attribute attribute : element.attributes()) {
    const std::string_view name = attribute.name();
    if (name != "xmlns" && !name.starts_with("xmlns:")) return true;
  }
  return false;
}

// feedparser resolves these against the base URI (its can_be_relative_uri).
bool is_uri_key(std::string_view key) { return key == "wfw_comment" || key == "wfw_commentrss"; }

void read_children(pugi::xml_node parent, int depth, const xml::Scope& scope, ext::Context& context,
                   bool nested);

// The generic rule. A nested element never replaces a value a shallower one
// set: feedparser prefers the element closest to the entry. `depth` is the
// element's (xml::depth), which bounds the recursion (nesting.h); `scope`
// is the element's.
void read_generic(pugi::xml_node element, int depth, const xml::Scope& scope, const std::string& key,
                  ext::Context& context, bool nested) {
  if (!nested || !context.extras.contains(key)) {
    if (has_attributes(element)) {
      context.extras[key] = ext::attributes(element);
    } else {
      std::string value = xml::trim(ext::raw_text(element));
      if (is_uri_key(key)) value = scope.resolve(value);
      context.extras[key] = FeedValue::string(std::move(value));
    }
  }
  read_children(element, depth, scope, context, true);
}

void read_element(pugi::xml_node element, int depth, const xml::Scope& scope, ext::Context& context,
                  bool nested) {
  const std::string prefix = prefix_for(element, scope);
  if (prefix.empty() || contains(kFormatPrefixes, prefix)) return;
  context.scope = &scope;
  const std::string local = core::lowercase_ascii(xml::local_name(element));
  if (prefix == "itunes" && ext::read_itunes(element, local, context)) return;
  if (prefix == "media" && local == "group") return read_children(element, depth, scope, context, nested);
  if (prefix == "media" && ext::read_media(element, local, context)) return;
  if ((prefix == "georss" || prefix == "gml") && ext::read_geo(element, local, context)) return;
  if (prefix == "psc" && ext::read_psc(element, local, context)) return;
  if (prefix == "feedburner" && local == "browserfriendly") {
    ext::set_text(context, "info", element, "text/plain");
    return;
  }
  read_generic(element, depth, scope, prefix + "_" + local, context, nested);
}

// The children of `parent`, which is `depth` deep and whose scope is
// `scope`; none deeper than kMaxElementDepth, which feed_reader has
// flagged already.
void read_children(pugi::xml_node parent, int depth, const xml::Scope& scope, ext::Context& context,
                   bool nested) {
  if (depth >= kMaxElementDepth) return;
  for (pugi::xml_node child : parent.children()) {
    if (child.type() != pugi::node_element) continue;
    const xml::Scope child_scope(&scope, child, context.document_url);
    read_element(child, depth + 1, child_scope, context, nested);
  }
}

bool is_named(pugi::xml_node node, std::string_view local) {
  return node.type() == pugi::node_element && xml::local_name(node) == local;
}

// The feed-level elements and the entries, as the format parsers find them:
// RSS channel and channel/item (plus items misplaced beside the channel), RDF
// channel and top-level items, Atom feed and feed/entry.
void collect(pugi::xml_node root, std::vector<pugi::xml_node>& feed_level,
             std::vector<pugi::xml_node>& entries) {
  const std::string_view name = xml::local_name(root);
  if (name == "feed") {
    feed_level.push_back(root);
    for (pugi::xml_node child : root.children()) {
      if (is_named(child, "entry")) entries.push_back(child);
    }
    return;
  }
  for (pugi::xml_node child : root.children()) {
    if (is_named(child, "channel")) {
      feed_level.push_back(child);
      if (name != "rss") continue;
      for (pugi::xml_node item : child.children()) {
        if (is_named(item, "item")) entries.push_back(item);
      }
    }
  }
  for (pugi::xml_node child : root.children()) {
    if (is_named(child, "item")) entries.push_back(child);
  }
}

}  // namespace

namespace ext {

std::string raw_text(pugi::xml_node element) {
  std::string value;
  for (pugi::xml_node child : element.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) value += child.value();
  }
  return value;
}

FeedValue attributes(pugi::xml_node element) {
  FeedValue object = FeedValue::object();
  for (pugi::xml_attribute attribute : element.attributes()) {
    const std::string_view name = attribute.name();
    if (name == "xmlns" || name.starts_with("xmlns:")) continue;
    object[core::lowercase_ascii(name)] = FeedValue::string(attribute.value());
  }
  return object;
}

void add_tag(Context& context, std::string_view term, std::string_view scheme,
             std::string_view label) {
  if (term.empty()) return;
  // The tags already added are remembered by their three strings: a search
  // of the list per tag made thousands of categories cost their square.
  std::string key;
  key.append(term).append(1, '\0').append(scheme).append(1, '\0').append(label);
  if (!context.tag_keys.insert(std::move(key)).second) return;
  FeedValue tag = FeedValue::object();
  tag["term"] = FeedValue::string(std::string(term));
  if (!scheme.empty()) tag["scheme"] = FeedValue::string(std::string(scheme));
  if (!label.empty()) tag["label"] = FeedValue::string(std::string(label));
  context.extras["tags"].push_back(std::move(tag));
}

void set_text(Context& context, std::string_view key, pugi::xml_node element,
              std::string_view default_type) {
  std::string type = core::lowercase_ascii(xml::trim(element.attribute("type").value()));
  if (type.empty()) type = default_type;
  if (type == "text" || type == "plain") type = "text/plain";
  if (type == "html") type = "text/html";
  if (type == "xhtml") type = "application/xhtml+xml";
  const std::string& base = context.scope->base();
  std::string value = xml::text(element);
  if (type == "text/html" || type == "application/xhtml+xml") value = markup::clean_html(value, base, type);
  FeedValue detail = FeedValue::object();
  detail["type"] = FeedValue::string(type);
  if (const std::string_view language = context.scope->language(); !language.empty()) {
    detail["language"] = FeedValue::string(std::string(language));
  }
  if (!base.empty()) detail["base"] = FeedValue::string(base);
  detail["value"] = FeedValue::string(value);
  context.extras[key] = FeedValue::string(std::move(value));
  context.extras[std::string(key) + "_detail"] = std::move(detail);
}

}  // namespace ext

void read_extensions(pugi::xml_node root, const std::string& document_url, ParsedFeed& feed) {
  std::vector<pugi::xml_node> feed_level;
  std::vector<pugi::xml_node> entries;
  collect(root, feed_level, entries);
  // The scopes of the root and of the elements around it, then of each
  // element that holds entries or is a feed-level one (a channel), made
  // once: the entries are its children.
  std::vector<std::unique_ptr<xml::Scope>> scopes = xml::scopes_down_to(root, document_url);
  const xml::Scope& root_scope = *scopes.back();
  std::vector<std::pair<pugi::xml_node, std::unique_ptr<xml::Scope>>> channels;
  const auto scope_of = [&](pugi::xml_node element) -> const xml::Scope& {
    if (element == root) return root_scope;
    for (const auto& [channel, scope] : channels) {
      if (channel == element) return *scope;
    }
    // collect() finds feed-level elements and entries' parents among the
    // root's children.
    channels.emplace_back(element, std::make_unique<xml::Scope>(&root_scope, element, document_url));
    return *channels.back().second;
  };
  ext::Context feed_context{feed.extras, document_url};
  for (pugi::xml_node element : feed_level) {
    read_children(element, xml::depth(element), scope_of(element), feed_context, false);
  }
  // Entries pair with the format parser's by position; should the two ever
  // disagree on the count, the surplus on either side is left alone.
  for (std::size_t i = 0; i < entries.size() && i < feed.entries.size(); ++i) {
    ext::Context entry_context{feed.entries[i].extras, document_url};
    const xml::Scope entry_scope(&scope_of(entries[i].parent()), entries[i], document_url);
    read_children(entries[i], xml::depth(entries[i]), entry_scope, entry_context, false);
  }
}

}  // namespace omvarld::feeds
