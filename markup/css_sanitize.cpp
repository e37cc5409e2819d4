// feedparser's sanitize_style, written as three linear scans instead of its
// regular expressions: drop url(...), check the whole value against a small
// alphabet ("the gauntlet"), then split it into declarations and keep the
// allowed ones. Non-ASCII characters count as word characters, as Python's
// \w counts letters.

#include "markup/css_sanitize.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "core/ascii.h"
#include "markup/html_allowlists.h"

namespace omvarld::markup {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
         (c >= '\x1c' && c <= '\x1f');
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_word(char c) { return is_alnum(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80; }

// Length of the character starting at `at`: a whole UTF-8 sequence counts
// as one character, as it does for Python.
std::size_t char_length(std::string_view text, std::size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  std::size_t length = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  return std::min(length, text.size() - at);
}

// `url\s*\(\s*[^\s)]+?\s*\)\s*` replaced by one space.
std::string drop_urls(std::string_view style) {
  std::string out;
  out.reserve(style.size());
  // A target that ran to `failed_end` and found no ')' after it: a later
  // "url(" whose target starts inside it ends there too, and fails alike.
  // Not scanned again: "url(url(url(…" would cost the square of its length.
  std::size_t failed_end = 0;
  std::size_t i = 0;
  while (i < style.size()) {
    if (style.compare(i, 3, "url") == 0) {
      std::size_t j = i + 3;
      while (j < style.size() && is_space(style[j])) ++j;
      if (j < style.size() && style[j] == '(') {
        ++j;
        while (j < style.size() && is_space(style[j])) ++j;
        const std::size_t start = j;
        if (start < failed_end) {
          out += style[i++];
          continue;
        }
        while (j < style.size() && !is_space(style[j]) && style[j] != ')') ++j;
        const bool has_target = j > start;
        const std::size_t target_end = j;
        while (j < style.size() && is_space(style[j])) ++j;
        if (has_target && j < style.size() && style[j] == ')') {
          ++j;
          while (j < style.size() && is_space(style[j])) ++j;
          out += ' ';
          i = j;
          continue;
        }
        if (has_target) failed_end = target_end;
      }
    }
    out += style[i++];
  }
  return out;
}

// The gauntlet: the whole value is made of
//   [:,;#%.\sa-zA-Z0-9!] | \w-\w | '[\s\w]+' | "[\s\w]+" | \([\d,\s]+\)
// Decided over positions (which prefixes can be parsed), so no input makes
// it backtrack.
bool passes_gauntlet(std::string_view style) {
  const std::size_t n = style.size();
  std::vector<bool> reachable(n + 1, false);
  reachable[0] = true;
  auto word_at = [&](std::size_t at) { return at < n && is_word(style[at]); };
  for (std::size_t p = 0; p < n; ++p) {
    if (!reachable[p]) continue;
    const char c = style[p];
    if (is_alnum(c) || is_space(c) || c == ':' || c == ',' || c == ';' || c == '#' || c == '%' ||
        c == '.' || c == '!') {
      reachable[p + 1] = true;
    }
    if (word_at(p)) {
      const std::size_t dash = p + char_length(style, p);
      if (dash < n && style[dash] == '-' && word_at(dash + 1)) {
        reachable[dash + 1 + char_length(style, dash + 1)] = true;
      }
    }
    if (c == '\'' || c == '"') {
      std::size_t q = p + 1;
      while (q < n && (is_word(style[q]) || is_space(style[q]))) ++q;
      if (q > p + 1 && q < n && style[q] == c) reachable[q + 1] = true;
    }
    if (c == '(') {
      std::size_t q = p + 1;
      while (q < n && (is_digit(style[q]) || style[q] == ',' || is_space(style[q]))) ++q;
      if (q > p + 1 && q < n && style[q] == ')') reachable[q + 1] = true;
    }
  }
  return reachable[n];
}

struct Declaration {
  std::string_view property;
  std::string_view value;
};

// `\s*[-\w]+\s*:\s*[^:;]*;?` repeated, with nothing but whitespace between,
// nullopt when anything else is left over.
std::optional<std::vector<Declaration>> split_declarations(std::string_view style) {
  std::vector<Declaration> out;
  const std::size_t n = style.size();
  std::size_t p = 0;
  while (p < n) {
    std::size_t q = p;
    while (q < n && is_space(style[q])) ++q;
    const std::size_t name_start = q;
    while (q < n && (style[q] == '-' || is_word(style[q]))) ++q;
    const std::size_t name_end = q;
    while (q < n && is_space(style[q])) ++q;
    if (name_end == name_start || q >= n || style[q] != ':') {
      // No declaration starts here: only whitespace may be left over.
      if (!is_space(style[p])) return std::nullopt;
      ++p;
      continue;
    }
    ++q;
    while (q < n && is_space(style[q])) ++q;
    const std::size_t value_start = q;
    while (q < n && style[q] != ':' && style[q] != ';') ++q;
    out.push_back({style.substr(name_start, name_end - name_start),
                   style.substr(value_start, q - value_start)});
    if (q < n && style[q] == ';') ++q;
    p = q;
  }
  return out;
}

// feedparser's valid_css_values: a hex colour, rgb(...), or a size of at
// most two digits on either side of the point with an optional unit.
bool is_valid_css_value(std::string_view word) {
  if (word.size() >= 2 && word[0] == '#') {
    for (char c : word.substr(1)) {
      if (!is_digit(c) && !(c >= 'a' && c <= 'f')) return false;
    }
    return true;
  }
  if (word.substr(0, 4) == "rgb(") {
    std::size_t i = 4;
    auto digits = [&] {
      const std::size_t start = i;
      while (i < word.size() && is_digit(word[i])) ++i;
      return i - start;
    };
    auto optional = [&](char c) {
      if (i < word.size() && word[i] == c) ++i;
    };
    if (digits() > 0) {
      optional('%');
      if (i < word.size() && word[i] == ',') {
        ++i;
        digits();
        optional('%');
        optional(',');
        digits();
        optional('%');
        optional(')');
        if (i == word.size()) return true;
      }
    }
  }
  std::size_t i = 0;
  while (i < word.size() && is_digit(word[i])) ++i;
  const std::size_t before_point = i;
  if (i < word.size() && word[i] == '.') {
    if (before_point > 2) return false;
    ++i;
    const std::size_t start = i;
    while (i < word.size() && is_digit(word[i])) ++i;
    if (i - start > 2) return false;
  } else if (before_point > 4) {
    return false;
  }
  const std::string_view unit = word.substr(i);
  return unit.empty() || unit == "cm" || unit == "em" || unit == "ex" || unit == "in" ||
         unit == "mm" || unit == "pc" || unit == "pt" || unit == "px" || unit == "%" ||
         unit == "," || unit == ")";
}

bool has_only_safe_words(std::string_view value) {
  std::size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && is_space(value[i])) ++i;
    const std::size_t start = i;
    while (i < value.size() && !is_space(value[i])) ++i;
    if (i == start) break;
    const std::string_view word = value.substr(start, i - start);
    if (!is_acceptable_css_keyword(word) && !is_valid_css_value(word)) return false;
  }
  return true;
}

bool is_shorthand_family(std::string_view lower_property) {
  const std::string_view family = lower_property.substr(0, lower_property.find('-'));
  return family == "background" || family == "border" || family == "margin" || family == "padding";
}

}  // namespace

std::string sanitize_style(std::string_view style, bool in_svg) {
  const std::string without_urls = drop_urls(style);
  if (!passes_gauntlet(without_urls)) return {};
  const auto declarations = split_declarations(without_urls);
  if (!declarations) return {};

  std::string clean;
  for (const Declaration& declaration : *declarations) {
    if (declaration.value.empty()) continue;
    const std::string property = core::lowercase_ascii(declaration.property);
    const bool keep = is_acceptable_css_property(property) ||
                      (is_shorthand_family(property) && has_only_safe_words(declaration.value)) ||
                      (in_svg && is_acceptable_svg_property(property));
    if (!keep) continue;
    if (!clean.empty()) clean += ' ';
    clean.append(declaration.property).append(": ").append(declaration.value).append(";");
  }
  return clean;
}

}  // namespace omvarld::markup
