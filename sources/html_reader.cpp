#include "sources/html_reader.h"

#include <climits>
#include <cstring>

#include <libxml/parser.h>
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

Result<HtmlDoc, std::string> read_html(std::string_view html, const char* encoding, int options) {
  if (html.size() > static_cast<std::size_t>(INT_MAX)) {
    return tl::unexpected(std::string("the document is larger than libxml2 reads (2 GiB)"));
  }
  xmlInitParser();
  std::unique_ptr<htmlParserCtxt, ContextDeleter> context(htmlNewParserCtxt());
  if (!context) return tl::unexpected(std::string("out of memory"));
  HtmlDoc doc(htmlCtxtReadMemory(context.get(), html.data(), static_cast<int>(html.size()), nullptr,
                                 encoding, options));
  // xmlHaltParser (too deep, a text node too large, out of memory) is the
  // one place that sets disableSAX in the HTML parser.
  if (context->disableSAX != 0) return tl::unexpected(halt_reason(context->lastError));
  if (!doc) return tl::unexpected(std::string("libxml2 built no document"));
  return doc;
}

}  // namespace omvarld::sources
