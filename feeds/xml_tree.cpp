#include "feeds/xml_tree.h"

#include <algorithm>
#include <vector>

#include "core/ascii.h"
#include "markup/url.h"

namespace omvarld::feeds::xml {
namespace {

std::string_view prefix_of(std::string_view name) {
  const auto colon = name.find(':');
  return colon == std::string_view::npos ? std::string_view() : name.substr(0, colon);
}

std::string_view conventional_namespace(std::string_view prefix) {
  if (prefix == "dc") return kDublinCore;
  if (prefix == "dcterms") return kDcTerms;
  if (prefix == "content") return kContent;
  if (prefix == "atom") return kAtom10;
  if (prefix == "rdf") return kRdf;
  return {};
}

class StringWriter final : public pugi::xml_writer {
 public:
  explicit StringWriter(std::string& out) : out_(out) {}
  void write(const void* data, std::size_t size) override {
    out_.append(static_cast<const char*>(data), size);
  }

 private:
  std::string& out_;
};

// A declared namespace URI in the one spelling the readers compare.
std::string canonical_namespace(std::string_view value) {
  // feedparser matches namespace URIs case-insensitively and accepts the
  // variants feeds really declare: Atom's pre-1.0 drafts (echo, pie,
  // necho, newformat) for Atom 0.3, iTunes' URI under example.com, Media
  // RSS without its trailing slash. They resolve to one spelling here.
  struct Alias {
    std::string_view written;
    std::string_view canonical;
  };
  static constexpr Alias kAliases[] = {
      {kAtom10, kAtom10},
      {kAtom03, kAtom03},
      {"http://example.com/newformat#", kAtom03},
      {"http://example.com/necho", kAtom03},
      {"http://purl.org/echo/", kAtom03},
      {"uri/of/echo/namespace#", kAtom03},
      {"http://purl.org/pie/", kAtom03},
      {"http://www.itunes.com/DTDs/PodCast-1.0.dtd", "http://www.itunes.com/DTDs/PodCast-1.0.dtd"},
      {"http://example.com/DTDs/PodCast-1.0.dtd", "http://www.itunes.com/DTDs/PodCast-1.0.dtd"},
      {"http://search.yahoo.com/mrss", "http://search.yahoo.com/mrss/"},
      {"http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss/"},
  };
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  for (const Alias& alias : kAliases) {
    if (value.size() != alias.written.size()) continue;
    bool same = true;
    for (std::size_t i = 0; same && i < value.size(); ++i) same = lower(value[i]) == lower(alias.written[i]);
    if (same) return std::string(alias.canonical);
  }
  return std::string(value);
}

constexpr std::string_view kXmlNamespace = "http://www.w3.org/XML/1998/namespace";

}  // namespace

std::string namespace_uri(pugi::xml_node element) {
  const std::string_view prefix = prefix_of(element.name());
  if (prefix == "xml") return std::string(kXmlNamespace);
  const std::string attribute = prefix.empty() ? "xmlns" : "xmlns:" + std::string(prefix);
  for (pugi::xml_node node = element; node.type() == pugi::node_element; node = node.parent()) {
    if (pugi::xml_attribute declared = node.attribute(attribute.c_str())) return canonical_namespace(declared.value());
  }
  return std::string(conventional_namespace(prefix));
}

std::string_view local_name(pugi::xml_node element) {
  const std::string_view name = element.name();
  const auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool is(pugi::xml_node element, std::string_view ns, std::string_view local) {
  return local_name(element) == local && namespace_uri(element) == ns;
}

std::string trim(std::string_view text) { return std::string(core::trim_space(text)); }

std::string text(pugi::xml_node element) {
  std::string value;
  for (pugi::xml_node child : element.children()) {
    if (child.type() == pugi::node_element) return trim(inner_xml(element));
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      value += child.value();
    }
  }
  return trim(value);
}

std::string inner_xml(pugi::xml_node element) {
  std::string out;
  StringWriter writer(out);
  for (pugi::xml_node child : element.children()) {
    child.print(writer, "", pugi::format_raw, pugi::encoding_utf8);
  }
  return out;
}

std::string descendant_text(pugi::xml_node element) {
  std::string value;
  // Preorder without a stack: down to the first child, else to the next
  // sibling of the nearest node that has one, never above `element`.
  pugi::xml_node node = element.first_child();
  while (node) {
    if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) value += node.value();
    if (pugi::xml_node child = node.first_child()) {
      node = child;
      continue;
    }
    while (node && node != element && !node.next_sibling()) node = node.parent();
    node = node && node != element ? node.next_sibling() : pugi::xml_node();
  }
  return value;
}

int depth(pugi::xml_node element) {
  int levels = 0;
  for (pugi::xml_node node = element; node.type() == pugi::node_element; node = node.parent()) ++levels;
  return levels;
}

void remove_subtree(pugi::xml_node element) {
  pugi::xml_node node = element;
  while (true) {
    // The last node of the subtree in preorder has no children: it goes
    // alone, and its parent may be next.
    while (pugi::xml_node child = node.last_child()) node = child;
    pugi::xml_node parent = node.parent();
    const bool last = node == element;
    parent.remove_child(node);
    if (last) return;
    node = parent;
  }
}

std::string base_uri(pugi::xml_node element, const std::string& document_url) {
  std::vector<std::string_view> bases;
  for (pugi::xml_node node = element; node.type() == pugi::node_element; node = node.parent()) {
    if (pugi::xml_attribute base = node.attribute("xml:base")) bases.push_back(base.value());
  }
  std::string uri = document_url;
  for (auto it = bases.rbegin(); it != bases.rend(); ++it) uri = markup::resolve_url(uri, *it);
  return uri;
}

std::string resolve(pugi::xml_node element, std::string_view reference,
                    const std::string& document_url) {
  if (trim(reference).empty()) return {};
  return markup::resolve_url(base_uri(element, document_url), reference);
}

std::string person(pugi::xml_node element, std::string_view ns) {
  std::string name;
  std::string email;
  for (pugi::xml_node child : element.children()) {
    if (child.type() != pugi::node_element || namespace_uri(child) != ns) continue;
    if (local_name(child) == "name") name = text(child);
    if (local_name(child) == "email") email = text(child);
  }
  if (name.empty()) return email;
  if (email.empty()) return name;
  return name + " (" + email + ")";
}

std::string language(pugi::xml_node element) {
  for (pugi::xml_node node = element; node.type() == pugi::node_element; node = node.parent()) {
    if (pugi::xml_attribute lang = node.attribute("xml:lang")) return lang.value();
  }
  return {};
}

Link link(pugi::xml_node element, const std::string& document_url) {
  Link result;
  if (const char* rel = element.attribute("rel").value(); *rel != '\0') result.rel = rel;
  result.type = element.attribute("type").value();
  result.href = resolve(element, element.attribute("href").value(), document_url);
  result.title = element.attribute("title").value();
  return result;
}

}  // namespace omvarld::feeds::xml

namespace omvarld::feeds::xml {

Scope::Scope(const Scope* parent, pugi::xml_node element, const std::string& document_url)
    : parent_(parent), element_(element), base_(parent ? &parent->base() : &document_url) {
  if (parent) language_ = parent->language_;
  bool base_seen = false;
  bool language_seen = false;
  // The first attribute of a name counts, as pugixml's attribute(name) finds it.
  for (pugi::xml_attribute attribute : element.attributes()) {
    const std::string_view name = attribute.name();
    if (name == "xmlns" || name.starts_with("xmlns:")) {
      const std::string_view prefix = name == "xmlns" ? std::string_view() : name.substr(6);
      if (own_declaration(prefix) == nullptr) add_declaration(prefix, attribute.value());
    } else if (name == "xml:base" && !base_seen) {
      base_seen = true;
      own_base_ = markup::resolve_url(*base_, attribute.value());
      base_ = &own_base_;
    } else if (name == "xml:lang" && !language_seen) {
      language_seen = true;
      language_ = attribute.value();
    }
  }
}

const std::string_view* Scope::own_declaration(std::string_view prefix) const {
  if (!index_.empty()) {
    const auto found = index_.find(prefix);
    return found == index_.end() ? nullptr : &found->second;
  }
  for (const auto& [declared_prefix, uri] : declarations_) {
    if (declared_prefix == prefix) return &uri;
  }
  return nullptr;
}

void Scope::add_declaration(std::string_view prefix, std::string_view uri) {
  if (!index_.empty()) {
    index_.emplace(prefix, uri);
    return;
  }
  declarations_.emplace_back(prefix, uri);
  if (declarations_.size() == kIndexedFrom) {
    index_.insert(declarations_.begin(), declarations_.end());
    declarations_.clear();
  }
}

const std::string_view* Scope::declared(std::string_view prefix) const {
  for (const Scope* scope = this; scope != nullptr; scope = scope->parent_) {
    if (const std::string_view* uri = scope->own_declaration(prefix)) return uri;
  }
  return nullptr;
}

std::string Scope::namespace_uri() const {
  const std::string_view prefix = prefix_of(element_.name());
  if (prefix == "xml") return std::string(kXmlNamespace);
  if (const std::string_view* uri = declared(prefix)) return canonical_namespace(*uri);
  return std::string(conventional_namespace(prefix));
}

std::string Scope::resolve(std::string_view reference) const {
  if (trim(reference).empty()) return {};
  return markup::resolve_url(base(), reference);
}

std::vector<std::unique_ptr<Scope>> scopes_down_to(pugi::xml_node element, const std::string& document_url) {
  std::vector<pugi::xml_node> path;
  for (pugi::xml_node node = element; node.type() == pugi::node_element; node = node.parent()) path.push_back(node);
  std::vector<std::unique_ptr<Scope>> scopes;
  for (auto node = path.rbegin(); node != path.rend(); ++node) {
    scopes.push_back(std::make_unique<Scope>(scopes.empty() ? nullptr : scopes.back().get(), *node, document_url));
  }
  return scopes;
}

}  // namespace omvarld::feeds::xml
