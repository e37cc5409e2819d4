// digest/highlight.h
//
// Marks the matched terms inside an excerpt for the HTML body. Pure.

#pragma once

#include <span>
#include <string>
#include <string_view>

namespace omvarld::digest {

// Returns `text` HTML-escaped, with every whole-word, case-insensitive
// occurrence of a plain term ("förskola", "Erasmus+") wrapped in <strong>.
// Terms with wildcards, quotes, spaces or prefixes ("skol*", "\"social
// ekonomi\"", "=EU", "title:x") are not highlighted. Matching happens on the
// raw text and each piece is escaped on its own, so the markup added here is
// the only markup in the result.
std::string highlight_terms(std::string_view text, std::span<const std::string> terms);

}  // namespace omvarld::digest
