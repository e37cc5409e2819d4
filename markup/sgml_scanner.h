// markup/sgml_scanner.h
//
// The markup tokenizer behind feedparser's HTML processing (Python's
// sgmllib as feedparser configures it), so that our sanitizer sees the same
// tags, attributes, text and references feedparser's does, including for
// broken markup: where the tokenizer lets a construct through, how it reads
// unquoted and half-quoted attributes, what becomes text. One pass over the
// input, no regular expressions, no recursion; every search is bounded by
// the input. Internal to markup/. Pure; a handler is used by one scan only.

#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace omvarld::markup {

struct MarkupAttribute {
  std::string name;   // lower-case
  std::string value;  // as written, quotes removed, references not decoded
};

// What the scanner found, in document order.
class MarkupHandler {
 public:
  virtual ~MarkupHandler() = default;

  // `tag` is lower-case. `attributes` may repeat a name; the handler may
  // consume them.
  virtual void start_tag(std::string_view tag, std::vector<MarkupAttribute>& attributes) = 0;
  virtual void end_tag(std::string_view tag) = 0;
  // Text between constructs, as written. It may hold markup the scanner
  // gave up on (an unterminated tag at the end, SGML's <tag/text/).
  virtual void text(std::string_view text) = 0;
  virtual void char_ref(std::string_view digits) = 0;  // "160" or "x20AC"
  virtual void entity_ref(std::string_view name) = 0;  // "amp", "nbsp", "bogus"
  virtual void comment(std::string_view text) = 0;
  virtual void processing_instruction(std::string_view text) = 0;
  virtual void doctype(std::string_view text) = 0;  // between "<!" and ">"

  // feedparser's sanitizer drops an unterminated comment up to the next
  // "--...>" (or the end); its URI resolver passes it on as text.
  virtual bool drops_unterminated_comments() const = 0;
};

// Scans `markup` after feedparser's rewriting of it: "<!" that starts no
// comment, doctype or marked section becomes "&lt;!", "<![CDATA[" too when
// `escape_cdata`, <tag/> becomes <tag /> or <tag></tag>, and &#39; &#34;
// become quotes. `xhtml` (application/xhtml+xml content) makes <tag .../>
// close the element it opens.
void scan_markup(std::string_view markup, bool xhtml, bool escape_cdata, MarkupHandler& handler);

}  // namespace omvarld::markup
