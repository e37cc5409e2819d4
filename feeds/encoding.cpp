#include "feeds/encoding.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <optional>
#include <vector>

#include "feeds/ascii.h"

namespace omvarld::feeds {
namespace {

// Spellings seen in the wild, mapped to the IANA name reported.
std::string canonical_name(std::string_view label) {
  std::string name = lowercase_ascii(label);
  if (name == "utf8") return "utf-8";
  if (name == "latin1" || name == "latin-1" || name == "iso8859-1" || name == "iso_8859-1" ||
      name == "l1") {
    return "iso-8859-1";
  }
  if (name == "cp1252" || name == "win-1252" || name == "x-cp1252") return "windows-1252";
  if (name == "ascii") return "us-ascii";
  return name;
}

// The iconv name to decode a label with. Latin-1 and ASCII labels decode as
// windows-1252, as the WHATWG Encoding Standard (§4.2) does: 0x80–0x9F in
// feeds labelled Latin-1 are nearly always cp1252 quotes and dashes.
std::string decoder_for(const std::string& name) {
  if (name == "iso-8859-1" || name == "us-ascii") return "WINDOWS-1252";
  return name;
}

// The charset parameter of a Content-Type header, lower case, or "".
std::string charset_of(std::string_view content_type) {
  const std::string lower = lowercase_ascii(content_type);
  auto pos = lower.find("charset=");
  if (pos == std::string::npos) return {};
  pos += 8;
  std::string value;
  for (; pos < lower.size(); ++pos) {
    const char c = lower[pos];
    if (c == ';' || c == ' ' || c == '\t') break;
    if (c != '"' && c != '\'') value += c;
  }
  return value;
}

// The encoding pseudo-attribute of an XML declaration at the start of an
// ASCII-compatible document, or "".
std::string declared_encoding(std::string_view bytes) {
  const auto start = bytes.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos || bytes.substr(start, 5) != "<?xml") return {};
  const auto end = bytes.find("?>", start);
  const std::string_view declaration = bytes.substr(start, end == std::string_view::npos ? 200 : end - start);
  auto pos = declaration.find("encoding");
  if (pos == std::string_view::npos) return {};
  pos = declaration.find_first_of("\"'", pos);
  if (pos == std::string_view::npos) return {};
  const auto close = declaration.find(declaration[pos], pos + 1);
  if (close == std::string_view::npos) return {};
  return std::string(declaration.substr(pos + 1, close - pos - 1));
}

struct Conversion {
  std::string text;
  std::size_t replaced = 0;  // undecodable sequences turned into U+FFFD
};

// Converts with iconv, replacing what it cannot decode; nullopt when iconv
// does not know the encoding.
std::optional<Conversion> convert(std::string_view bytes, const std::string& from) {
  iconv_t cd = iconv_open("UTF-8", from.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  const std::size_t unit = from.starts_with("utf-16") || from.starts_with("UTF-16") ? 2 : 1;
  Conversion result;
  std::vector<char> input(bytes.begin(), bytes.end());
  char* in = input.data();
  std::size_t in_left = input.size();
  std::vector<char> output(bytes.size() * 2 + 16);
  while (in_left > 0) {
    char* out = output.data();
    std::size_t out_left = output.size();
    const std::size_t status = iconv(cd, &in, &in_left, &out, &out_left);
    result.text.append(output.data(), output.size() - out_left);
    if (status != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) continue;
    // EILSEQ (an invalid sequence) or EINVAL (a truncated one at the end).
    result.text += "\xEF\xBF\xBD";
    ++result.replaced;
    const std::size_t skip = std::min(unit, in_left);
    in += skip;
    in_left -= skip;
  }
  iconv_close(cd);
  return result;
}

std::string replaced_problem(std::size_t count) {
  return std::to_string(count) + " undecodable byte(s) replaced with U+FFFD";
}

std::string_view strip_bom(std::string_view bytes, std::string& encoding) {
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    encoding = "utf-8";
    return bytes.substr(3);
  }
  if (bytes.starts_with("\xFF\xFE")) {
    encoding = "utf-16le";
    return bytes.substr(2);
  }
  if (bytes.starts_with("\xFE\xFF")) {
    encoding = "utf-16be";
    return bytes.substr(2);
  }
  // No BOM but "<?" in UTF-16 (XML 1.0 Appendix F.1).
  if (bytes.starts_with(std::string_view("<\0?\0", 4))) encoding = "utf-16le";
  if (bytes.starts_with(std::string_view("\0<\0?", 4))) encoding = "utf-16be";
  return bytes;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    std::size_t length = 0;
    char32_t code_point = 0;
    if (lead < 0x80) {
      ++i;
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

DecodedDocument decode_document(std::string_view bytes, std::string_view content_type) {
  DecodedDocument decoded;
  std::string bom_encoding;
  bytes = strip_bom(bytes, bom_encoding);

  std::string declared = bom_encoding;
  if (declared.empty()) declared = canonical_name(charset_of(content_type));
  if (declared.empty()) declared = canonical_name(declared_encoding(bytes));

  // UTF-8, declared or not, needs no conversion when it is valid.
  const bool utf8 = is_valid_utf8(bytes);
  if ((declared.empty() || declared == "utf-8") && utf8) {
    decoded.text = std::string(bytes);
    decoded.encoding = "utf-8";
    return decoded;
  }
  if (!declared.empty() && declared != "utf-8") {
    auto converted = convert(bytes, decoder_for(declared));
    // A UTF-16 document cannot fall back to an ASCII-compatible encoding.
    const bool wide = declared.starts_with("utf-16") || declared.starts_with("utf-32");
    if (converted && (converted->replaced == 0 || wide)) {
      decoded.text = std::move(converted->text);
      decoded.encoding = declared;
      if (converted->replaced > 0) decoded.problem = replaced_problem(converted->replaced);
      return decoded;
    }
    // An unknown or wrong label: fall back as feedparser does.
    if (utf8) {
      decoded.text = std::string(bytes);
      decoded.encoding = "utf-8";
      decoded.problem = "document declared as " + declared + ", but parsed as utf-8";
      return decoded;
    }
  }
  auto converted = convert(bytes, "WINDOWS-1252");
  decoded.text = std::move(converted->text);
  decoded.encoding = "windows-1252";
  decoded.problem = declared.empty()
                        ? "encoding not declared and not utf-8; parsed as windows-1252"
                        : "document declared as " + declared + ", but parsed as windows-1252";
  if (converted->replaced > 0) decoded.problem += "; " + replaced_problem(converted->replaced);
  return decoded;
}

}  // namespace omvarld::feeds
