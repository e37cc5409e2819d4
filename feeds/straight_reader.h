// feeds/straight_reader.h
//
// The straight path's reader (straight_items.h), shared by its files:
// straight_tokenizer.cpp reads the text (names, tags, character data and
// references, CDATA, comments and processing instructions, the namespace
// declarations in scope) no more leniently than pugixml; straight_reader.cpp
// reads the document's root and what the formats share; rss_items.cpp reads
// RSS 2.0's channel and RSS 1.0's root with their items, and atom_items.cpp
// an Atom 1.0 feed and its entries, field by field, as feed_reader's
// handlers read them; straight_items.cpp decodes the document first. Internal to
// feeds/, and to those files within it. Pure.

#pragma once

#include <array>
#include <cstddef>
#include <cstring>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "feeds/feed.h"
#include "feeds/feed_vocabulary.h"
#include "feeds/item_rules.h"
#include "feeds/normalize.h"

namespace omvarld::feeds::straight_reader {

inline bool space_char(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

struct Attribute {
  std::string_view name;   // as written
  std::string_view value;  // as written: references not yet decoded
};

struct StartTag {
  std::string_view name;
  std::array<Attribute, 32> attributes;  // roots declare many namespaces
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
bool plain_value(std::string_view value);

// Elements whose handlers change how the elements after them are read.
bool changes_later_elements(ElementHandler handler);
// No xml:base, nor the "base" that feedparser takes for it.
bool no_base(const StartTag& tag);
// No xml:base and no namespace declaration: an item's elements are read
// with the declarations of the elements around the item.
bool ordinary_attributes(const StartTag& tag);

// An attribute value the reader keeps (an Atom link's href), with its
// references decoded as pugixml decodes them; false for one that holds a
// tab or line end, which attribute-value normalization would rewrite.
bool attribute_text(std::string_view value, std::string& out);

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
    ElementHandler handler = ElementHandler::kNone;
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
  bool skip_element(const StartTag& tag, std::size_t levels_above);
  using FieldReader = bool (StraightReader::*)(const Name& element, const StartTag& tag);
  bool read_entry(std::string_view name, FieldReader read_one, std::string_view id = {});
  void begin_entry();
  void end_entry();
  bool read_field(const Name& element, const StartTag& tag);
  void finish_text(std::string& output);
  std::optional<std::string> finish_html(std::string& output);
  // RSS 2.0, and RSS 1.0 (rss_items.cpp).
  bool read_rss(const StartTag& rss);
  bool read_channel(std::string_view name);
  bool read_rdf(const StartTag& rdf);
  bool rdf_about(const StartTag& tag, std::string& about);
  // Atom 1.0 (atom_items.cpp).
  bool read_atom(const StartTag& feed);
  bool read_atom_field(const Name& element, const StartTag& tag);
  bool read_atom_link(const StartTag& tag);
  bool skip_person(const StartTag& tag);
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
  // The tags of the root's or channel's children, of an item's fields and
  // of what skip_element and skip_person go through, kept: making a tag's
  // attribute array anew for every element showed in profiles.
  StartTag child_tag_;
  StartTag field_tag_;
  StartTag inner_tag_;
  ParsedEntry entry_;    // the item (entry) being read; its strings keep their buffers
  std::string output_;   // the field being read
  bool title_settled_ = false;  // feed_reader's title_depth_ > -1
  bool guid_is_link_ = false;
  bool has_content_ = false;
  ResolveCache resolved_;  // resolve()'s last question and answer
};

}  // namespace omvarld::feeds::straight_reader
