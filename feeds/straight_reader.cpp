// The straight path's reader (straight_reader.h), what its formats share:
// the document and its root, which picks the format (RSS 2.0 and 1.0 in
// rss_items.cpp, Atom 1.0 in atom_items.cpp); the elements skipped around
// the items; an item's beginning and end; what every field's text goes
// through. Everything it does not accept makes it decline rather than
// guess; parse_items then takes the general path, so the straight path can
// only be faster, never different (feeds_straight_items_test and the
// fuzzer compare the two).

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/ascii.h"
#include "feeds/item_rules.h"
#include "feeds/nesting.h"
#include "feeds/normalize.h"
#include "feeds/straight_reader.h"
#include "markup/html_sanitize.h"
#include "markup/html_text.h"

namespace omvarld::feeds::straight_reader {

// Elements whose handlers change how the elements after them are read:
// nested items, a channel within a channel, content (has_content_, the
// summary it fills), source (it resets the title rule).
bool changes_later_elements(ElementHandler handler) {
  switch (handler) {
    case ElementHandler::kRss:
    case ElementHandler::kChannel:
    case ElementHandler::kFeed:
    case ElementHandler::kItem:
    case ElementHandler::kContent:
    case ElementHandler::kBody:
    case ElementHandler::kContentEncoded:
    case ElementHandler::kSummary:
    case ElementHandler::kSource:
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

// An element beside the items (in an RSS channel, an Atom feed, an RSS 1.0
// root) and everything in it, checked but not read: it may fill feed-level
// fields, which Items do not have, but nothing in it may change how the
// items are read. Nor may it nest deeper than the general path reads
// (nesting.h), which flags such a document. `levels_above`: the elements
// around `tag` (<rss> and <channel>: 2).
bool StraightReader::skip_element(const StartTag& tag, std::size_t levels_above) {
  if (tag.empty) return true;
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
    if (levels_above + open_.size() + 1 > static_cast<std::size_t>(kMaxElementDepth)) return false;
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
  StartTag root;
  if (!read_start_tag(root) || root.empty || !no_base(root) || !declare(root)) return false;
  const Name* name = name_of(root.name);
  if (name == nullptr) return false;
  if (root.name == "rss" && name->handler == ElementHandler::kRss) {
    if (!read_rss(root)) return false;
  } else if (root.name == "rdf:RDF" && name->prefix == "rdf" && name->local == "rdf") {
    if (!read_rdf(root)) return false;
  } else if (root.name == "feed" && name->handler == ElementHandler::kFeed) {
    if (!read_atom(root)) return false;
  } else {
    return false;
  }
  // After the root: space, comments and processing instructions only.
  while (true) {
    skip_space();
    if (p_ == end_) return true;
    if (!(at("<!--") || at_pair('<', '?')) || !read_special(nullptr)) return false;
  }
}

// After an item's (an entry's) start tag: its fields, each read by
// `read_one`, up to its end tag; the entry, with `id` unless a field gives
// another, then goes to the normalizer, as feed_reader's end of an item
// hands it over.
bool StraightReader::read_entry(std::string_view name, FieldReader read_one, std::string_view id) {
  begin_entry();
  entry_.id.assign(id);
  while (true) {
    const Next next = next_tag();
    if (next == Next::kNotTaken) return false;
    if (next == Next::kEndTag) {
      if (!read_end_tag(name)) return false;
      end_entry();
      return true;
    }
    StartTag& tag = field_tag_;
    if (!read_start_tag(tag) || !ordinary_attributes(tag)) return false;
    const Name* element = name_of(tag.name);
    if (element == nullptr || !(this->*read_one)(*element, tag)) return false;
  }
}

// An item or entry begins: the fields an Item is made of cleared, not
// replaced, so that their strings keep their buffers for the next one.
void StraightReader::begin_entry() {
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
}

// It ends: the entry goes to the normalizer, as feed_reader's end of an
// item hands it over (moved: begin_entry clears what it sets).
void StraightReader::end_entry() {
  has_content_ = false;
  normalizer_.add(std::move(entry_));
}

// What feed_reader's pop() does to every field's text when its element
// ends, after its own handling: trimmed first, repaired last.
void StraightReader::finish_text(std::string& output) { repair_decoding(output, utf8_); }

// The same for HTML (`output` trimmed): markup the sanitizer would keep as
// it is, kept unsanitized (as feed_reader does for parse_items), with its
// plain text returned at once, since the encoding repairs would leave it
// as it is too; other markup sanitized and repaired.
std::optional<std::string> StraightReader::finish_html(std::string& output) {
  std::optional<std::string> plain = markup::kept_html_text(output);
  if (!plain) {
    output = markup::clean_html(output, base_);
    finish_text(output);
  }
  return plain;
}

// feed_reader's resolve(): the last answer kept, as an item's guid often
// repeats its link.
const std::string& StraightReader::resolve(const std::string& reference) {
  return resolved_.resolve(base_, reference);
}

}  // namespace omvarld::feeds::straight_reader
