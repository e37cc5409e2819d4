// sources/html_reader.h
//
// libxml2's HTML parser, with what htmlReadMemory keeps to itself: whether
// it read the whole document. libxml2 stops for good, keeping what it has
// built so far, when elements nest more than 256 deep (xmlParserMaxDepth;
// a page of unclosed <div>s reaches it) or a text node outgrows 10 MB; the
// rest of the page would be lost without a word. The limits themselves
// stay: past them its parser would scan its stack of open elements at every
// end tag, which makes a hostile page quadratic. Internal to sources/ (the
// .cpp files that walk libxml2 trees); pure.

#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "core/result.h"

namespace omvarld::sources {

// libxml2's own limit on open elements, counting the <html> and <body> it
// adds (parser.c, nodePush); only XML_PARSE_HUGE lifts it.
inline constexpr int kLibxml2MaxDepth = 256;

struct HtmlDocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using HtmlDoc = std::unique_ptr<xmlDoc, HtmlDocDeleter>;

// A document as libxml2 built it, and why it is not the whole page.
struct ReadHtml {
  HtmlDoc doc;  // never null
  // "" when libxml2 read to the end; else one line that says why and where
  // it stopped ("elements nest more than 256 deep at line 3 (unclosed
  // tags?); libxml2 reads no further"): `doc` holds only what came before.
  std::string incomplete;
};

// `html` parsed with `options` (HTML_PARSE_*), in `encoding` (nullptr: as
// the page's <meta> says). Fails only when libxml2 built no document.
Result<ReadHtml, std::string> read_html(std::string_view html, const char* encoding, int options);

}  // namespace omvarld::sources
