#include "sources/html_document.h"

#include <utility>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>

#include "markup/html_text.h"
#include "markup/url.h"
#include "sources/html_reader.h"
#include "sources/web_link.h"

namespace omvarld::sources {

namespace {

const xmlChar* xml_chars(const char* text) { return reinterpret_cast<const xmlChar*>(text); }

// The length of the well-formed UTF-8 sequence (RFC 3629, table 3-7 of
// Unicode) at `at`, or 0 when there is none there.
std::size_t utf8_sequence_at(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[at + k]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  const std::size_t length = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3
                             : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
  if (length == 0 || at + length > text.size()) return 0;
  // The second byte's range excludes overlong forms, surrogates and code
  // points past U+10FFFF.
  const unsigned char low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
  const unsigned char high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
  if (byte(1) < low || byte(1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if ((byte(k) & 0xC0) != 0x80) return 0;
  }
  return length;
}

// libxml2's HTML parser passes on a byte that is not UTF-8 in a page it
// reads as UTF-8 (a stray 0xA5 in "Samr\xA5d"); what leaves this file is
// UTF-8, each such byte U+FFFD, so that the store, the digest and `source
// discover --json` (whose JSON writer throws on it) get text.
std::string to_string(const xmlChar* text) {
  if (text == nullptr) return {};
  const std::string_view bytes(reinterpret_cast<const char*>(text));
  std::string valid;
  valid.reserve(bytes.size());
  for (std::size_t at = 0; at < bytes.size();) {
    if (const std::size_t length = utf8_sequence_at(bytes, at); length > 0) {
      valid.append(bytes, at, length);
      at += length;
    } else {
      valid += "\xEF\xBF\xBD";
      ++at;
    }
  }
  return valid;
}

// xmlNodeGetContent, xmlGetProp and xmlXPathCastToString hand over a copy
// the caller frees.
std::string take_string(xmlChar* text) {
  std::string result = to_string(text);
  xmlFree(text);
  return result;
}

std::string trimmed(std::string text) {
  const auto first = text.find_first_not_of(" \t\r\n\f\v");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n\f\v");
  return text.substr(first, last - first + 1);
}

// Plain text through feeds' one HTML-to-text routine, so a page's text
// reads like a feed's: the characters that would start markup are escaped
// first, because this text is already decoded.
std::string plain_text_of_text(const std::string& text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    if (c == '&') escaped += "&amp;";
    else if (c == '<') escaped += "&lt;";
    else escaped += c;
  }
  return markup::html_to_text(escaped);
}

// How much of an element its text is read from. A title, date or summary
// on a listing page is a line or a paragraph, and a page's worth of markup
// is far more than any of them; the bound keeps the work one expression
// does on one item small however the page nests its elements, so a page
// of nested items (unclosed tags) is read in time linear in its size.
constexpr std::size_t kMaxTextMarkupBytes = 64 * 1024;
constexpr std::size_t kMaxTextNodes = 10'000;

bool is_code(xmlNodePtr element) {
  return xmlStrcasecmp(element->name, xml_chars("script")) == 0 ||
         xmlStrcasecmp(element->name, xml_chars("style")) == 0;
}

// `text` escaped again, as far as `markup` may grow (kMaxTextMarkupBytes),
// cut before a character rather than inside one; a byte that is no UTF-8
// is U+FFFD, as in to_string().
void append_escaped(std::string& markup, const xmlChar* text) {
  if (text == nullptr) return;
  const std::string_view bytes(reinterpret_cast<const char*>(text));
  for (std::size_t at = 0; at < bytes.size() && markup.size() < kMaxTextMarkupBytes;) {
    const std::size_t length = utf8_sequence_at(bytes, at);
    if (length == 0) {
      markup += "\xEF\xBF\xBD";
      ++at;
      continue;
    }
    if (bytes[at] == '&') markup += "&amp;";
    else if (bytes[at] == '<') markup += "&lt;";
    else markup.append(bytes, at, length);
    at += length;
  }
}

// The markup of `element` and what it holds, as far as the bounds above
// allow: tags by name (attributes say nothing html_to_text keeps), text
// escaped again, scripts, styles and comments left out. Walks the tree in
// document order without recursion.
std::string bounded_markup(xmlNodePtr element) {
  std::string markup;
  std::size_t nodes = 0;
  xmlNodePtr node = element;
  while (node != nullptr && markup.size() < kMaxTextMarkupBytes && nodes++ < kMaxTextNodes) {
    const bool open = node->type == XML_ELEMENT_NODE && !is_code(node);
    if (open) {
      markup += '<';
      markup += reinterpret_cast<const char*>(node->name);
      markup += '>';
    } else if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      append_escaped(markup, node->content);
    }
    if (open && node->children != nullptr) {
      node = node->children;
      continue;
    }
    // Up to the first ancestor with a next sibling, closing what is left.
    while (node != element && node->next == nullptr) {
      node = node->parent;
      if (node->type != XML_ELEMENT_NODE) continue;
      markup += "</";
      markup += reinterpret_cast<const char*>(node->name);
      markup += '>';
    }
    node = node == element ? nullptr : node->next;
  }
  return markup;
}

// An element's text the way a reader sees it: its markup reduced by
// html_to_text, which keeps block boundaries as spaces ("<h3>A</h3><p>B</p>"
// is "A B", not "AB").
std::string plain_text_of_element(xmlNodePtr element) {
  return markup::html_to_text(bounded_markup(element));
}

std::optional<std::string> non_blank(std::string text) {
  if (text.find_first_not_of(" \t\r\n\f\v") == std::string::npos) return std::nullopt;
  return text;
}

std::string href_of(xmlNodePtr element) {
  return trimmed(take_string(xmlGetProp(element, xml_chars("href"))));
}

// The href of `element`, else of the first <a href> inside it, in
// document order: a profile's `link` may name the heading or card that
// holds the anchor. Walks without recursion.
std::string element_link(xmlNodePtr element) {
  if (xmlHasProp(element, xml_chars("href")) != nullptr) return href_of(element);
  xmlNodePtr node = element->children;
  while (node != nullptr) {
    if (node->type == XML_ELEMENT_NODE) {
      if (xmlStrcasecmp(node->name, xml_chars("a")) == 0 &&
          xmlHasProp(node, xml_chars("href")) != nullptr) {
        if (std::string href = href_of(node); !href.empty()) return href;
      }
      if (node->children != nullptr) {
        node = node->children;
        continue;
      }
    }
    while (node != element && node->next == nullptr) node = node->parent;
    node = node == element ? nullptr : node->next;
  }
  return {};
}

// Evaluation errors (an unknown function) belong to the profile and show
// up as "found nothing"; libxml2 would otherwise print them to stderr.
void ignore_error(void*, xmlErrorPtr) {}

// The value of `xpath` with `node` as its context; freed by the caller.
xmlXPathObjectPtr evaluate(const std::shared_ptr<_xmlXPathCompExpr>& xpath, xmlNodePtr node,
                           xmlXPathContextPtr context) {
  context->node = node;
  return xmlXPathCompiledEval(xpath.get(), context);
}

struct ObjectDeleter {
  void operator()(xmlXPathObjectPtr object) const { xmlXPathFreeObject(object); }
};
using XPathValue = std::unique_ptr<xmlXPathObject, ObjectDeleter>;

xmlNodePtr first_node(const XPathValue& value) {
  if (value->type != XPATH_NODESET || value->nodesetval == nullptr ||
      value->nodesetval->nodeNr == 0) {
    return nullptr;
  }
  return value->nodesetval->nodeTab[0];
}

}  // namespace

XPath::XPath(std::string expression, std::shared_ptr<_xmlXPathCompExpr> compiled)
    : expression_(std::move(expression)), compiled_(std::move(compiled)) {}

Result<XPath, std::string> XPath::compile(std::string_view expression) {
  xmlInitParser();
  xmlXPathContextPtr quiet = xmlXPathNewContext(nullptr);
  if (quiet == nullptr) return tl::unexpected(std::string("out of memory"));
  quiet->error = &ignore_error;
  std::string text(expression);
  xmlXPathCompExprPtr compiled = xmlXPathCtxtCompile(quiet, xml_chars(text.c_str()));
  xmlXPathFreeContext(quiet);
  if (compiled == nullptr) return tl::unexpected("\"" + text + "\" is not a valid XPath expression");
  return XPath(std::move(text), std::shared_ptr<_xmlXPathCompExpr>(compiled, xmlXPathFreeCompExpr));
}

std::optional<std::string> HtmlNode::text(const XPath& xpath) const {
  XPathValue value(evaluate(xpath.compiled_, node_, context_));
  if (!value) return std::nullopt;
  if (value->type != XPATH_NODESET) {
    return non_blank(plain_text_of_text(take_string(xmlXPathCastToString(value.get()))));
  }
  xmlNodePtr found = first_node(value);
  if (found == nullptr) return std::nullopt;
  if (found->type == XML_ELEMENT_NODE) return non_blank(plain_text_of_element(found));
  return non_blank(plain_text_of_text(take_string(xmlNodeGetContent(found))));
}

std::optional<std::string> HtmlNode::link(const XPath& xpath) const {
  XPathValue value(evaluate(xpath.compiled_, node_, context_));
  if (!value) return std::nullopt;
  std::string link;
  if (value->type != XPATH_NODESET) {
    link = trimmed(take_string(xmlXPathCastToString(value.get())));
  } else if (xmlNodePtr found = first_node(value); found == nullptr) {
    return std::nullopt;
  } else if (found->type == XML_ELEMENT_NODE) {
    link = element_link(found);
  } else {
    link = trimmed(take_string(xmlNodeGetContent(found)));
  }
  if (link.empty()) return std::nullopt;
  return link;
}

std::string HtmlNode::attribute(std::string_view name) const {
  if (node_->type != XML_ELEMENT_NODE) return {};
  const std::string wanted(name);
  for (xmlAttrPtr attribute = node_->properties; attribute != nullptr; attribute = attribute->next) {
    if (xmlStrcasecmp(attribute->name, xml_chars(wanted.c_str())) == 0) {
      return take_string(xmlNodeGetContent(reinterpret_cast<xmlNodePtr>(attribute)));
    }
  }
  return {};
}

std::optional<HtmlNode> HtmlNode::parent() const {
  if (node_->parent == nullptr) return std::nullopt;
  return HtmlNode(node_->parent, context_);
}

void HtmlPage::Deleter::operator()(_xmlDoc* doc) const { xmlFreeDoc(doc); }
void HtmlPage::Deleter::operator()(_xmlXPathContext* context) const { xmlXPathFreeContext(context); }

HtmlPage::HtmlPage(std::unique_ptr<_xmlDoc, Deleter> doc,
                   std::unique_ptr<_xmlXPathContext, Deleter> context, std::string incomplete)
    : doc_(std::move(doc)), context_(std::move(context)), incomplete_(std::move(incomplete)) {}

std::optional<HtmlPage> HtmlPage::parse(std::string_view html) {
  if (html.find_first_not_of(" \t\r\n") == std::string_view::npos) return std::nullopt;
  // RECOVER: pages are tag soup; NONET: a page must never make us fetch a
  // DTD or anything else; NOERROR/NOWARNING: the soup is normal, not news.
  // The implied <html> and <body> are kept, as a browser adds them, so a
  // profile written against the browser's inspector matches here too.
  constexpr int kOptions =
      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;
  auto read = read_html(html, nullptr, kOptions);
  if (!read) return std::nullopt;
  // Document order numbered once, so that XPath sorts a node-set by
  // comparing two numbers rather than walking both nodes' ancestors.
  xmlXPathOrderDocElems(read->doc.get());
  std::unique_ptr<_xmlXPathContext, Deleter> context(xmlXPathNewContext(read->doc.get()));
  if (!context) return std::nullopt;
  context->error = &ignore_error;
  return HtmlPage(std::unique_ptr<_xmlDoc, Deleter>(read->doc.release()), std::move(context),
                  std::move(read->incomplete));
}

std::vector<HtmlNode> HtmlPage::select(const XPath& xpath) const {
  std::vector<HtmlNode> nodes;
  XPathValue value(evaluate(xpath.compiled_, reinterpret_cast<xmlNodePtr>(doc_.get()),
                            context_.get()));
  if (!value || value->type != XPATH_NODESET || value->nodesetval == nullptr) return nodes;
  for (int index = 0; index < value->nodesetval->nodeNr; ++index) {
    xmlNodePtr node = value->nodesetval->nodeTab[index];
    // A namespace node ("//namespace::*") is a copy that lives only as long
    // as `value`, and no element of the page: it is passed over.
    if (node == nullptr || node->type == XML_NAMESPACE_DECL) continue;
    nodes.push_back(HtmlNode(node, context_.get()));
  }
  return nodes;
}

std::string HtmlPage::base_url(std::string_view page_url) const {
  auto base = XPath::compile("(//base[@href])[1]");
  if (base) {
    for (const HtmlNode& node : select(*base)) {
      // Not a base of another kind than the page's: <base href="file:///">
      // on a web page would make every link on it a local file.
      const std::string href = web_link(page_url, node.attribute("href"));
      if (!href.empty()) return href;
    }
  }
  return std::string(page_url);
}

}  // namespace omvarld::sources
