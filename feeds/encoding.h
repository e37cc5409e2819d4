// feeds/encoding.h
//
// Deciding a feed document's character encoding and converting it to UTF-8
// by feedparser's rules, which are RFC 3023's with fallbacks: the byte
// order mark (or the "<?xm" pattern of XML 1.0 Appendix F), the HTTP
// Content-Type and its charset, the XML declaration; then, when the bytes
// are not valid in the encoding so chosen, the declared one, the sniffed
// one, a statistical guess, UTF-8, windows-1252 and ISO-8859-2, in that
// order. Internal to feeds/. Pure.

#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace omvarld::feeds {

struct DecodedDocument {
  std::string text;      // UTF-8, without a byte order mark
  std::string encoding;  // the encoding used, lower case, feedparser's name: "utf-8", "gb18030", …
  std::string problem;   // why feedparser would flag the document bozo; empty when it would not
};

// Decodes `bytes` using `content_type` (an HTTP Content-Type header, empty
// when the document did not come over HTTP). Never fails: ISO-8859-2, the
// last fallback, decodes any byte, and a document whose first bytes say it
// is UTF-16 or UTF-32 is read so with its bad code units replaced. The text
// holds no NUL: each is removed. The problem is set when the encoding
// used is not the one RFC 3023 prescribes ("document declared as us-ascii,
// but parsed as utf-8"), the media type is not an XML one ("text/plain is
// not an accepted media type"), code units were replaced ("invalid
// utf-16le at byte 40 replaced with U+FFFD (1 code unit)") or NULs removed
// ("5:1: NUL byte removed"); several are joined with "; ". The XML
// declaration is left as written.
DecodedDocument decode_document(std::string_view bytes, std::string_view content_type);

// `bytes` past a UTF-8 byte order mark when RFC 3023 chooses UTF-8 and
// nothing is to be flagged: decode_document then returns them as they are,
// provided they are valid UTF-8 without a NUL (is_utf8_text, charset.h),
// which is for the caller to check. A reader can then take the bytes without a copy;
// std::nullopt otherwise.
std::optional<std::string_view> utf8_as_written(std::string_view bytes, std::string_view content_type);

}  // namespace omvarld::feeds
