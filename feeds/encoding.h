// feeds/encoding.h
//
// Deciding a feed document's character encoding and converting it to UTF-8,
// a simplified form of feedparser's rules (and RFC 3023's): byte order mark,
// then the HTTP charset, then the XML declaration, then UTF-8 if the bytes
// are valid UTF-8, else windows-1252. Internal to feeds/. Pure.

#pragma once

#include <string>
#include <string_view>

namespace omvarld::feeds {

struct DecodedDocument {
  std::string text;      // UTF-8, without a byte order mark
  std::string encoding;  // the IANA name used, lower case: "utf-8", "iso-8859-1", …
  std::string problem;   // why the result is a guess or lossy; empty when it is neither
};

// Decodes `bytes` using `content_type` (an HTTP Content-Type header, may be
// empty). Bytes the chosen encoding cannot decode become U+FFFD and are
// reported in `problem`; the XML declaration is left as written.
DecodedDocument decode_document(std::string_view bytes, std::string_view content_type);

// True when `bytes` is well-formed UTF-8 (RFC 3629: no overlongs, no surrogates).
bool is_valid_utf8(std::string_view bytes);

}  // namespace omvarld::feeds
