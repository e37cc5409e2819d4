#include "feeds/charset.h"

#include <iconv.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/ascii.h"
#include "core/utf8.h"

namespace omvarld::feeds {
namespace {

struct Alias {
  std::string_view label;  // lower case, '_' and ' ' written as '-'
  std::string_view iconv_name;
};

// Labels glibc does not know under that spelling, or knows as something
// else than Python does.
constexpr std::array kAliases = {
    Alias{"utf8", "UTF-8"},          Alias{"u8", "UTF-8"},
    Alias{"utf", "UTF-8"},           Alias{"utf-16", "UTF-16LE"},
    Alias{"utf16", "UTF-16LE"},      Alias{"u16", "UTF-16LE"},
    Alias{"utf-32", "UTF-32LE"},     Alias{"utf32", "UTF-32LE"},
    Alias{"u32", "UTF-32LE"},        Alias{"utf-16-be", "UTF-16BE"},
    Alias{"utf-16-le", "UTF-16LE"},  Alias{"utf-32-be", "UTF-32BE"},
    Alias{"utf-32-le", "UTF-32LE"},  Alias{"latin-1", "ISO-8859-1"},
    Alias{"iso-8859-1", "ISO-8859-1"}, Alias{"8859", "ISO-8859-1"},
    Alias{"ascii", "ASCII"},         Alias{"us-ascii", "ASCII"},
    Alias{"646", "ASCII"},           Alias{"mac-roman", "MACINTOSH"},
    Alias{"macroman", "MACINTOSH"},  Alias{"x-mac-roman", "MACINTOSH"},
    Alias{"cp037", "IBM037"},        Alias{"s-jis", "SHIFT_JIS"},
    Alias{"x-sjis", "SHIFT_JIS"},    Alias{"ms-kanji", "CP932"},
    Alias{"x-euc-jp", "EUC-JP"},     Alias{"ujis", "EUC-JP"},
    Alias{"ks-c-5601-1987", "CP949"}, Alias{"x-gbk", "GBK"},
    // Read through their supersets, as browsers do.
    Alias{"euc-kr", "CP949"},        Alias{"gb2312", "GB18030"},
};

// A label as a lookup key: lower case, '_' and ' ' as '-'; "" when it holds
// characters no encoding name has (the label comes from the document, and
// iconv_open should only ever see a plain name).
std::string key_of(std::string_view label) {
  std::string key = core::lowercase_ascii(core::trim_space(label));
  if (key.empty() || key.size() > 40) return {};
  for (char& c : key) {
    if (c == '_' || c == ' ') c = '-';
    const bool plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                       c == '.' || c == ':';
    if (!plain) return {};
  }
  return key;
}

std::string iconv_name_for(const std::string& key) {
  for (const Alias& alias : kAliases) {
    if (alias.label == key) return std::string(alias.iconv_name);
  }
  return key;
}

bool is_ascii(std::string_view bytes) {
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, bytes.data() + i, 8);
    if ((word & 0x8080808080808080ULL) != 0) return false;
  }
  for (; i < bytes.size(); ++i) {
    if (static_cast<unsigned char>(bytes[i]) >= 0x80) return false;
  }
  return true;
}

std::optional<std::string> convert(std::string_view bytes, const std::string& from) {
  iconv_t cd = iconv_open("UTF-8", from.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string text;
  // iconv's input is `char**` for historical reasons; it never writes to it.
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  std::string chunk(bytes.size() * 2 + 64, '\0');
  bool ok = true;
  while (true) {
    char* out = chunk.data();
    std::size_t out_left = chunk.size();
    const std::size_t status = iconv(cd, &in, &in_left, &out, &out_left);
    text.append(chunk.data(), chunk.size() - out_left);
    if (status != static_cast<std::size_t>(-1)) break;
    if (errno != E2BIG) {
      ok = false;  // EILSEQ (invalid) or EINVAL (truncated at the end)
      break;
    }
  }
  iconv_close(cd);
  if (!ok) return std::nullopt;
  return text;
}

}  // namespace

namespace {

// is_valid_utf8, and with kNoNul also false for a NUL byte: one pass
// for a reader that must see neither.
template <bool kNoNul>
bool valid_utf8_text(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
#if defined(__SSE2__)
    // ASCII sixteen bytes at a time: no byte with its high bit set (nor 0).
    if (i + 16 <= bytes.size()) {
      const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes.data() + i));
      int stops = _mm_movemask_epi8(block);
      if constexpr (kNoNul) stops |= _mm_movemask_epi8(_mm_cmpeq_epi8(block, _mm_setzero_si128()));
      if (stops == 0) {
        i += 16;
        continue;
      }
    }
#endif
    if (i + 8 <= bytes.size()) {
      std::uint64_t word = 0;
      std::memcpy(&word, bytes.data() + i, 8);
      std::uint64_t stops = word & 0x8080808080808080ULL;
      if constexpr (kNoNul) stops |= (word - 0x0101010101010101ULL) & ~word & 0x8080808080808080ULL;
      if (stops == 0) {
        i += 8;
        continue;
      }
    }
    const auto lead = static_cast<unsigned char>(bytes[i]);
    std::size_t length = 0;
    char32_t code_point = 0;
    if (lead < 0x80) {
      if (kNoNul && lead == 0) return false;
      ++i;
      continue;
    } else if (lead >= 0xC2 && lead <= 0xDF && i + 1 < bytes.size() &&
               (static_cast<unsigned char>(bytes[i + 1]) & 0xC0) == 0x80) {
      i += 2;  // Latin letters ("å", "é"): two bytes, never overlong from 0xC2 on
      continue;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2;
      code_point = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      code_point = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      code_point = lead & 0x07;
    } else {
      return false;
    }
    if (i + length > bytes.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(bytes[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code_point = (code_point << 6) | (next & 0x3F);
    }
    static constexpr char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < kMinimum[length] || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) { return valid_utf8_text<false>(bytes); }

bool is_utf8_text(std::string_view bytes) { return valid_utf8_text<true>(bytes); }

std::optional<WideText> decode_wide_replacing(std::string_view bytes, std::string_view label) {
  const std::string key = key_of(label);
  const bool utf16 = key == "utf-16le" || key == "utf-16be";
  const bool big_endian = key == "utf-16be" || key == "utf-32be";
  if (!utf16 && key != "utf-32le" && key != "utf-32be") return std::nullopt;
  const std::size_t unit = utf16 ? 2 : 4;
  const auto unit_at = [&](std::size_t at) {
    char32_t value = 0;
    for (std::size_t k = 0; k < unit; ++k) {
      const auto byte = static_cast<unsigned char>(bytes[at + (big_endian ? k : unit - 1 - k)]);
      value = (value << 8) | byte;
    }
    return value;
  };
  WideText wide;
  wide.text.reserve(bytes.size() / unit + bytes.size() / 8);
  const auto bad = [&](std::size_t at) {
    if (wide.replaced++ == 0) wide.first_bad = at;
    core::append_utf8(wide.text, 0xFFFD);
  };
  std::size_t at = 0;
  for (; at + unit <= bytes.size(); at += unit) {
    char32_t value = unit_at(at);
    if (utf16 && value >= 0xD800 && value <= 0xDBFF && at + 2 * unit <= bytes.size()) {
      const char32_t low = unit_at(at + unit);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        core::append_utf8(wide.text, 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00));
        at += unit;
        continue;
      }
    }
    if ((value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) {
      bad(at);
    } else {
      core::append_utf8(wide.text, value);
    }
  }
  if (at < bytes.size()) bad(at);
  return wide;
}

std::optional<std::string> decode_strict(std::string_view bytes, std::string_view label) {
  const std::string key = key_of(label);
  if (key.empty()) return std::nullopt;
  const std::string name = iconv_name_for(key);
  if (name == "UTF-8" || name == "utf-8") {
    if (!is_valid_utf8(bytes)) return std::nullopt;
    return std::string(bytes);
  }
  if (name == "ASCII") {
    if (!is_ascii(bytes)) return std::nullopt;
    return std::string(bytes);
  }
  return convert(bytes, name);
}

}  // namespace omvarld::feeds
