// The straight path's Atom 1.0 reader (straight_reader.h): a feed in the
// Atom 1.0 namespace and its entries, element by element, doing what
// feed_reader_handlers.cpp does for the elements it accepts. The EU's and
// many agencies' feeds are Atom; most hold text or escaped HTML, which is
// read here. XHTML content, content by reference (src), Atom 0.3's modes,
// xml:base and anything else it does not accept make it decline, and
// parse_items takes the general path (feeds_straight_items_test and the
// fuzzer compare the two).

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "feeds/feed_vocabulary.h"
#include "feeds/field_text.h"
#include "feeds/item_rules.h"
#include "feeds/straight_reader.h"
#include "markup/html_sanitize.h"

namespace omvarld::feeds::straight_reader {

namespace {

// The root declares Atom 1.0 as its default namespace (so the general path
// reads it as atom10) and has no other attribute than declarations and a
// language, which no Item field depends on.
bool atom10_root(const StartTag& feed) {
  // (A repeated attribute is not taken: straight_tokenizer.cpp.)
  bool atom = false;
  for (const Attribute& attribute : feed) {
    if (attribute.name == "xmlns") atom = attribute.value == xml::kAtom10;
    else if (!attribute.name.starts_with("xmlns:") && attribute.name != "xml:lang") return false;
  }
  return atom;
}

// A text construct's type (title, summary, content): text/plain unless the
// type attribute says html. XHTML, other media types (which the general
// path would take for base64) and any attribute but a language are not
// taken.
bool text_construct_type(const StartTag& tag, std::string& type) {
  type = "text/plain";
  for (const Attribute& attribute : tag) {
    if (attribute.name == "xml:lang") continue;
    if (attribute.name != "type" || !plain_value(attribute.value)) return false;
    type = map_content_type(attribute.value);
    if (type != "text/plain" && type != "text/html") return false;
  }
  return true;
}

}  // namespace

// After <feed>: its entries read, the rest checked and skipped (as an RSS
// channel's elements are), up to </feed>.
bool StraightReader::read_atom(const StartTag& feed) {
  if (!atom10_root(feed)) return false;
  while (true) {
    const Next next = next_tag();
    if (next == Next::kNotTaken) return false;
    if (next == Next::kEndTag) return read_end_tag(feed.name);
    StartTag& tag = child_tag_;
    const std::size_t mark = bindings_.size();
    if (!read_start_tag(tag) || !no_base(tag) || !declare(tag)) return false;
    const Name* element = name_of(tag.name);
    if (element == nullptr) return false;
    if (element->handler == ElementHandler::kItem && element->prefix.empty() && element->local == "entry") {
      if (tag.attribute_count != 0) return false;
      if (tag.empty) {
        begin_entry();
        end_entry();
        continue;
      }
      if (!check_ahead(kCheckAhead) || !read_entry(tag.name, &StraightReader::read_atom_field)) return false;
      continue;
    }
    if (changes_later_elements(element->handler) || !skip_element(tag, 1)) return false;
    undeclare(mark);
  }
}

// One element of an entry, as feed_reader reads it in an Atom 1.0 entry:
// no guess that plain text is HTML (feedparser makes none for Atom), and
// for what Atom shares with RSS (id, which is read as a guid, dates,
// categories, extension elements), read_field.
bool StraightReader::read_atom_field(const Name& element, const StartTag& tag) {
  if (!element.prefix.empty() && element.handler != ElementHandler::kNone) return false;
  std::string& output = output_;
  output.clear();
  std::string type;
  switch (element.handler) {
    case ElementHandler::kTitle: {
      if (!text_construct_type(tag, type) || !read_content(tag, &output)) return false;
      trim_in_place(output);
      if (type == "text/html") output = markup::clean_html(output, base_);
      finish_text(output);
      if (!title_settled_) {
        entry_.title.value = output;
        entry_.title.type = type;
      }
      if (!output.empty()) title_settled_ = true;
      return true;
    }
    case ElementHandler::kSummary:
    case ElementHandler::kContent: {
      const bool content = element.handler == ElementHandler::kContent;
      // A second summary, with no content before it, is read as content.
      if (!content && description_is_content(entry_.summary, has_content_)) return false;
      if (!text_construct_type(tag, type) || !read_content(tag, &output)) return false;
      trim_in_place(output);
      std::optional<std::string> plain;
      if (type == "text/html") plain = finish_html(output);
      else finish_text(output);
      if (content) {
        has_content_ = true;
        Text text(output, type);
        text.plain = std::move(plain);
        if (entry_.summary.empty()) entry_.summary = text;
        entry_.content.push_back(std::move(text));
      } else {
        entry_.summary.value.assign(output);
        entry_.summary.type = type;
        entry_.summary.plain = std::move(plain);
      }
      return true;
    }
    case ElementHandler::kLink: return read_atom_link(tag);
    case ElementHandler::kAuthor:
    case ElementHandler::kContributor:
      // People are not in an Item; what they hold must not be read as the
      // entry's own fields.
      return tag.attribute_count == 0 && skip_person(tag);
    case ElementHandler::kGuid:
    case ElementHandler::kPublished:
    case ElementHandler::kUpdated:
    case ElementHandler::kCategory:
    case ElementHandler::kNone:
      return read_field(element, tag);
    default:
      return false;
  }
}

// <link rel="alternate" type="text/html" href="…"/>: the entry's link when
// it is an alternate in HTML (rel and type as feedparser defaults them),
// resolved; other links are not in an Item. A link without an href (its
// URL as text), or with url or uri for one, is not taken.
bool StraightReader::read_atom_link(const StartTag& tag) {
  if (!tag.empty) return false;
  std::string_view rel = "alternate";
  std::string_view type;
  bool has_type = false;
  bool has_href = false;
  std::string& href = output_;
  for (const Attribute& attribute : tag) {
    const std::string_view name = attribute.name;
    if (name == "href") {
      if (has_href || !attribute_text(attribute.value, href)) return false;
      has_href = true;
    } else if (name == "rel" || name == "type") {
      if (!plain_value(attribute.value)) return false;
      (name == "rel" ? rel : type) = attribute.value;
      has_type = has_type || name == "type";
    } else if (name != "title" && name != "length" && name != "hreflang" && name != "xml:lang") {
      return false;
    }
  }
  if (!has_href || href.empty()) return false;
  if (!has_type) type = rel == "self" ? "application/atom+xml" : "text/html";
  if (rel == "alternate" && html_type(map_content_type(type))) entry_.link = resolve(href);
  return true;
}

// An author or contributor: its name, email and uri, each text, skipped.
bool StraightReader::skip_person(const StartTag& tag) {
  if (tag.empty) return true;
  while (true) {
    const Next next = next_tag();
    if (next == Next::kNotTaken) return false;
    if (next == Next::kEndTag) return read_end_tag(tag.name);
    StartTag& part = inner_tag_;
    if (!read_start_tag(part) || part.attribute_count != 0) return false;
    const Name* name = name_of(part.name);
    if (name == nullptr || !name->prefix.empty()) return false;
    if (name->handler != ElementHandler::kName && name->handler != ElementHandler::kEmail &&
        name->handler != ElementHandler::kUrl) {
      return false;
    }
    if (!read_content(part, nullptr)) return false;
  }
}

}  // namespace omvarld::feeds::straight_reader
