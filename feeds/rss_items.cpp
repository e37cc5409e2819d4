// One pass over the decoded text: a tokenizer no more lenient than pugixml
// (whatever it takes, pugixml takes and reads the same), and an item reader
// that does, element by element, what feed_reader.cpp's handlers do for the
// few elements it accepts. Everything it does not accept makes it decline
// rather than guess; parse_items then takes the general path, so the
// straight path can only be faster, never different (feeds_rss_items_test
// and the fuzzer compare the two).

#include "feeds/rss_items.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <deque>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/ascii.h"
#include "core/dates.h"
#include "feeds/charset.h"
#include "feeds/encoding.h"
#include "feeds/feed_vocabulary.h"
#include "feeds/field_text.h"
#include "feeds/item_rules.h"
#include "feeds/nesting.h"
#include "feeds/normalize.h"
#include "feeds/parser.h"
#include "markup/byte_search.h"
#include "markup/html_entities.h"
#include "markup/html_sanitize.h"
#include "markup/html_text.h"
#include "markup/url.h"

namespace omvarld::feeds {
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

bool space_char(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

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

struct Attribute {
  std::string_view name;   // as written
  std::string_view value;  // as written: references not yet decoded
};

struct StartTag {
  std::string_view name;
  std::array<Attribute, 16> attributes;
  std::size_t attribute_count = 0;
  bool empty = false;  // <name/>

  // Ready for the next tag (the reader keeps its tags).
  void reset() {
    name = {};
    attribute_count = 0;
    empty = false;
  }

  const Attribute* begin() const { return attributes.data(); }
  const Attribute* end() const { return attributes.data() + attribute_count; }
};

// An attribute value the reader needs (a namespace URI, isPermaLink) as
// pugixml gives it, when that is the text as written: no reference and no
// whitespace for attribute-value normalization to rewrite.
bool plain_value(std::string_view value) {
  return value.find_first_of("&\t\r\n") == std::string_view::npos;
}

// Elements whose handlers change how the elements after them are read:
// nested items, a channel within a channel, content (has_content_, the
// summary it fills), source (it resets the title rule).
bool changes_later_elements(H handler) {
  switch (handler) {
    case H::kRss:
    case H::kChannel:
    case H::kFeed:
    case H::kItem:
    case H::kContent:
    case H::kBody:
    case H::kContentEncoded:
    case H::kSummary:
    case H::kSource:
      return true;
    default:
      return false;
  }
}

// No xml:base, nor the "base" that feedparser takes for it.
bool no_base(const StartTag& tag) {
  for (const Attribute& attribute : tag) {
    const std::string_view name = attribute.name;
    const auto colon = name.find(':');
    if (core::lowercase_ascii(colon == std::string_view::npos ? name : name.substr(colon + 1)) == "base") return false;
  }
  return true;
}

// No xml:base and no namespace declaration: an item's elements are read
// with the declarations of the elements around the item.
bool ordinary_attributes(const StartTag& tag) {
  for (const Attribute& attribute : tag) {
    if (attribute.name == "xmlns" || attribute.name.starts_with("xmlns:")) return false;
  }
  return no_base(tag);
}

class StraightReader {
 public:
  // `text` from its byte `start` on; when not `utf8_checked`, its bytes
  // are checked as UTF-8 as the reading gets to them (see check_ahead).
  StraightReader(std::string_view text, std::size_t start, bool utf8_checked, std::string base, bool utf8,
                 ItemNormalizer& normalizer)
      : p_(text.data() + start), end_(text.data() + text.size()), base_(std::move(base)), utf8_(utf8),
        normalizer_(normalizer), checked_(text.data() + start), utf8_checked_(utf8_checked) {}

  // False when the document is not one this reader takes.
  bool read();

 private:
  struct Binding {  // an xmlns declaration in scope
    std::string_view prefix;
    std::string canonical;
  };
  struct Name {  // an element name as written, and what feed_reader makes of it
    std::string qname;
    H handler = H::kNone;
    std::string prefix;  // canonical
    std::string local;   // lower-case
  };
  enum class Next { kStartTag, kEndTag, kNotTaken };

  // How far ahead of the reading the text is checked (check_ahead).
  static constexpr std::size_t kCheckAhead = 16 * 1024;

  // The tokenizer.
  bool at(std::string_view s) const {
    return static_cast<std::size_t>(end_ - p_) >= s.size() && std::memcmp(p_, s.data(), s.size()) == 0;
  }
  // at("</") and the like without a call to memcmp: asked at every tag.
  bool at_pair(char first, char second) const { return end_ - p_ >= 2 && p_[0] == first && p_[1] == second; }
  void skip_space() {
    while (p_ < end_ && space_char(*p_)) ++p_;
  }
  bool check_ahead(std::size_t bytes);
  bool read_name(std::string_view& name);
  bool read_start_tag(StartTag& tag);
  bool read_end_tag(std::string_view name);
  bool skip_to(std::string_view terminator);
  bool read_special(std::string* out);
  bool read_text(std::string* out);
  bool read_content(const StartTag& tag, std::string* out);
  Next next_tag();

  // The reader.
  bool declare(const StartTag& tag);
  void undeclare(std::size_t mark);
  void forget_names() {
    names_.clear();
    name_index_.clear();
  }
  const Name* name_of(std::string_view qname);
  bool read_document();
  bool read_channel(std::string_view name);
  bool skip_element(const StartTag& tag);
  bool read_item(std::string_view name);
  bool read_field(const Name& element, const StartTag& tag);
  void finish_text(std::string& output);
  const std::string& resolve(const std::string& reference);

  const char* p_;  // where the reading is
  const char* const end_;
  const std::string base_;
  const bool utf8_;  // decoded from UTF-8: repair_double_utf8 applies
  ItemNormalizer& normalizer_;
  const char* checked_;      // the text before it holds no NUL and, unless utf8_checked_, is valid UTF-8
  const bool utf8_checked_;  // decoded, so valid already
  std::vector<Binding> bindings_;
  std::deque<Name> names_;              // name_of's answers, which stay where they are
  // names_ by qname once there are kIndexedNames of them: a document of
  // thousands of distinct element names would cost their square searched
  // one by one. The keys view the names' own qname strings.
  static constexpr std::size_t kIndexedNames = 16;
  std::unordered_map<std::string_view, const Name*> name_index_;
  struct Open {  // an element skip_element is in
    std::string_view name;
    std::size_t bindings;  // bindings_ before its own declarations
  };
  std::vector<Open> open_;
  // The tags of read_channel, read_item and skip_element, kept: making a
  // tag's attribute array anew for every element showed in profiles.
  StartTag channel_tag_;
  StartTag field_tag_;
  StartTag inner_tag_;
  ParsedEntry entry_;    // the item being read; its strings keep their buffers
  std::string output_;   // the field being read
  bool title_settled_ = false;  // feed_reader's title_depth_ > -1
  bool guid_is_link_ = false;
  bool has_content_ = false;
  ResolveCache resolved_;  // resolve()'s last question and answer
};

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
      else markup::append_utf8(*out, code_point);
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
// repeat with every item and the bindings never change after <rss>, so each
// name is worked out once.
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

// A channel-level element and everything in it, checked but not read: it
// may fill feed-level fields, which Items do not have, but nothing in it
// may change how the items are read. Nor may it nest deeper than the
// general path reads (nesting.h), which flags such a document.
bool StraightReader::skip_element(const StartTag& tag) {
  if (tag.empty) return true;
  // <rss> and <channel> are the two levels above `tag`.
  constexpr std::size_t kLevelsAbove = 2;
  open_.assign(1, Open{tag.name, bindings_.size()});
  while (!open_.empty()) {
    const Next next = next_tag();
    if (next == Next::kNotTaken) return false;
    if (next == Next::kEndTag) {
      if (!read_end_tag(open_.back().name)) return false;
      undeclare(open_.back().bindings);
      open_.pop_back();
      continue;
    }
    if (kLevelsAbove + open_.size() + 1 > static_cast<std::size_t>(kMaxElementDepth)) return false;
    StartTag& child = inner_tag_;
    const std::size_t mark = bindings_.size();
    if (!read_start_tag(child) || !no_base(child) || !declare(child)) return false;
    const Name* name = name_of(child.name);
    if (name == nullptr || changes_later_elements(name->handler)) return false;
    if (child.empty) undeclare(mark);
    else open_.push_back(Open{child.name, mark});
  }
  return true;
}

bool StraightReader::read() {
  // Whatever else it is, the document must be whole text.
  return read_document() && check_ahead(static_cast<std::size_t>(end_ - p_));
}

bool StraightReader::read_document() {
  if (!check_ahead(kCheckAhead)) return false;
  // The XML declaration, then comments and processing instructions.
  if (at("<?xml") && end_ - p_ > 5 && space_char(p_[5])) {
    if (!skip_to("?>")) return false;
  }
  while (true) {
    skip_space();
    if (at_pair('<', '!') || at_pair('<', '?')) {
      if (!read_special(nullptr)) return false;
      continue;
    }
    break;
  }
  if (!at("<")) return false;
  ++p_;
  StartTag rss;
  if (!read_start_tag(rss) || rss.name != "rss" || rss.empty) return false;
  const Name* root = no_base(rss) && declare(rss) ? name_of(rss.name) : nullptr;
  if (root == nullptr || root->handler != H::kRss) return false;

  // <rss> holds one <channel>, and nothing else but space and comments.
  bool channel_seen = false;
  while (true) {
    const Next next = next_tag();
    if (next == Next::kNotTaken) return false;
    if (next == Next::kEndTag) {
      if (!read_end_tag(rss.name)) return false;
      break;
    }
    StartTag channel;
    if (channel_seen || !read_start_tag(channel) || channel.empty || !declare(channel)) return false;
    // CDF's lastmod and href would fill the feed's fields; declarations only.
    for (const Attribute& attribute : channel) {
      if (attribute.name != "xmlns" && !attribute.name.starts_with("xmlns:")) return false;
    }
    const Name* name = name_of(channel.name);
    if (name == nullptr || name->handler != H::kChannel) return false;
    channel_seen = true;
    if (!read_channel(channel.name)) return false;
  }
  // After the root: space, comments and processing instructions only.
  while (true) {
    skip_space();
    if (p_ == end_) return channel_seen;
    if (!(at("<!--") || at_pair('<', '?')) || !read_special(nullptr)) return false;
  }
}

// After <channel>: its items read, the rest checked and skipped, up to
// </channel>.
bool StraightReader::read_channel(std::string_view name) {
  while (true) {
    // Text directly in the channel is feed-level: checked only.
    const Next next = next_tag();
    if (next == Next::kNotTaken) return false;
    if (next == Next::kEndTag) return read_end_tag(name);
    StartTag& tag = channel_tag_;
    const std::size_t mark = bindings_.size();
    if (!read_start_tag(tag) || !no_base(tag) || !declare(tag)) return false;
    const Name* element = name_of(tag.name);
    if (element == nullptr) return false;
    if (element->handler == H::kItem && element->prefix.empty() && element->local == "item") {
      // rdf:about, CDF's lastmod and href would fill the entry; an item's
      // own declarations are not read here either.
      if (tag.attribute_count != 0) return false;
      if (tag.empty) {
        has_content_ = false;
        normalizer_.add(ParsedEntry());
        continue;
      }
      if (!check_ahead(kCheckAhead) || !read_item(tag.name)) return false;
      continue;
    }
    if (changes_later_elements(element->handler) || !skip_element(tag)) return false;
    undeclare(mark);
  }
}

// After <item>: its fields, up to </item>; the entry then goes to the
// normalizer, as feed_reader's end of an item hands it over.
bool StraightReader::read_item(std::string_view name) {
  // Cleared, not replaced: the strings keep their buffers for the next item.
  for (Text* text : {&entry_.title, &entry_.summary}) {
    text->value.clear();
    text->type = "text/plain";
    text->plain.reset();
  }
  entry_.link.clear();
  entry_.content.clear();
  entry_.id.clear();
  for (Date* date : {&entry_.published, &entry_.updated}) {
    date->value.reset();
    date->raw.clear();
  }
  title_settled_ = false;
  guid_is_link_ = false;
  while (true) {
    const Next next = next_tag();
    if (next == Next::kNotTaken) return false;
    if (next == Next::kEndTag) {
      if (!read_end_tag(name)) return false;
      has_content_ = false;
      // Moved: read_item clears what it sets before the next item.
      normalizer_.add(std::move(entry_));
      return true;
    }
    StartTag& tag = field_tag_;
    if (!read_start_tag(tag) || !ordinary_attributes(tag)) return false;
    const Name* element = name_of(tag.name);
    if (element == nullptr || !read_field(*element, tag)) return false;
  }
}

// What feed_reader's pop() does to every field's text when its element
// ends, after its own handling: trimmed first, repaired last.
void StraightReader::finish_text(std::string& output) { repair_decoding(output, utf8_); }

// feed_reader's resolve(): the last answer kept, as an item's guid often
// repeats its link.
const std::string& StraightReader::resolve(const std::string& reference) {
  return resolved_.resolve(base_, reference);
}

// One element of an item: read as feed_reader's start and end handlers
// read it in an RSS 2.0 item (its depth is always the item's plus one, so
// feedparser's depth rules reduce to "the later one wins", except for the
// title, where the first that is not empty does).
bool StraightReader::read_field(const Name& element, const StartTag& tag) {
  const H handler = element.handler;
  std::string& output = output_;
  output.clear();
  switch (handler) {
    case H::kTitle: {
      // A type or mode attribute would make it another text construct.
      if (tag.attribute_count != 0 || !read_content(tag, &output)) return false;
      trim_in_place(output);
      std::string type = "text/plain";
      if (looks_like_html(output)) {
        type = "text/html";
        output = markup::clean_html(output, base_);
      }
      finish_text(output);
      if (!title_settled_) {
        entry_.title.value = output;
        entry_.title.type = std::move(type);
      }
      if (!output.empty()) title_settled_ = true;
      return true;
    }
    case H::kLink: {
      // With attributes it is an Atom link, which has rules of its own.
      if (tag.attribute_count != 0 || !read_content(tag, &output)) return false;
      trim_in_place(output);
      if (!output.empty()) output = resolve(output);
      finish_text(output);
      unescape_link_amp(output);
      entry_.link = output;
      return true;
    }
    case H::kGuid: {
      std::optional<std::string_view> is_permalink;
      for (const Attribute& attribute : tag) {
        if (attribute.name.find(':') != std::string_view::npos) return false;
        if (is_permalink || core::lowercase_ascii(attribute.name) != "ispermalink") continue;
        if (!plain_value(attribute.value)) return false;
        is_permalink = attribute.value;
      }
      guid_is_link_ = guid_is_permalink(is_permalink);
      if (!read_content(tag, &output)) return false;
      trim_in_place(output);
      if (!output.empty() && guid_is_link_) output = resolve(output);
      finish_text(output);
      entry_.id = output;
      guid_fills_link(entry_.link, output, guid_is_link_);
      return true;
    }
    case H::kPublished:
    case H::kUpdated: {
      if (tag.attribute_count != 0 || !read_content(tag, &output)) return false;
      trim_in_place(output);
      finish_text(output);
      Date& date = handler == H::kPublished ? entry_.published : entry_.updated;
      date.value = core::parse_date(output);  // read_date's value: the text is trimmed already
      date.raw = output;
      return true;
    }
    case H::kDescription:
    case H::kContentEncoded: {
      if (tag.attribute_count != 0) return false;
      const bool content = handler == H::kContentEncoded;
      // A second description, with no content before it, is read as content.
      if (!content && !entry_.summary.empty() && !has_content_) return false;
      if (!read_content(tag, &output)) return false;
      trim_in_place(output);
      // Markup the sanitizer would keep as it is, kept unsanitized (as
      // feed_reader does for parse_items), with its text taken at once;
      // the encoding repairs would leave it as it is too.
      std::optional<std::string> plain = markup::kept_html_text(output);
      if (!plain) {
        output = markup::clean_html(output, base_);
        finish_text(output);
      }
      if (content) {
        has_content_ = true;
        Text text(output, "text/html");
        text.plain = std::move(plain);
        if (entry_.summary.empty()) entry_.summary = text;
        entry_.content.push_back(std::move(text));
      } else {
        // Assigned in place: the summary's buffer serves item after item.
        entry_.summary.value.assign(output);
        entry_.summary.type = "text/html";
        entry_.summary.plain = std::move(plain);
      }
      return true;
    }
    case H::kCategory:
    case H::kAuthor:
    case H::kEnclosure:
    case H::kCreated:
    case H::kExpired:
      // Tags, authors, enclosures and the other dates are not in an Item.
      return read_content(tag, nullptr);
    case H::kNone: {
      // Stored under its own key in extras, unless that key is one of the
      // fields an Item is made of ("date" is stored as "updated").
      if (element.prefix.empty()) {
        const std::string_view local = element.local;
        const std::string_view key = stored_key(local);
        if (local == "content" || local == "link" || local == "description" || key == "title" ||
            key == "summary" || key == "id" || key == "published" || key == "updated") {
          return false;
        }
      }
      return read_content(tag, nullptr);
    }
    default:
      return false;
  }
}

}  // namespace

std::optional<FeedItems> rss_items(std::string_view body, const DocumentHints& hints,
                                   const core::SourceId& source, ItemIdentity identity) {
  // Most feeds are UTF-8 and say so: read in place, without a decoded
  // copy, and checked as the reader goes.
  DecodedDocument decoded;
  std::string_view text;
  bool checked = false;
  if (const std::optional<std::string_view> as_written = utf8_as_written(body, hints.content_type)) {
    text = *as_written;
    decoded.encoding = "utf-8";
  } else {
    decoded = decode_document(body, hints.content_type);
    // A problem makes the document bozo.
    if (!decoded.problem.empty()) return std::nullopt;
    text = decoded.text;
    checked = true;
  }
  const std::size_t space = std::min(text.size(), text.find_first_not_of(" \t\r\n"));
  ItemNormalizer normalizer(source, identity);
  StraightReader reader(text, space, checked, document_base(hints), core::lowercase_ascii(decoded.encoding) == "utf-8",
                        normalizer);
  if (!reader.read()) return std::nullopt;
  FeedItems result;
  result.items = std::move(normalizer).finish();
  return result;
}

}  // namespace omvarld::feeds
