// The straight path's tokenizer (straight_reader.h): no more lenient
// than pugixml, so that whatever it takes, pugixml takes and reads the
// same; the UTF-8 check just ahead of the reading; the namespace
// declarations in scope and the names they make.

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

#include "core/ascii.h"
#include "core/utf8.h"
#include "feeds/charset.h"
#include "feeds/feed_vocabulary.h"
#include "feeds/straight_reader.h"
#include "markup/byte_search.h"

namespace omvarld::feeds::straight_reader {

namespace {

// pugixml's name characters: the first may be a letter, '_', ':' or any
// byte from 0x80 (UTF-8 letters); the rest also digits, '-' and '.'.
constexpr auto kNameChars = [] {
  std::array<unsigned char, 256> table{};  // 1: may start a name, 2: may follow
  for (int c = 0; c < 256; ++c) {
    const bool start = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || c >= 0x80;
    const bool follow = start || (c >= '0' && c <= '9') || c == '-' || c == '.';
    table[static_cast<std::size_t>(c)] = static_cast<unsigned char>((start ? 1 : 0) | (follow ? 2 : 0));
  }
  return table;
}();

bool name_start_char(char c) { return (kNameChars[static_cast<unsigned char>(c)] & 1) != 0; }
bool name_char(char c) { return (kNameChars[static_cast<unsigned char>(c)] & 2) != 0; }

// `chunk` appended with XML's end-of-line handling (§2.11), as pugixml's
// parse_eol does: "\r\n" and a lone "\r" become "\n".
void append_lines(std::string& out, std::string_view chunk) {
  const char* cr = static_cast<const char*>(std::memchr(chunk.data(), '\r', chunk.size()));
  if (cr == nullptr) {
    out.append(chunk);
    return;
  }
  const char* at = chunk.data();
  const char* const stop = at + chunk.size();
  while (cr != nullptr) {
    out.append(at, cr);
    out += '\n';
    at = cr + 1;
    if (at < stop && *at == '\n') ++at;
    cr = static_cast<const char*>(std::memchr(at, '\r', static_cast<std::size_t>(stop - at)));
  }
  out.append(at, stop);
}

// The reference at `p` ('&'), decoded; false for one the general path would
// repair (an HTML entity, a bare '&', "&#X41;") or pugixml would mangle (a
// control character, a surrogate, a code point past Unicode).
bool read_reference(const char*& p, const char* stop, char32_t& code_point) {
  const std::string_view rest(p + 1, static_cast<std::size_t>(stop - p - 1));
  if (rest.empty()) return false;
  if (rest[0] != '#') {
    // The five XML entities, compared in place: one comes every few bytes
    // in escaped HTML.
    const auto is = [&](const char (&name)[6], std::size_t length) {
      for (std::size_t i = 0; i < length; ++i) {
        if (i >= rest.size() || rest[i] != name[i]) return false;
      }
      return true;
    };
    std::size_t length;
    if (is("lt;\0\0", 3)) length = 3, code_point = '<';
    else if (is("gt;\0\0", 3)) length = 3, code_point = '>';
    else if (is("amp;\0", 4)) length = 4, code_point = '&';
    else if (is("quot;", 5)) length = 5, code_point = '"';
    else if (is("apos;", 5)) length = 5, code_point = '\'';
    else return false;
    p += 1 + length;
    return true;
  }
  const bool hex = rest.size() > 1 && rest[1] == 'x';
  std::size_t i = hex ? 2 : 1;
  const std::size_t first_digit = i;
  std::uint32_t value = 0;
  for (; i < rest.size() && i - first_digit < 7; ++i) {
    const char c = rest[i];
    std::uint32_t digit;
    if (c >= '0' && c <= '9') digit = static_cast<std::uint32_t>(c - '0');
    else if (hex && c >= 'a' && c <= 'f') digit = static_cast<std::uint32_t>(c - 'a' + 10);
    else if (hex && c >= 'A' && c <= 'F') digit = static_cast<std::uint32_t>(c - 'A' + 10);
    else break;
    value = value * (hex ? 16 : 10) + digit;
  }
  if (i == first_digit || i >= rest.size() || rest[i] != ';') return false;
  if ((value < 0x20 && value != '\t' && value != '\n') || (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) {
    return false;
  }
  code_point = value;
  p += 1 + i + 1;
  return true;
}

}  // namespace

bool plain_value(std::string_view value) {
  return value.find_first_of("&\t\r\n") == std::string_view::npos;
}

bool attribute_text(std::string_view value, std::string& out) {
  out.clear();
  if (value.find_first_of("\t\r\n") != std::string_view::npos) return false;
  const char* at = value.data();
  const char* const stop = at + value.size();
  while (true) {
    const char* amp = markup::find_byte(at, stop, '&');
    out.append(at, amp);
    if (amp == stop) return true;
    char32_t code_point;
    if (!read_reference(amp, stop, code_point)) return false;
    core::append_utf8(out, code_point);
    at = amp;
  }
}

// The text from where the reading is to `bytes` beyond it (at least),
// checked: no NUL (pugixml would stop reading there) and valid UTF-8
// (else decode_document would not have taken it as it is). Checked in
// pieces just ahead of the reading rather than all at once before it,
// so that the bytes are read from memory once and parsed from the cache.
bool StraightReader::check_ahead(std::size_t bytes) {
  const char* const goal = bytes >= static_cast<std::size_t>(end_ - p_) ? end_ : p_ + bytes;
  while (checked_ < goal) {
    constexpr std::size_t kPiece = 64 * 1024;
    const char* stop = static_cast<std::size_t>(end_ - checked_) <= kPiece ? end_ : checked_ + kPiece;
    // A piece ends before a lead byte, so that it holds whole characters.
    while (stop < end_ && (static_cast<unsigned char>(*stop) & 0xC0) == 0x80) ++stop;
    const std::string_view piece(checked_, static_cast<std::size_t>(stop - checked_));
    if (utf8_checked_ ? piece.find('\0') != std::string_view::npos : !is_utf8_text(piece)) return false;
    checked_ = stop;
  }
  return true;
}

bool StraightReader::read_name(std::string_view& name) {
  const char* start = p_;
  if (p_ == end_ || !name_start_char(*p_)) return false;
  while (p_ < end_ && name_char(*p_)) ++p_;
  name = std::string_view(start, static_cast<std::size_t>(p_ - start));
  return true;
}

// After '<': the name, the attributes and the end of the tag.
bool StraightReader::read_start_tag(StartTag& tag) {
  tag.reset();
  if (!read_name(tag.name)) return false;
  while (true) {
    const char* before = p_;
    skip_space();
    if (p_ == end_) return false;
    if (*p_ == '>') {
      ++p_;
      return true;
    }
    if (*p_ == '/') {
      if (!at("/>")) return false;
      p_ += 2;
      tag.empty = true;
      return true;
    }
    if (p_ == before || tag.attribute_count == tag.attributes.size()) return false;
    Attribute& attribute = tag.attributes[tag.attribute_count++];
    if (!read_name(attribute.name)) return false;
    // pugixml keeps a repeated attribute, and the general path reads its
    // first value; not taken.
    for (const Attribute* earlier = tag.begin(); earlier != &attribute; ++earlier) {
      if (earlier->name == attribute.name) return false;
    }
    skip_space();
    if (p_ == end_ || *p_ != '=') return false;
    ++p_;
    skip_space();
    if (p_ == end_ || (*p_ != '"' && *p_ != '\'')) return false;
    const char quote = *p_++;
    const char* close = static_cast<const char*>(std::memchr(p_, quote, static_cast<std::size_t>(end_ - p_)));
    if (close == nullptr) return false;
    attribute.value = std::string_view(p_, static_cast<std::size_t>(close - p_));
    if (attribute.value.find('<') != std::string_view::npos) return false;
    for (const char* amp = p_; (amp = static_cast<const char*>(std::memchr(amp, '&', static_cast<std::size_t>(close - amp))));) {
      char32_t ignored;
      if (!read_reference(amp, close, ignored)) return false;
    }
    p_ = close + 1;
  }
}

// After "</": the end tag of `name`.
bool StraightReader::read_end_tag(std::string_view name) {
  if (!at(name)) return false;
  p_ += name.size();
  skip_space();
  if (p_ == end_ || *p_ != '>') return false;
  ++p_;
  return true;
}

bool StraightReader::skip_to(std::string_view terminator) {
  const std::string_view rest(p_, static_cast<std::size_t>(end_ - p_));
  const auto found = rest.find(terminator);
  if (found == std::string_view::npos) return false;
  p_ += found + terminator.size();
  return true;
}

// At "<!" or "<?": a CDATA section (its text appended to `out` when there
// is one), a comment or a processing instruction. A DOCTYPE, a declaration
// out of place and anything else are not taken.
bool StraightReader::read_special(std::string* out) {
  if (at("<![CDATA[")) {
    p_ += 9;
    const char* start = p_;
    if (!skip_to("]]>")) return false;
    if (out != nullptr) append_lines(*out, std::string_view(start, static_cast<std::size_t>(p_ - 3 - start)));
    return true;
  }
  if (at("<!--")) {
    p_ += 4;
    return skip_to("-->");
  }
  if (at_pair('<', '?')) {
    p_ += 2;
    std::string_view target;
    if (!read_name(target) || core::lowercase_ascii(target) == "xml") return false;
    return skip_to("?>");
  }
  return false;
}

// Character data up to the next '<' (or the end), its references decoded
// into `out` when there is one, only checked otherwise.
bool StraightReader::read_text(std::string* out) {
  const char* const stop = markup::find_byte(p_, end_, '<');
  const std::size_t size = static_cast<std::size_t>(stop - p_);
  // Line ends to normalize are rare: looked for once, not between references.
  const bool has_cr = out != nullptr && std::memchr(p_, '\r', size) != nullptr;
  const char* at = p_;
  while (true) {
    const char* amp = markup::find_byte(at, stop, '&');
    if (out != nullptr) {
      const std::string_view chunk(at, static_cast<std::size_t>(amp - at));
      if (has_cr) append_lines(*out, chunk);
      else out->append(chunk);
    }
    if (amp == stop) break;
    char32_t code_point;
    if (!read_reference(amp, stop, code_point)) return false;
    if (out != nullptr) {
      if (code_point < 0x80) out->push_back(static_cast<char>(code_point));  // &lt; &gt; &amp; &quot;
      else core::append_utf8(*out, code_point);
    }
    at = amp;
  }
  p_ = stop;
  return true;
}

// The text content of `tag`'s element up to its end tag, into `out` when
// there is one. An element inside it (markup left unescaped) is not taken.
bool StraightReader::read_content(const StartTag& tag, std::string* out) {
  if (tag.empty) return true;
  while (true) {
    if (!read_text(out) || p_ == end_) return false;
    if (at_pair('<', '/')) {
      p_ += 2;
      return read_end_tag(tag.name);
    }
    if (!at_pair('<', '!') && !at_pair('<', '?')) return false;
    if (!read_special(out)) return false;
  }
}

// The xmlns declarations of `tag`, in scope until undeclare(): they apply
// to the element itself and to what it holds. False for a URI that would
// need decoding.
bool StraightReader::declare(const StartTag& tag) {
  const std::size_t before = bindings_.size();
  for (const Attribute& attribute : tag) {
    const std::string_view name = attribute.name;
    if (name != "xmlns" && !name.starts_with("xmlns:")) continue;
    if (!plain_value(attribute.value)) return false;
    bool known = false;
    const std::string_view given = name == "xmlns" ? std::string_view() : name.substr(6);
    const std::string_view canonical = canonical_prefix(core::lowercase_ascii(attribute.value), known);
    bindings_.push_back(Binding{given, known ? std::string(canonical) : unknown_namespace_prefix(given)});
  }
  if (bindings_.size() != before) forget_names();  // worked out under other bindings
  // Names are resolved by looking through the declarations in scope: a
  // document that piles up more than a feed ever declares goes to the
  // general path, which looks them up by prefix.
  constexpr std::size_t kMaxBindings = 64;
  return bindings_.size() <= kMaxBindings;
}

// The declarations made since bindings_ had `mark` of them go out of scope.
void StraightReader::undeclare(std::size_t mark) {
  if (bindings_.size() == mark) return;
  bindings_.resize(mark);
  forget_names();
}

// The canonical prefix, lower-case local name and handler of an element,
// as feed_reader's canonical_of and handler_of give them; nullptr for a
// prefix never declared (the general path flags the document bozo). Names
// repeat with every item and the bindings rarely change after the root, so
// each name is worked out once under them.
const StraightReader::Name* StraightReader::name_of(std::string_view qname) {
  if (!name_index_.empty()) {
    if (const auto found = name_index_.find(qname); found != name_index_.end()) return found->second;
  } else {
    for (const Name& known : names_) {
      if (known.qname == qname) return &known;
    }
  }
  const auto colon = qname.find(':');
  const std::string_view given = colon == std::string_view::npos ? std::string_view() : qname.substr(0, colon);
  Name name;
  name.qname = std::string(qname);
  name.local = core::lowercase_ascii(colon == std::string_view::npos ? qname : qname.substr(colon + 1));
  bool bound = false;
  for (auto it = bindings_.rbegin(); it != bindings_.rend(); ++it) {
    if (it->prefix == given) {
      name.prefix = it->canonical;
      bound = true;
      break;
    }
  }
  if (given == "xml") name.prefix = "xml";
  else if (!bound && !given.empty()) return nullptr;
  name.handler = handler_of(name.prefix, name.local);
  names_.push_back(std::move(name));
  if (!name_index_.empty()) {
    name_index_.emplace(names_.back().qname, &names_.back());
  } else if (names_.size() == kIndexedNames) {
    for (const Name& known : names_) name_index_.emplace(known.qname, &known);
  }
  return &names_.back();
}

// Past character data (checked, not kept), comments and processing
// instructions to the next tag: just after its '<' for a start tag, after
// "</" for an end tag.
StraightReader::Next StraightReader::next_tag() {
  while (true) {
    if (!read_text(nullptr) || p_ == end_) return Next::kNotTaken;
    if (at_pair('<', '/')) {
      p_ += 2;
      return Next::kEndTag;
    }
    if (!at_pair('<', '!') && !at_pair('<', '?')) {
      ++p_;
      return Next::kStartTag;
    }
    if (!read_special(nullptr)) return Next::kNotTaken;
  }
}

}  // namespace omvarld::feeds::straight_reader
