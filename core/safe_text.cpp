#include "core/safe_text.h"

#include <algorithm>
#include <array>
#include <cstddef>

namespace omvarld::core {

namespace {

struct Range {
  char32_t first;
  char32_t last;
};

// General category Cf (Unicode 15.0) and the other Default_Ignorable_Code_Point
// characters that show nothing, sorted. Left out on purpose: the variation
// selectors (U+180B–U+180D, U+180F, U+FE00–U+FE0F, U+E0100–U+E01EF), which
// pick a glyph for the character before them and belong to emoji and
// Mongolian text.
constexpr std::array<Range, 25> kInvisible = {{
    {0x00AD, 0x00AD},    // soft hyphen
    {0x034F, 0x034F},    // combining grapheme joiner
    {0x0600, 0x0605},    // Arabic number signs (prepended concatenation marks)
    {0x061C, 0x061C},    // Arabic letter mark (bidi)
    {0x06DD, 0x06DD},    // Arabic end of ayah
    {0x070F, 0x070F},    // Syriac abbreviation mark
    {0x0890, 0x0891},    // Arabic pound and piastre marks above
    {0x08E2, 0x08E2},    // Arabic disputed end of ayah
    {0x115F, 0x1160},    // Hangul choseong and jungseong fillers
    {0x17B4, 0x17B5},    // Khmer inherent vowels
    {0x180E, 0x180E},    // Mongolian vowel separator
    {0x200B, 0x200F},    // zero width space, ZWNJ, ZWJ, LRM, RLM
    {0x202A, 0x202E},    // LRE, RLE, PDF, LRO, RLO
    {0x2060, 0x206F},    // word joiner, invisible operators, LRI, RLI, FSI, PDI, deprecated
    {0x3164, 0x3164},    // Hangul filler
    {0xFEFF, 0xFEFF},    // zero width no-break space (BOM)
    {0xFFA0, 0xFFA0},    // halfwidth Hangul filler
    {0xFFF0, 0xFFFB},    // unassigned ignorables, interlinear annotation
    {0x110BD, 0x110BD},  // Kaithi number sign
    {0x110CD, 0x110CD},  // Kaithi number sign above
    {0x13430, 0x1343F},  // Egyptian hieroglyph format controls
    {0x1BCA0, 0x1BCA3},  // shorthand format controls
    {0x1D173, 0x1D17A},  // musical symbol format controls
    {0xE0000, 0xE00FF},  // tags (invisible ASCII), and unassigned ignorables
    {0xE01F0, 0xE0FFF},  // unassigned ignorables after the variation selectors
}};

bool is_invisible(char32_t c) {
  const auto* it = std::upper_bound(kInvisible.begin(), kInvisible.end(), c,
                                    [](char32_t value, const Range& r) { return value < r.first; });
  return it != kInvisible.begin() && c <= (it - 1)->last;
}

bool is_noncharacter(char32_t c) {
  return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

bool is_control(char32_t c) { return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F); }

// Characters that end a line (Unicode 15, §5.8; UAX #14 classes BK, CR, LF, NL).
bool is_line_break(char32_t c) {
  return c == 0x0A || c == 0x0B || c == 0x0C || c == 0x0D || c == 0x85 || c == 0x2028 ||
         c == 0x2029;
}

bool is_hidden(char32_t c) {
  if (c >= 0xA0 && c < 0x034F) return c == 0xAD;  // Latin-1 and Latin Extended: only the soft hyphen
  return is_control(c) || c == 0x2028 || c == 0x2029 || is_invisible(c) || is_noncharacter(c);
}

// One step of UTF-8: a code point, or an ill-formed subpart (valid = false)
// of `size` bytes, the longest prefix of a well-formed sequence that is
// there (Unicode 15, §3.9, table 3-7).
struct Step {
  char32_t value;
  std::size_t size;
  bool valid;
};

Step decode(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return {lead, 1, true};
  std::size_t size = 0;
  unsigned char low = 0x80;  // the range of the second byte
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    size = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    size = 3;
    if (lead == 0xE0) low = 0xA0;  // no overlong forms
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    size = 4;
    if (lead == 0xF0) low = 0x90;  // no overlong forms
    if (lead == 0xF4) high = 0x8F;  // nothing past U+10FFFF
  } else {
    return {0xFFFD, 1, false};
  }
  char32_t value = lead & (size == 2 ? 0x1F : size == 3 ? 0x0F : 0x07);
  for (std::size_t i = 1; i < size; ++i) {
    if (at + i >= text.size()) return {0xFFFD, i, false};
    const unsigned char next = byte(i);
    const bool fits = i == 1 ? next >= low && next <= high : next >= 0x80 && next <= 0xBF;
    if (!fits) return {0xFFFD, i, false};
    value = (value << 6) | (next & 0x3F);
  }
  return {value, size, true};
}

char32_t value_at(std::string_view text, std::size_t at) {
  if (at >= text.size()) return 0xFFFFFFFF;  // the end: matches nothing below
  const Step step = decode(text, at);
  return step.valid ? step.value : 0xFFFD;
}

std::size_t size_at(std::string_view text, std::size_t at) { return decode(text, at).size; }

constexpr char32_t kEsc = 0x1B;

// Past a control sequence's parameter, intermediate and final bytes
// (ECMA-48, 5.4) starting at `at`; stops at the first character that cannot
// belong to it, which is then read as text.
std::size_t skip_csi(std::string_view text, std::size_t at) {
  while (value_at(text, at) >= 0x30 && value_at(text, at) <= 0x3F) ++at;
  while (value_at(text, at) >= 0x20 && value_at(text, at) <= 0x2F) ++at;
  if (value_at(text, at) >= 0x40 && value_at(text, at) <= 0x7E) ++at;
  return at;
}

// Past a control string (OSC, DCS, SOS, PM, APC; ECMA-48, 5.6) starting at
// `at`: to BEL (as xterm ends OSC), ST (ESC \ or U+009C), another ESC (which
// starts what follows) or a line feed, whichever comes first. The line feed
// bound keeps an unterminated string from taking all the text after it.
std::size_t skip_control_string(std::string_view text, std::size_t at) {
  while (at < text.size()) {
    const char32_t c = value_at(text, at);
    if (c == 0x07) return at + 1;
    if (c == 0x9C) return at + size_at(text, at);
    if (c == kEsc) return value_at(text, at + 1) == U'\\' ? at + 2 : at;
    if (c == U'\n') return at;
    at += size_at(text, at);
  }
  return at;
}

bool starts_control_string(char32_t c) {
  return c == U']' || c == U'P' || c == U'X' || c == U'^' || c == U'_';
}

// Past the escape sequence whose ESC is at `at`.
std::size_t skip_escape(std::string_view text, std::size_t at) {
  const std::size_t next = at + 1;
  const char32_t c = value_at(text, next);
  if (c == U'[') return skip_csi(text, next + 1);
  if (starts_control_string(c)) return skip_control_string(text, next + 1);
  if (c >= 0x20 && c <= 0x2F) {  // intermediates, then a final byte (nF)
    std::size_t end = next;
    while (value_at(text, end) >= 0x20 && value_at(text, end) <= 0x2F) ++end;
    if (value_at(text, end) >= 0x30 && value_at(text, end) <= 0x7E) ++end;
    return end;
  }
  if (c >= 0x30 && c <= 0x7E) return next + 1;  // Fp, Fe, Fs: one final byte
  return next;                                   // a lone ESC
}

}  // namespace

std::string safe_log_text(std::string_view text) {
  std::string line = safe_text(text);
  for (char& c : line) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return line;
}

std::string safe_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t kept = 0;  // the start of the bytes taken as they are, not yet appended
  std::size_t at = 0;
  while (at < text.size()) {
    // Most text is printable ASCII and letters: taken in runs, unchanged.
    const auto byte = static_cast<unsigned char>(text[at]);
    if ((byte >= 0x20 && byte < 0x7F) || byte == '\t' || byte == '\n') {
      ++at;
      continue;
    }
    const Step step = decode(text, at);
    const char32_t c = step.value;
    if (step.valid && byte >= 0x80 && !is_hidden(c)) {
      at += step.size;
      continue;
    }
    out.append(text.substr(kept, at - kept));
    if (!step.valid) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      at += step.size;
    } else if (c == kEsc) {
      at = skip_escape(text, at);
    } else if (c == 0x9B) {  // CSI
      at = skip_csi(text, at + step.size);
    } else if (c == 0x90 || c == 0x98 || c == 0x9D || c == 0x9E || c == 0x9F) {  // DCS SOS OSC PM APC
      at = skip_control_string(text, at + step.size);
    } else if (c == U'\r' && value_at(text, at + 1) == U'\n') {
      out += "\r\n";
      at += 2;
    } else {
      if (is_line_break(c)) out += '\n';
      at += step.size;
    }
    kept = at;
  }
  out.append(text.substr(kept, at - kept));
  return out;
}

std::string safe_link(std::string_view link) {
  constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(link.size());
  std::size_t at = 0;
  while (at < link.size()) {
    const Step step = decode(link, at);
    const std::string_view bytes = link.substr(at, step.size);
    if (!step.valid || is_hidden(step.value)) {
      for (char byte : bytes) {
        const auto value = static_cast<unsigned char>(byte);
        out += '%';
        out += kHex[value >> 4];
        out += kHex[value & 0x0F];
      }
    } else {
      out.append(bytes);
    }
    at += step.size;
  }
  return out;
}

std::string escape_hidden_in_json(std::string_view json) {
  constexpr char kHex[] = "0123456789abcdef";
  const auto escape = [&](std::string& out, char32_t unit) {
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(unit >> shift) & 0x0F];
  };
  std::string out;
  out.reserve(json.size());
  std::size_t at = 0;
  while (at < json.size()) {
    const Step step = decode(json, at);
    const bool kept = step.valid && (step.value == U'\t' || step.value == U'\n' ||
                                     step.value == U'\r' || !is_hidden(step.value));
    if (kept) {
      out.append(json.substr(at, step.size));
    } else if (!step.valid) {
      escape(out, 0xFFFD);
    } else if (step.value < 0x10000) {
      escape(out, step.value);
    } else {
      const char32_t offset = step.value - 0x10000;
      escape(out, 0xD800 + (offset >> 10));
      escape(out, 0xDC00 + (offset & 0x3FF));
    }
    at += step.size;
  }
  return out;
}

Item safe_item(Item item) {
  item.title = safe_text(item.title);
  item.summary = safe_text(item.summary);
  item.content = safe_text(item.content);
  item.link = safe_link(item.link);
  return item;
}

}  // namespace omvarld::core
