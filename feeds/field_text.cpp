#include "feeds/field_text.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "core/ascii.h"
#include "core/dates.h"
#include "core/utf8.h"
#include "feeds/feed.h"
#include "feeds/item_rules.h"
#include "markup/html_entities.h"

namespace omvarld::feeds {
namespace {

bool acceptable_element(std::string_view tag) {
  static constexpr std::array<std::string_view, 101> kElements = {
      "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "big", "blockquote",
      "br", "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup", "command",
      "datagrid", "datalist", "dd", "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em",
      "event-source", "fieldset", "figcaption", "figure", "font", "footer", "form", "h1", "h2", "h3",
      "h4", "h5", "h6", "header", "hr", "i", "img", "input", "ins", "kbd", "keygen", "label", "legend",
      "li", "m", "map", "menu", "meter", "multicol", "nav", "nextid", "noscript", "ol", "optgroup",
      "option", "output", "p", "pre", "progress", "q", "s", "samp", "section", "select", "small",
      "sound", "source", "spacer", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td",
      "textarea", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "video", "noscript"};
  return std::find(kElements.begin(), kElements.end(), tag) != kElements.end();
}

}  // namespace

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool looks_like_html(std::string_view s) {
  bool evidence = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<') {
      std::size_t j = i + 1;
      const bool close = j < s.size() && s[j] == '/';
      if (close) ++j;
      const std::size_t start = j;
      while (j < s.size() && word_char(s[j])) ++j;
      if (j == start) continue;
      if (!acceptable_element(core::lowercase_ascii(s.substr(start, j - start)))) return false;
      if (close && j < s.size() && s[j] == '>') evidence = true;
    } else if (s[i] == '&') {
      std::size_t j = i + 1;
      const bool numeric = j < s.size() && s[j] == '#';
      if (numeric) ++j;
      const std::size_t start = j;
      while (j < s.size() && word_char(s[j])) ++j;
      if (j == start || j >= s.size() || s[j] != ';') continue;
      evidence = true;
      if (!numeric && !markup::html_entity(s.substr(start, j - start))) return false;
    }
  }
  return evidence;
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    if (c < 0x80) n = 0;
    else if (c >= 0xC2 && c <= 0xDF) n = 1;
    else if ((c >> 4) == 0xE) n = 2;
    else if (c >= 0xF0 && c <= 0xF4) n = 3;
    else return false;
    if (i + n >= s.size() + (n == 0 ? 1 : 0) && n != 0) return false;
    for (std::size_t k = 1; k <= n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n + 1;
  }
  return true;
}

void repair_double_utf8(std::string& s) {
  bool high = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    // ASCII, eight bytes at a time: most of any text.
    while (i + 8 <= s.size()) {
      std::uint64_t word;
      std::memcpy(&word, s.data() + i, 8);
      if ((word & 0x8080808080808080ULL) != 0) break;
      i += 8;
    }
    if (i == s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) continue;
    if (c != 0xC2 && c != 0xC3) return;
    if (i + 1 >= s.size()) return;
    // A C3 pair undoes to a lead byte, which valid_utf8 below accepts only
    // before a continuation byte, the undoing of a C2 pair: "ö" (C3 B6) and
    // a letter is plain UTF-8, and the answer is known here.
    if (c == 0xC3 && (i + 2 >= s.size() || s[i + 2] != '\xC2')) return;
    high = true;
    ++i;
  }
  if (!high) return;
  std::string bytes;
  bytes.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      bytes += static_cast<char>(c);
    } else {
      bytes += static_cast<char>(((c & 0x03) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F));
      ++i;
    }
  }
  if (valid_utf8(bytes)) s = std::move(bytes);
}

void translate_cp1252(std::string& s) {
  // Only C2 80–9F changes; "\xC2\xA0" (a no-break space) is common and
  // does not, so the string is rebuilt only from the first pair that does.
  auto next_pair = [&](std::size_t from) {
    for (std::size_t at = s.find('\xC2', from); at != std::string::npos; at = s.find('\xC2', at + 1)) {
      const auto next = at + 1 < s.size() ? static_cast<unsigned char>(s[at + 1]) : 0;
      if (next >= 0x80 && next <= 0x9F) return at;
    }
    return std::string::npos;
  };
  std::size_t pair = next_pair(0);
  if (pair == std::string::npos) return;
  static constexpr std::array<char32_t, 32> kMap = {
      0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178};
  std::string out;
  out.reserve(s.size() + 8);
  std::size_t copied = 0;
  while (pair != std::string::npos) {
    out.append(s, copied, pair - copied);
    core::append_utf8(out, kMap[static_cast<unsigned char>(s[pair + 1]) - 0x80]);
    copied = pair + 2;
    pair = next_pair(copied);
  }
  out.append(s, copied);
  s = std::move(out);
}

void trim_in_place(std::string& text) {
  const std::string_view trimmed = core::trim_space(text);
  if (trimmed.size() == text.size()) return;
  const std::size_t first = trimmed.empty() ? 0 : static_cast<std::size_t>(trimmed.data() - text.data());
  text.erase(first + trimmed.size());
  text.erase(0, first);
}

Date read_date(std::string_view raw) {
  return Date{date_value(raw), std::string(core::trim_space(raw))};
}

}  // namespace omvarld::feeds
