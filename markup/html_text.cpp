// html_to_text: the plain text of the HTML fragments feeds carry in
// description, content:encoded and Atom html content. A scanner, not an HTML
// parser: it needs only to drop markup and keep words apart.

#include "markup/html_text.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <utility>

#include "core/ascii.h"
#include "core/utf8.h"
#include "markup/html_entities.h"
#include "markup/html_sanitize.h"
#include "markup/markup_stops.h"

namespace omvarld::markup {
namespace {

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Elements that separate words: their tags become a space, so
// "<p>a</p><p>b</p>" reads "a b" and not "ab".
bool is_block(std::string_view name) {
  static constexpr std::array<std::string_view, 38> kBlocks = {
      "address", "article", "aside", "blockquote", "br", "caption", "dd", "details",
      "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
      "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
      "section", "table", "tbody", "td", "th", "thead", "tr", "ul"};
  // The commonest tags first, without a search.
  if (name.size() == 1) return name[0] == 'p';
  if (name.size() == 2 && (core::same_bytes(name, "li") || core::same_bytes(name, "br") || core::same_bytes(name, "ul"))) return true;
  for (std::string_view block : kBlocks) {
    if (core::same_bytes(block, name)) return true;
  }
  return false;
}

// HTML §13.2.5.80: numeric references to 0x80–0x9F mean windows-1252.
char32_t numeric_reference_value(unsigned long value) {
  static constexpr std::array<char32_t, 32> kWindows1252 = {
      0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  if (value >= 0x80 && value <= 0x9F) return kWindows1252[value - 0x80];
  if (value == 0 || value > 0x10FFFF) return 0xFFFD;
  return static_cast<char32_t>(value);
}

// Decodes the reference at the start of `text` ("&amp;", "&#233;",
// "&#xE9;") into `out`; returns its length, or 0 when it is none.
std::size_t decode_reference(std::string_view text, std::string& out) {
  // Looked for inline within the longest reference: a call to find ran on
  // past it for every '&'.
  std::size_t semicolon = 0;
  const std::size_t limit = std::min<std::size_t>(text.size(), 33);
  while (semicolon < limit && text[semicolon] != ';') ++semicolon;
  if (semicolon == limit || semicolon < 2) return 0;
  const std::string_view body = text.substr(1, semicolon - 1);
  if (body[0] == '#') {
    const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    const std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 8) return 0;
    unsigned long value = 0;
    for (char c : digits) {
      int digit = -1;
      if (c >= '0' && c <= '9') digit = c - '0';
      if (hex && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
      if (hex && c >= 'A' && c <= 'F') digit = c - 'A' + 10;
      if (digit < 0) return 0;
      value = value * (hex ? 16 : 10) + static_cast<unsigned long>(digit);
    }
    core::append_utf8(out, numeric_reference_value(value));
    return semicolon + 1;
  }
  if (auto code_point = html_entity(body)) {
    core::append_utf8(out, *code_point);
    return semicolon + 1;
  }
  return 0;
}

// The end of the tag starting at `pos` (just past '>'), honouring quoted
// attribute values that may contain '>'.
std::size_t tag_end(std::string_view html, std::size_t pos) {
  char quote = 0;
  for (std::size_t i = pos; i < html.size(); ++i) {
    const char c = html[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i + 1;
    }
  }
  return html.size();
}

// Where the end tag "</name" (any case) starts, at or after `pos`, or npos.
// Searched in place: a lower-case copy of the rest for every <script>
// would make many of them cost the square of the text.
std::size_t find_end_tag(std::string_view html, std::size_t pos, std::string_view lower_name) {
  for (std::size_t at = html.find("</", pos); at != std::string_view::npos; at = html.find("</", at + 2)) {
    const std::string_view name = html.substr(at + 2, lower_name.size());
    if (name.size() == lower_name.size() && core::lowercase_ascii(name) == lower_name) return at;
  }
  return std::string_view::npos;
}

std::size_t skip_past(std::string_view html, std::size_t pos, std::string_view terminator) {
  const auto end = html.find(terminator, pos);
  return end == std::string_view::npos ? html.size() : end + terminator.size();
}

}  // namespace

// The bytes that start whitespace: ASCII's and the lead byte of U+00A0.
constexpr auto kMaySpace = [] {
  std::array<bool, 256> table{};
  for (unsigned char c : {' ', '\t', '\n', '\r', '\f', '\v'}) table[c] = true;
  table[0xC2] = true;
  return table;
}();

// collapse_whitespace over text that comes in pieces (html_to_text's runs of
// text, decoded references and block breaks), in one pass: appending pieces
// gives what collapse_whitespace gives for them joined. A 0xC2 that ends a
// piece waits for the next byte, which may make it a no-break space.
class WhitespaceFolder {
 public:
  explicit WhitespaceFolder(std::size_t capacity) { out_.reserve(capacity); }

  void append(std::string_view text);
  // Reserved for the whole input, the text is often much shorter (markup
  // gone): an Item keeps it, so it is trimmed to size when that saves.
  std::string take() && {
    if (held_c2_) word("\xC2");
    if (out_.capacity() - out_.size() > out_.size() / 8) out_.shrink_to_fit();
    return std::move(out_);
  }

 private:
  void word(std::string_view run) {
    if (pending_space_) out_ += ' ';
    pending_space_ = false;
    out_.append(run);
  }
  void space() { pending_space_ = !out_.empty(); }
  bool append_prose(std::string_view text);

  std::string out_;
  bool pending_space_ = false;
  bool held_c2_ = false;  // a 0xC2 that ended the last piece
};

// One ' ' between two words folds to itself: the run goes on over it, so
// ordinary prose is copied a line at a time rather than word by word.
bool single_space_inside_run(std::string_view text, std::size_t run_start, std::size_t at) {
  return text[at] == ' ' && at > run_start && at + 1 < text.size() &&
         !kMaySpace[static_cast<unsigned char>(text[at + 1])];
}

namespace {

// True when `text` has no byte below 0x20 (tabs, line ends and the
// controls, which are few), no 0xC2 (a no-break space's lead byte) and no
// two spaces in a row: whitespace folding leaves it as it is. Eight bytes
// at a time (the bit tricks of "Bit Twiddling Hacks", haszero and hasless).
bool single_spaced(std::string_view text) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  constexpr std::uint64_t kLows = 0x7F7F7F7F7F7F7F7FULL;
  std::uint64_t space_before = 0;  // the last byte of the previous word was a space
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    const std::uint64_t below_space = (word - kOnes * 0x20) & ~word & kHighs;
    const std::uint64_t c2 = word ^ (kOnes * 0xC2);
    const std::uint64_t has_c2 = (c2 - kOnes) & ~c2 & kHighs;
    const std::uint64_t spaced = word ^ (kOnes * 0x20);
    // Exactly the bytes that are spaces, by their high bit.
    const std::uint64_t spaces = ~(((spaced & kLows) + kLows) | spaced | kLows);
    if ((below_space | has_c2 | (spaces & ((spaces << 8) | space_before))) != 0) return false;
    space_before = (spaces >> 56) & 0x80;
  }
  char previous = space_before != 0 ? ' ' : 'x';
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0xC2 || (c == ' ' && previous == ' ')) return false;
    previous = static_cast<char>(c);
  }
  return true;
}

}  // namespace

// Text whose whitespace is single ' ' between words, and perhaps one at
// either end (most prose between tags), folds to itself: it is appended
// at once. False, having appended nothing, for any other text.
bool WhitespaceFolder::append_prose(std::string_view text) {
  const std::size_t first = text[0] == ' ' ? 1 : 0;
  const std::size_t last = text.size() > first && text.back() == ' ' ? text.size() - 1 : text.size();
  if (last <= first) return false;
  const std::string_view inside = text.substr(first, last - first);
  if (inside.front() == ' ' || inside.back() == ' ') return false;
  if (!single_spaced(inside)) return false;
  if (first == 1) space();
  word(inside);
  if (last < text.size()) space();
  return true;
}

void WhitespaceFolder::append(std::string_view text) {
  if (text.empty()) return;
  if (!held_c2_ && append_prose(text)) return;
  std::size_t i = 0;
  if (held_c2_) {
    held_c2_ = false;
    if (text[0] == '\xA0') {
      space();
      i = 1;
    } else {
      word("\xC2");
    }
  }
  const std::size_t size = text.size();
  while (i < size) {
    // A run of non-space bytes is copied at once.
    std::size_t end = i;
    while (end < size) {
      const auto c = static_cast<unsigned char>(text[end]);
      if (kMaySpace[c] && !single_space_inside_run(text, i, end) &&
          (c != 0xC2 || end + 1 == size || text[end + 1] == '\xA0')) {
        break;
      }
      ++end;
    }
    if (end > i) word(text.substr(i, end - i));
    if (end == size) return;
    if (text[end] == '\xC2' && end + 1 == size) {
      held_c2_ = true;
      return;
    }
    space();
    i = end + (text[end] == '\xC2' ? 2 : 1);
  }
}

std::string collapse_whitespace(std::string_view text) {
  WhitespaceFolder folder(text.size());
  folder.append(text);
  return std::move(folder).take();
}

std::string html_to_text(std::string_view html) {
  WhitespaceFolder text(html.size());
  MarkupStops stops(html);
  std::size_t pos = 0;
  while (pos < html.size()) {
    const char c = html[pos];
    if (c != '&' && c != '<') {
      const std::size_t end = stops.next(pos + 1);
      text.append(html.substr(pos, end - pos));
      pos = end;
      continue;
    }
    if (c == '&') {
      std::string decoded;  // a character: no allocation
      if (const std::size_t length = decode_reference(html.substr(pos), decoded); length > 0) {
        text.append(decoded);
        pos += length;
      } else {
        text.append("&");
        ++pos;
      }
      continue;
    }
    if (pos + 1 >= html.size()) {
      text.append("<");
      ++pos;
      continue;
    }
    const std::string_view rest = html.substr(pos);
    if (rest.starts_with("<!--")) {
      pos = skip_past(html, pos, "-->");
    } else if (rest.starts_with("<![CDATA[")) {
      const std::size_t close = html.find("]]>", pos);
      const std::size_t content_end = close == std::string_view::npos ? html.size() : close;
      text.append(html.substr(pos + 9, content_end - pos - 9));
      pos = close == std::string_view::npos ? html.size() : close + 3;
    } else if (rest[1] == '!' || rest[1] == '?') {
      pos = tag_end(html, pos);
    } else if (is_ascii_alpha(rest[1]) || (rest[1] == '/' && rest.size() > 2 && is_ascii_alpha(rest[2]))) {
      const std::size_t name_start = rest[1] == '/' ? 2 : 1;
      std::size_t name_end = name_start;
      while (name_end < rest.size() && (is_ascii_alpha(rest[name_end]) ||
                                        (rest[name_end] >= '0' && rest[name_end] <= '9'))) {
        ++name_end;
      }
      const std::string name = core::lowercase_ascii(rest.substr(name_start, name_end - name_start));
      pos = tag_end(html, pos);
      if (name_start == 1 && (name == "script" || name == "style")) {
        // Their content is code, not text: skip to the end tag.
        const std::size_t close = find_end_tag(html, pos, name);
        pos = close == std::string_view::npos ? html.size() : tag_end(html, close);
      } else if (is_block(name)) {
        text.append(" ");
      }
    } else {
      text.append("<");  // "a < b": a lone '<' is text
      ++pos;
    }
  }
  return std::move(text).take();
}

// sanitizing_keeps_text's loop, taking the text as html_to_text would:
// the markup it allows is tags of kept elements with quoted attributes
// (a space for a block, nothing else) and known references; no script,
// style, comment or CDATA, which html_to_text reads otherwise.
std::optional<std::string> kept_html_text(std::string_view html) {
  if (!plain_html_edges(html)) return std::nullopt;
  WhitespaceFolder text(html.size());
  MarkupStops stops(html);
  std::size_t pos = 0;
  while (pos < html.size()) {
    const std::size_t stop = stops.next(pos);
    text.append(html.substr(pos, stop - pos));
    if (stop == html.size()) break;
    const std::string_view markup = html.substr(stop);
    const std::size_t length = plain_markup_length(markup);
    if (length == 0) return std::nullopt;
    if (markup[0] == '&') {
      std::string decoded;  // a character: no allocation
      decode_reference(markup, decoded);
      text.append(decoded);
    } else {
      const std::size_t name_start = markup[1] == '/' ? 2 : 1;
      std::size_t name_end = name_start;
      while (name_end < markup.size() && (is_ascii_alpha(markup[name_end]) ||
                                          (markup[name_end] >= '0' && markup[name_end] <= '9'))) {
        ++name_end;
      }
      // plain_markup_length allowed it: a name of at most 16 letters and digits.
      char lower[16];
      const std::size_t name_length = std::min<std::size_t>(name_end - name_start, sizeof lower);
      for (std::size_t k = 0; k < name_length; ++k) {
        const char c = markup[name_start + k];
        lower[k] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
      }
      if (is_block(std::string_view(lower, name_length))) text.append(" ");
    }
    pos = stop + length;
  }
  return std::move(text).take();
}

}  // namespace omvarld::markup
