// filters/text.cpp

#include "filters/text.h"

#include <array>

#include "core/utf8.h"

namespace omvarld::filters {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

bool in(char32_t value, char32_t first, char32_t last) { return value >= first && value <= last; }

// Blocks of alternating upper/lower pairs: within [first, last], a code point
// whose parity equals `upper_parity` is upper case and its lower case is the
// next code point (Ā/ā, Ł/ł, Ѡ/ѡ, Ḁ/ḁ …).
struct PairedBlock {
  char32_t first;
  char32_t last;
  char32_t upper_parity;
};

constexpr std::array<PairedBlock, 15> kPairedBlocks{{
    {0x0100, 0x012F, 0},  // Latin Extended-A
    {0x0132, 0x0137, 0},
    {0x0139, 0x0148, 1},
    {0x014A, 0x0177, 0},
    {0x0179, 0x017E, 1},
    {0x01CD, 0x01DC, 1},  // Latin Extended-B
    {0x01DE, 0x01EF, 0},
    {0x01F8, 0x021F, 0},
    {0x0222, 0x0233, 0},
    {0x0460, 0x0481, 0},  // Cyrillic
    {0x048A, 0x04BF, 0},
    {0x04C1, 0x04CE, 1},
    {0x04D0, 0x052F, 0},
    {0x1E00, 0x1E95, 0},  // Latin Extended Additional
    {0x1EA0, 0x1EFF, 0},
}};

struct Composition {
  char32_t base;
  char32_t mark;
  char32_t composed;
};

// Decomposed (NFD) spellings of the accented letters Swedish, English,
// German, French, Spanish and the Nordic languages use, on a lower-case base.
constexpr std::array<Composition, 34> kCompositions{{
    {U'a', 0x300, 0xE0}, {U'a', 0x301, 0xE1}, {U'a', 0x302, 0xE2}, {U'a', 0x303, 0xE3},
    {U'a', 0x308, 0xE4}, {U'a', 0x30A, 0xE5}, {U'e', 0x300, 0xE8}, {U'e', 0x301, 0xE9},
    {U'e', 0x302, 0xEA}, {U'e', 0x308, 0xEB}, {U'i', 0x300, 0xEC}, {U'i', 0x301, 0xED},
    {U'i', 0x302, 0xEE}, {U'i', 0x308, 0xEF}, {U'o', 0x300, 0xF2}, {U'o', 0x301, 0xF3},
    {U'o', 0x302, 0xF4}, {U'o', 0x303, 0xF5}, {U'o', 0x308, 0xF6}, {U'u', 0x300, 0xF9},
    {U'u', 0x301, 0xFA}, {U'u', 0x302, 0xFB}, {U'u', 0x308, 0xFC}, {U'y', 0x301, 0xFD},
    {U'y', 0x308, 0xFF}, {U'n', 0x303, 0xF1}, {U'c', 0x327, 0xE7}, {U'c', 0x30C, 0x10D},
    {U's', 0x30C, 0x161}, {U'z', 0x30C, 0x17E}, {U'r', 0x30C, 0x159}, {U'e', 0x30C, 0x11B},
    {U'o', 0x30B, 0x151}, {U'u', 0x30A, 0x16F},
}};

std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 0;
}

}  // namespace

CodePoint decode_utf8(std::string_view text, std::size_t offset) {
  const auto lead = static_cast<unsigned char>(text[offset]);
  const std::size_t length = sequence_length(lead);
  if (length == 1) return {lead, 1};
  if (length == 0 || offset + length > text.size()) return {kReplacement, 1};
  char32_t value = lead & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) {
    const auto next = static_cast<unsigned char>(text[offset + i]);
    if ((next & 0xC0) != 0x80) return {kReplacement, 1};
    value = (value << 6) | (next & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not characters.
  constexpr std::array<char32_t, 5> kSmallest{0, 0, 0x80, 0x800, 0x10000};
  if (value < kSmallest[length] || in(value, 0xD800, 0xDFFF) || value > 0x10FFFF) {
    return {kReplacement, 1};
  }
  return {value, length};
}

bool is_combining_mark(char32_t value) { return in(value, 0x0300, 0x036F); }

bool is_word_char(char32_t value) {
  if (value < 0x80) return in(value, U'a', U'z') || in(value, U'A', U'Z') || in(value, U'0', U'9');
  if (value < 0x100) {
    return value == 0xAA || value == 0xB5 || value == 0xBA ||
           (value >= 0xC0 && value != 0xD7 && value != 0xF7);
  }
  if (value <= 0x02AF) return true;  // Latin Extended-A/B, IPA
  if (value < 0x0370) return is_combining_mark(value);
  if (value < 0x0530) {  // Greek and Cyrillic, without their punctuation and signs
    return value >= 0x0386 && value != 0x0387 && value != 0x03F6 && !in(value, 0x0482, 0x0489);
  }
  // Other scripts count as letters; the punctuation, symbol and emoji blocks,
  // private use and specials do not.
  return !in(value, 0x2000, 0x2BFF) && !in(value, 0x2E00, 0x2E7F) && !in(value, 0x3000, 0x303F) &&
         !in(value, 0xE000, 0xF8FF) && !in(value, 0xFE10, 0xFE6F) && !in(value, 0xFF00, 0xFF0F) &&
         !in(value, 0xFF1A, 0xFF20) && !in(value, 0xFFF0, 0xFFFF) && !in(value, 0x1F000, 0x1FAFF);
}

char32_t fold_char(char32_t value) {
  if (value < 0x80) return in(value, U'A', U'Z') ? value + 32 : value;
  if (value < 0x100) return in(value, 0xC0, 0xDE) && value != 0xD7 ? value + 32 : value;
  if (value == 0x0130) return U'i';   // İ
  if (value == 0x0178) return 0xFF;   // Ÿ
  if (value == 0x1E9E) return 0xDF;   // ẞ
  if (value == 0x0386) return 0x03AC;  // Ά
  if (in(value, 0x0388, 0x038A)) return value + 37;
  if (value == 0x038C) return 0x03CC;
  if (in(value, 0x038E, 0x038F)) return value + 63;
  if (in(value, 0x0391, 0x03AB) && value != 0x03A2) return value + 32;
  if (value == 0x03C2) return 0x03C3;  // final sigma
  if (in(value, 0x0400, 0x040F)) return value + 80;
  if (in(value, 0x0410, 0x042F)) return value + 32;
  if (value == 0x04C0) return 0x04CF;
  for (const PairedBlock& block : kPairedBlocks) {
    if (in(value, block.first, block.last)) {
      return value % 2 == block.upper_parity ? value + 1 : value;
    }
  }
  return value;
}

char32_t compose(char32_t base, char32_t mark) {
  for (const Composition& entry : kCompositions) {
    if (entry.base == base && entry.mark == mark) return entry.composed;
  }
  return 0;
}

std::string fold_case(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  char32_t last = 0;
  std::size_t last_start = 0;
  for (std::size_t offset = 0; offset < text.size();) {
    const CodePoint cp = decode_utf8(text, offset);
    offset += cp.length;
    const char32_t folded = fold_char(cp.value);
    if (const char32_t composed = is_combining_mark(folded) ? compose(last, folded) : 0) {
      out.resize(last_start);
      core::append_utf8(out, composed);
      last = composed;
      continue;
    }
    last_start = out.size();
    core::append_utf8(out, folded);
    last = folded;
  }
  return out;
}

}  // namespace omvarld::filters
