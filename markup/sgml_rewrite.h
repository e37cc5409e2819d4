// markup/sgml_rewrite.h
//
// The rewriting feedparser applies to embedded HTML before its sgmllib
// tokenizer reads it (BaseHTMLProcessor.feed()). Internal to markup/: the
// markup scanner (sgml_scanner.h) calls it. Pure.

#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace omvarld::markup {

// `markup` with "<!" that opens no comment, doctype or marked section
// written "&lt;!" (and "<![CDATA[" too when `escape_cdata`), <tag/>
// written <tag /> for void elements and <tag></tag> for the others, and
// &#39; and &#34; written as the quotes they stand for; nullopt when that
// changes nothing.
std::optional<std::string> rewrite_markup(std::string_view markup, bool escape_cdata);

}  // namespace omvarld::markup
