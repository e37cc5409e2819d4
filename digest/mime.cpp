#include "digest/mime.h"

namespace omvarld::digest {

namespace {

constexpr char kHex[] = "0123456789ABCDEF";
constexpr std::size_t kMaxEncodedLine = 76;       // RFC 2045 §6.7 rule 5
constexpr std::size_t kMaxEncodedWord = 75;       // RFC 2047 §2
constexpr std::size_t kPreferredHeaderLine = 78;  // RFC 5322 §2.1.1

std::vector<std::string> split_spaces(std::string_view text) {
  std::vector<std::string> words;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find(' ', at);
    if (end == std::string_view::npos) end = text.size();
    if (end > at) words.emplace_back(text.substr(at, end - at));
    at = end + 1;
  }
  return words;
}

bool must_encode(unsigned char byte, bool last_in_line, bool line_start, std::string_view rest) {
  if (byte == ' ' || byte == '\t') return last_in_line;
  if (byte < 33 || byte > 126 || byte == '=') return true;
  if (line_start && byte == '.') return true;
  return line_start && rest.substr(0, 5) == "From ";
}

void encode_qp_line(std::string_view line, std::string& out) {
  std::size_t column = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto byte = static_cast<unsigned char>(line[i]);
    const bool last = i + 1 == line.size();
    bool encode = must_encode(byte, last, column == 0, line.substr(i));
    std::size_t width = encode ? 3 : 1;
    // The last character may use column 76; any other must leave room for
    // the "=" of a soft line break.
    if (column + width > (last ? kMaxEncodedLine : kMaxEncodedLine - 1)) {
      out += "=\r\n";
      column = 0;
      encode = must_encode(byte, last, true, line.substr(i));
      width = encode ? 3 : 1;
    }
    if (encode) {
      out += '=';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    } else {
      out += static_cast<char>(byte);
    }
    column += width;
  }
}

}  // namespace

std::string encode_quoted_printable(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  std::size_t at = 0;
  while (true) {
    std::size_t end = text.find('\n', at);
    const bool has_break = end != std::string_view::npos;
    if (!has_break) end = text.size();
    std::string_view line = text.substr(at, end - at);
    if (has_break && !line.empty() && line.back() == '\r') line.remove_suffix(1);
    encode_qp_line(line, out);
    if (!has_break) break;
    out += "\r\n";
    at = end + 1;
  }
  return out;
}

std::string encode_base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    unsigned value = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) value |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) value |= static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(value >> 18) & 0x3F];
    out += kAlphabet[(value >> 12) & 0x3F];
    out += i + 1 < bytes.size() ? kAlphabet[(value >> 6) & 0x3F] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[value & 0x3F] : '=';
  }
  return out;
}

std::string clean_header_value(std::string_view value) {
  std::string cleaned;
  for (char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    const bool space = byte <= 0x20 || byte == 0x7F;
    if (space) {
      if (!cleaned.empty() && cleaned.back() != ' ') cleaned += ' ';
    } else {
      cleaned += c;
    }
  }
  if (!cleaned.empty() && cleaned.back() == ' ') cleaned.pop_back();
  return cleaned;
}

std::vector<std::string> encoded_words(std::string_view text) {
  static constexpr std::string_view kPrefix = "=?UTF-8?B?";
  static constexpr std::string_view kSuffix = "?=";
  // 75 characters leave 63 for base64, i.e. 15 groups of 4: 45 bytes.
  constexpr std::size_t kMaxBytes = (kMaxEncodedWord - kPrefix.size() - kSuffix.size()) / 4 * 3;
  std::vector<std::string> words;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = std::min(text.size(), at + kMaxBytes);
    // Back up to the start of a character (RFC 2047 §5: whole characters).
    while (end < text.size() && end > at + 1 &&
           (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
      --end;
    words.push_back(std::string(kPrefix) + encode_base64(text.substr(at, end - at)) +
                    std::string(kSuffix));
    at = end;
  }
  return words;
}

bool is_plain_header_text(std::string_view text) {
  if (text.find("=?") != std::string_view::npos) return false;
  std::size_t word = 0;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte > 0x7E) return false;
    word = byte == ' ' ? 0 : word + 1;
    if (word > 70) return false;
  }
  return true;
}

std::string fold_header(std::string_view name, const std::vector<std::string>& tokens) {
  std::string out(name);
  out += ':';
  std::size_t line_length = out.size();
  for (const std::string& token : tokens) {
    if (line_length > name.size() + 1 && line_length + 1 + token.size() > kPreferredHeaderLine) {
      out += "\r\n";
      line_length = 0;
    }
    out += ' ';
    out += token;
    line_length += 1 + token.size();
  }
  out += "\r\n";
  return out;
}

std::string unstructured_header(std::string_view name, std::string_view value) {
  const std::string cleaned = clean_header_value(value);
  if (is_plain_header_text(cleaned)) return fold_header(name, split_spaces(cleaned));
  return fold_header(name, encoded_words(cleaned));
}

}  // namespace omvarld::digest
