#include "digest/utf8.h"

#include "core/safe_text.h"

namespace omvarld::digest {

CodePoint decode_utf8(std::string_view text, std::size_t at) {
  constexpr CodePoint kInvalid{U'\uFFFD', 1};
  const auto lead = static_cast<unsigned char>(text[at]);
  if (lead < 0x80) return {lead, 1};
  std::size_t size = 0;
  char32_t value = 0;
  if ((lead & 0xE0) == 0xC0) {
    size = 2;
    value = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    size = 3;
    value = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    size = 4;
    value = lead & 0x07;
  } else {
    return kInvalid;
  }
  if (at + size > text.size()) return kInvalid;
  for (std::size_t i = 1; i < size; ++i) {
    const auto next = static_cast<unsigned char>(text[at + i]);
    if ((next & 0xC0) != 0x80) return kInvalid;
    value = (value << 6) | (next & 0x3F);
  }
  return {value, size};
}

std::size_t count_code_points(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t at = 0; at < text.size(); at += decode_utf8(text, at).size) ++count;
  return count;
}

bool is_word_char(char32_t c) {
  if (c < 0x80) {
    return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9');
  }
  if (c < 0xC0 || c == 0xD7 || c == 0xF7) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;
  return c != 0xFFFD;
}

std::string fold_case(std::string_view text) {
  std::string folded(text);
  for (std::size_t i = 0; i < folded.size(); ++i) {
    auto byte = static_cast<unsigned char>(folded[i]);
    if (byte >= 'A' && byte <= 'Z') {
      folded[i] = static_cast<char>(byte + 32);
    } else if (byte == 0xC3 && i + 1 < folded.size()) {
      // U+00C0–U+00DE (except U+00D7 ×) lower-case to U+00E0–U+00FE: the
      // second byte moves up by 0x20 and the length stays.
      auto next = static_cast<unsigned char>(folded[i + 1]);
      if (next >= 0x80 && next <= 0x9E && next != 0x97)
        folded[i + 1] = static_cast<char>(next + 0x20);
      ++i;
    }
  }
  return folded;
}

std::string clean_line(std::string_view text) {
  // Items stored before intake made them safe still hold what a reader
  // cannot see (escape sequences, bidi overrides, zero-width characters).
  const std::string safe = core::safe_text(text);
  std::string line;
  line.reserve(safe.size());
  bool pending_space = false;
  for (char c : safe) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F) {
      pending_space = !line.empty();
      continue;
    }
    if (pending_space) line += ' ';
    pending_space = false;
    line += c;
  }
  return line;
}

}  // namespace omvarld::digest
