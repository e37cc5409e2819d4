#include "feeds/encoding.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/ascii.h"
#include "feeds/charset.h"
#include "feeds/charset_guess.h"
#include "feeds/text_position.h"

namespace omvarld::feeds {
namespace {

struct MediaType {
  std::string type;     // lower case, without parameters
  std::string charset;  // lower case, unquoted; "" when absent
};

// Content-Type as feedparser splits it: "type; charset = 'x'". A parameter
// without '=' ("charset:iso-8859-1") is no charset.
MediaType parse_media_type(std::string_view header) {
  MediaType media;
  std::size_t start = 0;
  bool first = true;
  while (start <= header.size()) {
    const std::size_t end = std::min(header.find(';', start), header.size());
    const std::string_view chunk = header.substr(start, end - start);
    if (first) {
      media.type = core::lowercase_ascii(core::trim_space(chunk));
      first = false;
    } else if (const auto equals = chunk.find('='); equals != std::string_view::npos) {
      if (core::lowercase_ascii(core::trim_space(chunk.substr(0, equals))) == "charset") {
        std::string_view value = core::trim_space(chunk.substr(equals + 1));
        while (!value.empty() && (value.front() == '"' || value.front() == '\'')) value.remove_prefix(1);
        while (!value.empty() && (value.back() == '"' || value.back() == '\'')) value.remove_suffix(1);
        media.charset = core::lowercase_ascii(value);
      }
    }
    start = end + 1;
  }
  return media;
}

struct Sniffed {
  std::string encoding;  // "" when the first bytes say nothing
  std::size_t bom = 0;   // length of the byte order mark to drop
};

// XML 1.0 Appendix F: a byte order mark, or "<?xm" in a wide encoding.
Sniffed sniff(std::string_view bytes) {
  using std::string_view;
  auto starts = [&](string_view prefix) { return bytes.starts_with(prefix); };
  const bool zeros_after_2 = bytes.substr(std::min<std::size_t>(2, bytes.size()), 2) == string_view("\0\0", 2);
  if (starts(string_view("\0\0\xFE\xFF", 4))) return {"utf-32be", 4};
  if (starts(string_view("\xFF\xFE\0\0", 4))) return {"utf-32le", 4};
  if (starts("\xFE\xFF") && !zeros_after_2) return {"utf-16be", 2};
  if (starts("\xFF\xFE") && !zeros_after_2) return {"utf-16le", 2};
  if (starts("\xEF\xBB\xBF")) return {"utf-8", 3};
  if (starts("\x4C\x6F\xA7\x94")) return {"cp037", 0};
  if (starts(string_view("\0<\0?", 4))) return {"utf-16be", 0};
  if (starts(string_view("<\0?\0", 4))) return {"utf-16le", 0};
  if (starts(string_view("\0\0\0<", 4))) return {"utf-32be", 0};
  if (starts(string_view("<\0\0\0", 4))) return {"utf-32le", 0};
  return {};
}

// The encoding pseudo-attribute of the XML declaration, lower case, or "".
// `text` is the document's start, already ASCII-compatible.
std::string declared_encoding(std::string_view text) {
  const auto start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos || text.substr(start, 2) != "<?") return {};
  const auto end = text.find("?>", start);
  const std::string_view declaration = text.substr(start, end == std::string_view::npos ? 200 : end - start);
  auto pos = declaration.find("encoding=");
  if (pos == std::string_view::npos) return {};
  pos += 9;
  if (pos >= declaration.size() || (declaration[pos] != '"' && declaration[pos] != '\'')) return {};
  const auto close = declaration.find_first_of("\"'", pos + 1);
  if (close == std::string_view::npos) return {};
  return core::lowercase_ascii(declaration.substr(pos + 1, close - pos - 1));
}

bool is_wide_alias(std::string_view name) {
  static constexpr std::array<std::string_view, 14> kWide = {
      "u16", "utf-16", "utf16", "utf_16", "u32", "utf-32", "utf32", "utf_32",
      "iso-10646-ucs-2", "iso-10646-ucs-4", "csucs4", "csunicode", "ucs-2", "ucs-4"};
  return std::find(kWide.begin(), kWide.end(), name) != kWide.end();
}

bool is_application_xml(const std::string& type) {
  return type == "application/xml" || type == "application/xml-dtd" ||
         type == "application/xml-external-parsed-entity" ||
         (type.starts_with("application/") && type.ends_with("+xml"));
}

bool is_text_xml(const std::string& type) {
  return type == "text/xml" || type == "text/xml-external-parsed-entity" ||
         (type.starts_with("text/") && type.ends_with("+xml"));
}

// gb18030 is a superset of gb2312; feedparser reads (and reports) the
// larger one.
std::string widen_gb2312(std::string name) { return name == "gb2312" ? "gb18030" : name; }


// What RFC 3023 and the first bytes say before any decoding is tried.
struct Plan {
  std::size_t bom = 0;        // bytes of byte order mark to drop
  std::string sniffed;        // from the first bytes, "" when they say nothing
  std::string xml_encoding;   // from the XML declaration
  std::string rfc3023;        // what to try first
  std::string problem;        // a media type that is not XML's
};

Plan plan_decoding(std::string_view bytes, std::string_view content_type) {
  Plan plan;
  const Sniffed sniffed = sniff(bytes);
  plan.bom = sniffed.bom;
  plan.sniffed = sniffed.encoding;
  bytes.remove_prefix(sniffed.bom);
  // The declaration is read in the sniffed encoding, as far as the first
  // line goes (a wide document is decoded only for this look).
  std::string xml_encoding;
  if (sniffed.encoding.empty() || sniffed.encoding == "utf-8") {
    xml_encoding = declared_encoding(bytes.substr(0, 512));
  } else {
    const std::size_t unit = sniffed.encoding.starts_with("utf-32") ? 4 : 2;
    const std::string_view head = bytes.substr(0, std::min<std::size_t>(bytes.size(), 512 * unit) / unit * unit);
    if (auto start = decode_strict(head, sniffed.encoding)) xml_encoding = declared_encoding(*start);
  }
  if (!sniffed.encoding.empty() && is_wide_alias(xml_encoding)) xml_encoding = sniffed.encoding;
  // A byte order mark beats the declaration (XML 1.0 Appendix F; WHATWG
  // Encoding §6 "decode"). feedparser lets "iso-8859-1" in the declaration
  // of a document with a UTF-8 mark win, and garbles every "å".
  if (sniffed.bom > 0) xml_encoding = sniffed.encoding;
  xml_encoding = widen_gb2312(xml_encoding);
  // RFC 3023 §3 as feedparser applies it. One deviation: where feedparser
  // would default to utf-8 although a byte order mark (or the UTF-16/32 form
  // of "<?xm") says otherwise, the sniffed encoding is the default.
  const MediaType media = parse_media_type(content_type);
  const std::string fallback = sniffed.encoding.empty() ? "utf-8" : sniffed.encoding;
  std::string rfc3023;
  bool acceptable = content_type.empty();
  if (is_application_xml(media.type)) {
    acceptable = true;
    rfc3023 = !media.charset.empty() ? media.charset : !xml_encoding.empty() ? xml_encoding : fallback;
  } else if (is_text_xml(media.type)) {
    acceptable = true;
    rfc3023 = !media.charset.empty() ? media.charset : "us-ascii";
  } else if (media.type.starts_with("text/")) {
    rfc3023 = !media.charset.empty() ? media.charset : "us-ascii";
  } else {
    rfc3023 = !xml_encoding.empty() ? xml_encoding : fallback;
  }
  plan.rfc3023 = widen_gb2312(rfc3023);
  plan.xml_encoding = std::move(xml_encoding);
  if (!acceptable) plan.problem = std::string(core::trim_space(content_type)) + " is not an accepted media type";
  return plan;
}

void add_problem(DecodedDocument& decoded, const std::string& problem) {
  if (problem.empty()) return;
  if (!decoded.problem.empty()) decoded.problem += "; ";
  decoded.problem += problem;
}

// XML allows no NUL character (XML 1.0 §2.2), and the parser takes the
// first one for the end of the document, which would lose everything after
// it without a word. Each is removed, as a bad byte carries no text; the
// problem says where the first was. "" when there was none.
std::string remove_nuls(std::string& text) {
  const std::size_t first = text.find('\0');
  if (first == std::string::npos) return {};
  const std::string where = line_column(text, first);
  const std::size_t removed = std::erase(text, '\0');
  return where + ": NUL byte" + (removed == 1 ? "" : "s (" + std::to_string(removed) + ")") + " removed";
}

}  // namespace

std::optional<std::string_view> utf8_as_written(std::string_view bytes, std::string_view content_type) {
  const Plan plan = plan_decoding(bytes, content_type);
  if (!plan.problem.empty() || plan.rfc3023 != "utf-8") return std::nullopt;
  bytes.remove_prefix(plan.bom);
  return bytes;
}

DecodedDocument decode_document(std::string_view bytes, std::string_view content_type) {
  DecodedDocument decoded;
  const Plan plan = plan_decoding(bytes, content_type);
  bytes.remove_prefix(plan.bom);
  const std::string& rfc3023 = plan.rfc3023;
  const std::string& xml_encoding = plan.xml_encoding;
  decoded.problem = plan.problem;
  std::vector<std::string> tried;
  auto attempt = [&](const std::string& name) {
    if (name.empty() || std::find(tried.begin(), tried.end(), name) != tried.end()) return false;
    tried.push_back(name);
    auto text = decode_strict(bytes, name);
    if (!text) return false;
    decoded.text = std::move(*text);
    decoded.encoding = name;
    return true;
  };
  bool done = attempt(rfc3023) || attempt(xml_encoding) || attempt(plan.sniffed);
  std::string wide_problem;
  if (!done && !plan.sniffed.empty()) {
    // A document whose first bytes say it is UTF-16 or UTF-32 is that,
    // bad units and all: read narrow, every other byte would be a NUL
    // and nothing of it would be read.
    if (std::optional<WideText> wide = decode_wide_replacing(bytes, plan.sniffed)) {
      decoded.text = std::move(wide->text);
      decoded.encoding = plan.sniffed;
      wide_problem = "invalid " + plan.sniffed + " at byte " + std::to_string(plan.bom + wide->first_bad) +
                     " replaced with U+FFFD (" + std::to_string(wide->replaced) + " code unit" +
                     (wide->replaced == 1 ? "" : "s") + ")";
      done = true;
    }
  }
  if (!done) {
    // A statistical guess (feedparser asks chardet) before the blind fallbacks.
    const std::string guess = guess_charset(bytes);
    done = attempt(guess) || attempt("utf-8") || attempt("windows-1252") || attempt("iso-8859-2");
  }
  if (!done) {
    // Unreachable in practice: ISO-8859-2 maps every byte.
    decoded.text = std::string(bytes);
    decoded.encoding = "utf-8";
  }
  if (decoded.encoding != rfc3023) {
    add_problem(decoded, "document declared as " + rfc3023 + ", but parsed as " + decoded.encoding);
  }
  add_problem(decoded, wide_problem);
  add_problem(decoded, remove_nuls(decoded.text));
  return decoded;
}

}  // namespace omvarld::feeds
