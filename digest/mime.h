// digest/mime.h
//
// The encodings a mail needs to carry UTF-8 safely through SMTP: quoted-
// printable bodies (RFC 2045 §6.7), encoded-words in headers (RFC 2047) and
// folded header lines (RFC 5322 §2.2.3). Pure functions; every line they
// produce ends in CRLF and stays far below 998 octets for sane input.

#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace omvarld::digest {

// `text` (lines ending in "\n" or "\r\n") as quoted-printable: hard line
// breaks become CRLF, no encoded line is longer than 76 characters (soft
// breaks end in "="), trailing whitespace, "=", control and non-ASCII bytes
// are =XX, and a "." or "From " at the start of a line is encoded too, so
// neither SMTP nor mbox readers can misread it.
std::string encode_quoted_printable(std::string_view text);

std::string encode_base64(std::string_view bytes);

// A header value that cannot break the header: control characters (CR and
// LF above all) become spaces, runs of spaces become one, ends trimmed.
std::string clean_header_value(std::string_view value);

// `text` as "=?UTF-8?B?…?=" words of at most 75 characters each, split only
// between whole UTF-8 characters.
std::vector<std::string> encoded_words(std::string_view text);

// True when `text` can go into a header as is: printable ASCII only, no "=?"
// that a reader could take for an encoded-word, no word longer than 70.
bool is_plain_header_text(std::string_view text);

// "Name: token token…\r\n" with the tokens separated by spaces, folded
// before a token whenever the line would pass 78 characters.
std::string fold_header(std::string_view name, const std::vector<std::string>& tokens);

// An unstructured header (Subject, X-…): cleaned, then written as is or as
// encoded-words, and folded.
std::string unstructured_header(std::string_view name, std::string_view value);

}  // namespace omvarld::digest
