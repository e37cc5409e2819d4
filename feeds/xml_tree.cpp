#include "feeds/xml_tree.h"

#include <vector>

#include "feeds/ascii.h"
#include "feeds/url.h"

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

}  // namespace

std::string_view local_name(pugi::xml_node element) {
  const std::string_view name = element.name();
  const auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string namespace_uri(pugi::xml_node element) {
  const std::string_view prefix = prefix_of(element.name());
  if (prefix == "xml") return "http://www.w3.org/XML/1998/namespace";
  const std::string attribute = prefix.empty() ? "xmlns" : "xmlns:" + std::string(prefix);
  for (pugi::xml_node node = element; node.type() == pugi::node_element; node = node.parent()) {
    if (pugi::xml_attribute declared = node.attribute(attribute.c_str())) {
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
      const std::string_view value = declared.value();
      const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
      for (const Alias& alias : kAliases) {
        if (value.size() != alias.written.size()) continue;
        bool same = true;
        for (std::size_t i = 0; same && i < value.size(); ++i) same = lower(value[i]) == lower(alias.written[i]);
        if (same) return std::string(alias.canonical);
      }
      return std::string(value);
    }
  }
  return std::string(conventional_namespace(prefix));
}

bool is(pugi::xml_node element, std::string_view ns, std::string_view local) {
  return local_name(element) == local && namespace_uri(element) == ns;
}

std::string trim(std::string_view text) { return std::string(trim_space(text)); }

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

std::string base_uri(pugi::xml_node element, const std::string& document_url) {
  std::vector<std::string_view> bases;
  for (pugi::xml_node node = element; node.type() == pugi::node_element; node = node.parent()) {
    if (pugi::xml_attribute base = node.attribute("xml:base")) bases.push_back(base.value());
  }
  std::string uri = document_url;
  for (auto it = bases.rbegin(); it != bases.rend(); ++it) uri = resolve_url(uri, *it);
  return uri;
}

std::string resolve(pugi::xml_node element, std::string_view reference,
                    const std::string& document_url) {
  if (trim(reference).empty()) return {};
  return resolve_url(base_uri(element, document_url), reference);
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
