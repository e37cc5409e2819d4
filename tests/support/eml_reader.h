// tests/support/eml_reader.h
//
// Reads an .eml file the way a mail client would, so tests can check what
// omvarld sent: the headers (unfolded, looked up in any case), the Subject
// with its RFC 2047 encoded-words decoded, and the text/plain and text/html
// parts of a multipart body (nested multiparts too) with their
// Content-Transfer-Encoding (quoted-printable, base64, 7bit, 8bit) undone.
// Assumes UTF-8 bodies, as omvarld writes; encoded-words may also be
// US-ASCII or ISO-8859-1. Accepts CRLF or bare LF line ends; decoded text has
// "\n" line ends. Header-only, for tests; plain functions over strings.

#pragma once

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace omvarld::testing {

struct EmlHeader {
  std::string name;
  std::string value;  // unfolded and trimmed, encoded-words left as they are
};

struct Eml {
  std::vector<EmlHeader> headers;
  std::string text;  // the first text/plain part, decoded; empty when there is none
  std::string html;  // the first text/html part, decoded; empty when there is none

  // The value of the first header called `name` (any case), else nullopt.
  std::optional<std::string> header(std::string_view name) const;

  // The Subject header with its encoded-words decoded; empty when missing.
  std::string subject() const;
};

namespace eml_detail {

inline std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

inline bool iequals(std::string_view a, std::string_view b) { return lower(a) == lower(b); }

inline std::string_view trim(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

inline int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Splits into lines without their CRLF or LF; a final line end yields no
// empty last line.
inline std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

inline std::string latin1_to_utf8(std::string_view text) {
  std::string out;
  for (const unsigned char c : text) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

// A media type and its parameters, as in Content-Type (RFC 2045 section 5.1).
struct MediaType {
  std::string type = "text/plain";  // lower case
  std::vector<std::pair<std::string, std::string>> parameters;  // names in lower case

  std::string parameter(std::string_view name) const {
    for (const auto& [key, value] : parameters) {
      if (key == name) return value;
    }
    return {};
  }
};

inline MediaType parse_media_type(std::string_view value) {
  MediaType media;
  std::vector<std::string> fields{""};
  bool quoted = false;
  for (const char c : value) {
    if (c == '"') quoted = !quoted;
    if (c == ';' && !quoted) {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  if (!trim(fields.front()).empty()) media.type = lower(trim(fields.front()));
  for (std::size_t i = 1; i < fields.size(); ++i) {
    const std::string_view field = trim(fields[i]);
    const std::size_t equals = field.find('=');
    if (equals == std::string_view::npos) continue;
    std::string_view parameter_value = trim(field.substr(equals + 1));
    if (parameter_value.size() >= 2 && parameter_value.front() == '"' &&
        parameter_value.back() == '"') {
      parameter_value = parameter_value.substr(1, parameter_value.size() - 2);
    }
    media.parameters.emplace_back(lower(trim(field.substr(0, equals))),
                                  std::string(parameter_value));
  }
  return media;
}

// Headers and body of a message or body part (RFC 5322 section 2.1): the
// header ends at the first empty line. Folded lines (CRLF followed by a
// space or tab) are joined, keeping the space (section 2.2.3).
struct Entity {
  std::vector<EmlHeader> headers;
  std::string_view body;

  std::optional<std::string> header(std::string_view name) const {
    for (const EmlHeader& header : headers) {
      if (iequals(header.name, name)) return header.value;
    }
    return std::nullopt;
  }
};

inline Result<Entity, std::string> parse_entity(std::string_view raw) {
  Entity entity;
  std::string_view rest = raw;
  std::string current;
  const auto flush = [&]() -> Result<void, std::string> {
    if (current.empty()) return {};
    const std::size_t colon = current.find(':');
    if (colon == std::string::npos || colon == 0) {
      return tl::unexpected<std::string>("header line without a name: \"" + current + "\"");
    }
    entity.headers.push_back({std::string(trim(std::string_view(current).substr(0, colon))),
                              std::string(trim(std::string_view(current).substr(colon + 1)))});
    current.clear();
    return {};
  };
  while (true) {
    const std::size_t end = rest.find('\n');
    if (end == std::string_view::npos) {
      return tl::unexpected<std::string>("no empty line between the header and the body");
    }
    std::string_view line = rest.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    rest.remove_prefix(end + 1);
    if (line.empty()) break;
    if ((line.front() == ' ' || line.front() == '\t') && !current.empty()) {
      current += line;
      continue;
    }
    if (auto flushed = flush(); !flushed) return tl::unexpected<std::string>(flushed.error());
    current = line;
  }
  if (auto flushed = flush(); !flushed) return tl::unexpected<std::string>(flushed.error());
  entity.body = rest;
  return entity;
}

}  // namespace eml_detail

// Undoes quoted-printable (RFC 2045 section 6.7): "=XX" is the octet XX,
// "=" at the end of a line is a soft line break, trailing blanks on a line
// are transport padding. Lines end in "\n" afterwards. A "=" not followed by
// two hex digits is kept as it is, as mail clients do.
inline std::string decode_quoted_printable(std::string_view encoded) {
  std::string out;
  const std::vector<std::string_view> lines = eml_detail::split_lines(encoded);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    bool soft_break = false;
    for (std::size_t k = 0; k < line.size(); ++k) {
      if (line[k] != '=') {
        out += line[k];
      } else if (k + 1 == line.size()) {
        soft_break = true;
      } else if (k + 2 < line.size() && eml_detail::hex_value(line[k + 1]) >= 0 &&
                 eml_detail::hex_value(line[k + 2]) >= 0) {
        out += static_cast<char>(eml_detail::hex_value(line[k + 1]) * 16 +
                                 eml_detail::hex_value(line[k + 2]));
        k += 2;
      } else {
        out += '=';
      }
    }
    const bool last = i + 1 == lines.size();
    if (!soft_break && !(last && encoded.back() != '\n')) out += '\n';
  }
  return out;
}

// Undoes base64 (RFC 2045 section 6.8), ignoring line breaks and blanks.
// Fails on any other character outside the alphabet, or on a length that is
// not a whole number of 4-character groups.
inline Result<std::string, std::string> decode_base64(std::string_view encoded) {
  const auto value_of = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  unsigned int buffer = 0;
  int bits = 0;
  std::size_t symbols = 0;
  std::size_t padding = 0;
  for (const char c : encoded) {
    if (c == '\r' || c == '\n' || c == ' ' || c == '\t') continue;
    ++symbols;
    if (c == '=') {
      ++padding;
      continue;
    }
    const int value = value_of(c);
    if (value < 0 || padding > 0) {
      return tl::unexpected<std::string>(std::string("base64: unexpected character '") + c + "'");
    }
    buffer = (buffer << 6) | static_cast<unsigned int>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  if (symbols % 4 != 0 || padding > 2) {
    return tl::unexpected<std::string>("base64: length is not a multiple of 4");
  }
  return out;
}

// Decodes the RFC 2047 encoded-words ("=?UTF-8?B?...?=", "=?utf-8?Q?...?=")
// in a header value; blanks between two adjacent encoded-words are dropped
// (section 6.2). Words in a charset other than UTF-8, US-ASCII or
// ISO-8859-1, or malformed ones, are left as they are.
inline std::string decode_encoded_words(std::string_view value) {
  std::string out;
  std::string pending_blanks;  // blanks seen right after an encoded-word
  bool after_word = false;
  std::size_t i = 0;
  while (i < value.size()) {
    if (value.compare(i, 2, "=?") == 0) {
      const std::size_t charset_end = value.find('?', i + 2);
      const std::size_t encoding_end =
          charset_end == std::string_view::npos ? charset_end : value.find('?', charset_end + 1);
      const std::size_t text_end =
          encoding_end == std::string_view::npos ? encoding_end : value.find("?=", encoding_end + 1);
      if (text_end != std::string_view::npos && encoding_end == charset_end + 2) {
        // RFC 2231 section 5 allows "charset*language".
        std::string charset =
            eml_detail::lower(value.substr(i + 2, charset_end - (i + 2)));
        charset = charset.substr(0, charset.find('*'));
        const char encoding = static_cast<char>(std::toupper(
            static_cast<unsigned char>(value[charset_end + 1])));
        const std::string_view text = value.substr(encoding_end + 1, text_end - (encoding_end + 1));
        std::optional<std::string> decoded;
        if (text.find_first_of(" \t") == std::string_view::npos &&
            (charset == "utf-8" || charset == "us-ascii" || charset == "iso-8859-1")) {
          if (encoding == 'B') {
            if (auto bytes = decode_base64(text)) decoded = std::move(*bytes);
          } else if (encoding == 'Q') {
            std::string bytes;
            for (std::size_t k = 0; k < text.size(); ++k) {
              if (text[k] == '_') {
                bytes += ' ';
              } else if (text[k] == '=' && k + 2 < text.size() &&
                         eml_detail::hex_value(text[k + 1]) >= 0 &&
                         eml_detail::hex_value(text[k + 2]) >= 0) {
                bytes += static_cast<char>(eml_detail::hex_value(text[k + 1]) * 16 +
                                           eml_detail::hex_value(text[k + 2]));
                k += 2;
              } else {
                bytes += text[k];
              }
            }
            decoded = std::move(bytes);
          }
        }
        if (decoded) {
          if (charset == "iso-8859-1") decoded = eml_detail::latin1_to_utf8(*decoded);
          pending_blanks.clear();
          out += *decoded;
          after_word = true;
          i = text_end + 2;
          continue;
        }
      }
    }
    const char c = value[i++];
    if (after_word && (c == ' ' || c == '\t')) {
      pending_blanks += c;
      continue;
    }
    out += pending_blanks;
    pending_blanks.clear();
    after_word = false;
    out += c;
  }
  return out + pending_blanks;
}

namespace eml_detail {

inline std::string crlf_to_lf(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    out += text[i];
  }
  return out;
}

inline Result<std::string, std::string> decode_body(const Entity& entity) {
  const std::string encoding =
      lower(trim(entity.header("Content-Transfer-Encoding").value_or("7bit")));
  if (encoding == "quoted-printable") return decode_quoted_printable(entity.body);
  if (encoding == "base64") {
    auto decoded = decode_base64(entity.body);
    if (!decoded) return decoded;
    return crlf_to_lf(*decoded);
  }
  if (encoding == "7bit" || encoding == "8bit" || encoding == "binary") {
    return crlf_to_lf(entity.body);
  }
  return tl::unexpected<std::string>("unknown Content-Transfer-Encoding \"" + encoding + "\"");
}

// Splits a multipart body at its boundary (RFC 2046 section 5.1.1): the
// parts between "--boundary" lines, up to "--boundary--". The line end
// before a delimiter belongs to the delimiter.
inline Result<std::vector<std::string_view>, std::string> split_multipart(
    std::string_view body, const std::string& boundary) {
  const std::string delimiter = "--" + boundary;
  std::vector<std::string_view> parts;
  std::optional<std::size_t> part_start;
  std::size_t line_start = 0;
  while (line_start < body.size()) {
    std::size_t line_end = body.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = body.size();
    std::string_view line = body.substr(line_start, line_end - line_start);
    line = trim(line);  // transport padding after a delimiter is allowed
    const bool is_close = line == delimiter + "--";
    if (line == delimiter || is_close) {
      if (part_start) {
        std::size_t end = line_start;
        if (end > *part_start && body[end - 1] == '\n') --end;
        if (end > *part_start && body[end - 1] == '\r') --end;
        parts.push_back(body.substr(*part_start, end - *part_start));
      }
      if (is_close) return parts;
      part_start = std::min(line_end + 1, body.size());
    }
    line_start = line_end + 1;
  }
  return tl::unexpected<std::string>("multipart body has no closing \"" + delimiter + "--\"");
}

inline Result<void, std::string> collect_parts(const Entity& entity, Eml& eml, int depth) {
  if (depth > 8) return tl::unexpected<std::string>("multipart nested too deeply");
  const MediaType media = parse_media_type(entity.header("Content-Type").value_or("text/plain"));
  const std::string disposition = lower(entity.header("Content-Disposition").value_or(""));
  if (disposition.starts_with("attachment")) return {};

  if (media.type.starts_with("multipart/")) {
    const std::string boundary = media.parameter("boundary");
    if (boundary.empty()) {
      return tl::unexpected<std::string>(media.type + " without a boundary parameter");
    }
    auto parts = split_multipart(entity.body, boundary);
    if (!parts) return tl::unexpected<std::string>(parts.error());
    for (const std::string_view raw_part : *parts) {
      auto part = parse_entity(raw_part);
      if (!part) return tl::unexpected<std::string>("body part: " + part.error());
      if (auto collected = collect_parts(*part, eml, depth + 1); !collected) return collected;
    }
    return {};
  }

  const bool is_text = media.type == "text/plain";
  const bool is_html = media.type == "text/html";
  if ((is_text && !eml.text.empty()) || (is_html && !eml.html.empty()) || (!is_text && !is_html)) {
    return {};
  }
  auto decoded = decode_body(entity);
  if (!decoded) return tl::unexpected<std::string>(media.type + ": " + decoded.error());
  if (lower(media.parameter("charset")) == "iso-8859-1") *decoded = latin1_to_utf8(*decoded);
  (is_text ? eml.text : eml.html) = std::move(*decoded);
  return {};
}

}  // namespace eml_detail

inline std::optional<std::string> Eml::header(std::string_view name) const {
  for (const EmlHeader& entry : headers) {
    if (eml_detail::iequals(entry.name, name)) return entry.value;
  }
  return std::nullopt;
}

inline std::string Eml::subject() const {
  return decode_encoded_words(header("Subject").value_or(""));
}

// Parses a whole message. Fails with a message for a missing header/body
// separator, a header line without a name, a multipart without boundary or
// closing delimiter, or a body that does not decode.
inline Result<Eml, std::string> parse_eml(std::string_view raw) {
  auto entity = eml_detail::parse_entity(raw);
  if (!entity) return tl::unexpected<std::string>(entity.error());
  Eml eml;
  eml.headers = entity->headers;
  if (auto collected = eml_detail::collect_parts(*entity, eml, 0); !collected) {
    return tl::unexpected<std::string>(collected.error());
  }
  return eml;
}

}  // namespace omvarld::testing
