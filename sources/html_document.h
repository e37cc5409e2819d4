// sources/html_document.h
//
// A web page as libxml2's HTML parser reads it, and XPath 1.0 over it: the
// one place in sources/ that holds libxml2 handles, for the html kind's
// items (html_items.cpp) and for feed discovery (feed_discovery.cpp). No
// libxml2 header is included here. A page and its nodes belong to one
// thread at a time; separate pages are independent. Internal to sources/.

#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

struct _xmlDoc;
struct _xmlNode;
struct _xmlXPathContext;
struct _xmlXPathCompExpr;

namespace omvarld::sources {

// A compiled XPath 1.0 expression; cheap to copy, usable on any page.
class XPath {
 public:
  // Fails with libxml2's reason ("Invalid predicate") when `expression` is
  // not XPath 1.0. Config loading has already checked the profile's.
  static Result<XPath, std::string> compile(std::string_view expression);

  const std::string& expression() const { return expression_; }

 private:
  friend class HtmlPage;
  friend class HtmlNode;
  XPath(std::string expression, std::shared_ptr<_xmlXPathCompExpr> compiled);

  std::string expression_;
  std::shared_ptr<_xmlXPathCompExpr> compiled_;
};

class HtmlPage;

// An element (or attribute, text) of a page; valid while its page lives.
class HtmlNode {
 public:
  // What `xpath` finds with this node as its context: the plain text of the
  // first node it selects (tags, scripts and comments removed, entities
  // decoded, whitespace collapsed; of an element, read from at most its
  // first 10,000 nodes and 64 KiB of markup), or the string, number or
  // boolean it computes. nullopt when it selects nothing or only whitespace.
  std::optional<std::string> text(const XPath& xpath) const;

  // The link `xpath` finds with this node as its context, as written: the
  // value of the attribute it selects, else the href of the element it
  // selects or of the first <a href> inside that element, else a string it
  // computes. nullopt when there is none.
  std::optional<std::string> link(const XPath& xpath) const;

  // The value of attribute `name` (ASCII, any case); "" when absent.
  std::string attribute(std::string_view name) const;

  // The element (or document) that holds this node; nullopt for the document.
  std::optional<HtmlNode> parent() const;

  // Equal for the same node of the same page, and only for it.
  const void* identity() const { return node_; }

 private:
  friend class HtmlPage;
  HtmlNode(_xmlNode* node, _xmlXPathContext* context) : node_(node), context_(context) {}

  _xmlNode* node_;
  _xmlXPathContext* context_;
};

class HtmlPage {
 public:
  // Reads `html` as a browser would, recovering from broken markup, never
  // loading anything over the network; the character set comes from the
  // page's <meta> (else UTF-8, or Latin-1 when the bytes are not UTF-8).
  // nullopt only when there is nothing to read (an empty body). A page
  // libxml2 stops reading part-way (sources/html_reader.h) is the part
  // before the break, and incomplete() says why.
  static std::optional<HtmlPage> parse(std::string_view html);

  // "" when the whole page was read; else why and where libxml2 stopped.
  const std::string& incomplete() const { return incomplete_; }

  // The nodes `xpath` selects in the whole page, in document order, but for
  // namespace nodes; empty when it selects nothing or computes a value
  // rather than nodes.
  std::vector<HtmlNode> select(const XPath& xpath) const;

  // The page's own base: the first <base href>, resolved against `page_url`,
  // when that is a web address (http(s) or `page_url`'s own scheme;
  // sources/web_link.h); else `page_url` itself.
  std::string base_url(std::string_view page_url) const;

 private:
  struct Deleter {
    void operator()(_xmlDoc* doc) const;
    void operator()(_xmlXPathContext* context) const;
  };
  HtmlPage(std::unique_ptr<_xmlDoc, Deleter> doc, std::unique_ptr<_xmlXPathContext, Deleter> context,
           std::string incomplete);

  std::unique_ptr<_xmlDoc, Deleter> doc_;
  std::unique_ptr<_xmlXPathContext, Deleter> context_;
  std::string incomplete_;
};

}  // namespace omvarld::sources
