#include "digest/highlight.h"

#include <algorithm>
#include <vector>

#include "digest/html_escape.h"
#include "digest/utf8.h"

namespace omvarld::digest {

namespace {

// A plain term: word characters, with "+" or "-" inside or at the end, and
// a word character first.
bool is_plain_term(std::string_view term) {
  if (term.empty()) return false;
  bool first = true;
  for (std::size_t at = 0; at < term.size();) {
    const CodePoint cp = decode_utf8(term, at);
    const bool word = is_word_char(cp.value);
    if (first && !word) return false;
    if (!word && cp.value != U'+' && cp.value != U'-') return false;
    first = false;
    at += cp.size;
  }
  return true;
}

bool ends_with_word_char(std::string_view text) {
  std::size_t at = text.size();
  while (at > 0 && (static_cast<unsigned char>(text[at - 1]) & 0xC0) == 0x80) --at;
  return at > 0 && is_word_char(decode_utf8(text, at - 1).value);
}

// Folded needles, longest first, so "Erasmus+" wins over "Erasmus".
std::vector<std::string> needles_for(std::span<const std::string> terms) {
  std::vector<std::string> needles;
  for (const std::string& term : terms) {
    if (is_plain_term(term)) needles.push_back(fold_case(term));
  }
  std::sort(needles.begin(), needles.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return needles;
}

}  // namespace

std::string highlight_terms(std::string_view text, std::span<const std::string> terms) {
  const std::vector<std::string> needles = needles_for(terms);
  if (needles.empty()) return html_escape(text);

  const std::string folded = fold_case(text);
  std::string html;
  std::size_t plain_from = 0;  // start of the text not yet written
  bool after_word = false;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t matched = 0;
    if (!after_word) {
      for (const std::string& needle : needles) {
        if (folded.compare(at, needle.size(), needle) != 0) continue;
        const std::size_t end = at + needle.size();
        const bool word_continues = end < text.size() && ends_with_word_char(needle) &&
                                    is_word_char(decode_utf8(text, end).value);
        if (!word_continues) {
          matched = needle.size();
          break;
        }
      }
    }
    if (matched > 0) {
      html += html_escape(text.substr(plain_from, at - plain_from));
      html += "<strong>";
      html += html_escape(text.substr(at, matched));
      html += "</strong>";
      at += matched;
      plain_from = at;
      after_word = ends_with_word_char(text.substr(0, at));
      continue;
    }
    const CodePoint cp = decode_utf8(text, at);
    after_word = is_word_char(cp.value);
    at += cp.size;
  }
  html += html_escape(text.substr(plain_from));
  return html;
}

}  // namespace omvarld::digest
