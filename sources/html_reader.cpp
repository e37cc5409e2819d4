#include "sources/html_reader.h"

#include <climits>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

namespace omvarld::sources {

namespace {

struct ContextDeleter {
  void operator()(htmlParserCtxt* context) const { htmlFreeParserCtxt(context); }
};

// Why libxml2 halted, from the last error it raised (its error functions
// stay quiet once it has halted, so this is the one that stopped it).
std::string halt_reason(const xmlError& error) {
  const std::string message = error.message != nullptr ? error.message : "";
  const std::string line = error.line > 0 ? " at line " + std::to_string(error.line) : "";
  if (message.find("Excessive depth") != std::string::npos) {
    return "elements nest more than " + std::to_string(kLibxml2MaxDepth) + " deep" + line +
           " (unclosed tags?); libxml2 reads no further";
  }
  std::string reason = message.substr(0, message.find_last_not_of(" \n") + 1);
  if (reason.empty()) reason = "no reason given";
  return "libxml2 stopped reading" + line + ": " + reason;
}

}  // namespace

Result<ReadHtml, std::string> read_html(std::string_view html, const char* encoding, int options) {
  if (html.size() > static_cast<std::size_t>(INT_MAX)) {
    return tl::unexpected(std::string("the document is larger than libxml2 reads (2 GiB)"));
  }
  if (html.empty()) return tl::unexpected(std::string("the document is empty"));
  xmlInitParser();
  // What htmlReadMemory does, keeping the context to look at afterwards.
  // Its context starts out as UTF-8 (it is made for XML), so a page that
  // declares no charset is read as UTF-8 and only bytes that are not UTF-8
  // make the parser guess Latin-1; an HTML context starts with none.
  std::unique_ptr<htmlParserCtxt, ContextDeleter> context(
      htmlCreateMemoryParserCtxt(html.data(), static_cast<int>(html.size())));
  if (!context) return tl::unexpected(std::string("out of memory"));
  context->charset = XML_CHAR_ENCODING_UTF8;
  htmlCtxtUseOptions(context.get(), options);
  if (encoding != nullptr) {
    if (xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(encoding)) {
      xmlSwitchToEncoding(context.get(), handler);
    }
  }
  htmlParseDocument(context.get());
  ReadHtml read{HtmlDoc(context->myDoc), {}};
  context->myDoc = nullptr;
  if (!read.doc) return tl::unexpected(std::string("libxml2 built no document"));
  // xmlHaltParser (too deep, a text node too large, out of memory) is the
  // one place that sets disableSAX in the HTML parser.
  if (context->disableSAX != 0) read.incomplete = halt_reason(context->lastError);
  return read;
}

}  // namespace omvarld::sources
