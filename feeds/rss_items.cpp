// The straight path's RSS 2.0 reader (straight_reader.h): the document and
// its root, shared with Atom (atom_items.cpp), then a channel and its
// items, element by element, doing what feed_reader_handlers.cpp does for
// the few elements it accepts. Everything it does not accept makes it
// decline rather than guess; parse_items then takes the general path, so
// the straight path can only be faster, never different
// (feeds_straight_items_test and the fuzzer compare the two).

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "core/ascii.h"
#include "feeds/encoding.h"
#include "feeds/field_text.h"
#include "feeds/item_rules.h"
#include "feeds/nesting.h"
#include "feeds/normalize.h"
#include "feeds/parser.h"
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

// A channel-level (or feed-level) element and everything in it, checked
// but not read: it may fill feed-level fields, which Items do not have,
// but nothing in it may change how the items are read. Nor may it nest deeper than the
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

// After <rss>: one <channel>, and nothing else but space and comments.
bool StraightReader::read_rss(const StartTag& rss) {
  bool channel_seen = false;
  while (true) {
    const Next next = next_tag();
    if (next == Next::kNotTaken) return false;
    if (next == Next::kEndTag) return read_end_tag(rss.name) && channel_seen;
    StartTag channel;
    if (channel_seen || !read_start_tag(channel) || channel.empty || !declare(channel)) return false;
    // CDF's lastmod and href would fill the feed's fields; declarations only.
    for (const Attribute& attribute : channel) {
      if (attribute.name != "xmlns" && !attribute.name.starts_with("xmlns:")) return false;
    }
    const Name* name = name_of(channel.name);
    if (name == nullptr || name->handler != ElementHandler::kChannel) return false;
    channel_seen = true;
    if (!read_channel(channel.name)) return false;
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
    if (element->handler == ElementHandler::kItem && element->prefix.empty() && element->local == "item") {
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

// After <rdf:RDF> (RSS 1.0 and 0.90): its channel checked and skipped,
// and its items, which follow the channel, read as RSS 2.0's are, each
// identified by its rdf:about.
bool StraightReader::read_rdf(const StartTag& rdf) {
  // Declarations only, and those that make the general path read it as RSS
  // 1.0 or 0.90 whatever its children: rdf for RDF, the default for RSS.
  int rdf_declared = 0;
  int rss_declared = 0;
  for (const Attribute& attribute : rdf) {
    const std::string_view value = attribute.value;
    if (attribute.name == "xmlns:rdf") rdf_declared += value == xml::kRdf ? 1 : 2;
    else if (attribute.name == "xmlns") rss_declared += value == xml::kRss10 || value == xml::kRss090 ? 1 : 2;
    else if (!attribute.name.starts_with("xmlns:")) return false;
  }
  if (rdf_declared != 1 || rss_declared != 1) return false;
  std::string about;
  while (true) {
    const Next next = next_tag();
    if (next == Next::kNotTaken) return false;
    if (next == Next::kEndTag) return read_end_tag(rdf.name);
    StartTag& tag = channel_tag_;
    const std::size_t mark = bindings_.size();
    if (!read_start_tag(tag) || !ordinary_attributes(tag) || !declare(tag)) return false;
    const Name* element = name_of(tag.name);
    if (element == nullptr) return false;
    if (element->handler == ElementHandler::kItem && element->prefix.empty() && element->local == "item") {
      if (!rdf_about(tag, about)) return false;
      if (tag.empty) {
        begin_entry();
        entry_.id = about;
        end_entry();
        continue;
      }
      if (!check_ahead(kCheckAhead) || !read_item(tag.name, about)) return false;
      continue;
    }
    // The channel's about is the feed's; its items list (rdf:Seq) names
    // the items, which are read where they stand.
    const bool channel = element->handler == ElementHandler::kChannel && element->prefix.empty();
    if (channel && !rdf_about(tag, about)) return false;
    if ((!channel && changes_later_elements(element->handler)) || !skip_element(tag)) return false;
    undeclare(mark);
  }
}

// `tag`'s only attribute, if any, is rdf:about: its value (decoded) in
// `about`, "" when there is none.
bool StraightReader::rdf_about(const StartTag& tag, std::string& about) {
  about.clear();
  if (tag.attribute_count == 0) return true;
  const Name* name = tag.attribute_count == 1 ? name_of(tag.attributes[0].name) : nullptr;
  return name != nullptr && name->prefix == "rdf" && name->local == "about" &&
         attribute_text(tag.attributes[0].value, about);
}

// After <item>: its fields, up to </item>; the entry then goes to the
// normalizer, as feed_reader's end of an item hands it over. An RSS 1.0
// item's `id` is its rdf:about, as feed_reader's start of an item takes it.
bool StraightReader::read_item(std::string_view name, std::string_view id) {
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
    if (element == nullptr || !read_field(*element, tag)) return false;
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

// One element of an item: read as feed_reader's start and end handlers
// read it in an RSS 2.0 item (its depth is always the item's plus one, so
// feedparser's depth rules reduce to "the later one wins", except for the
// title, where the first that is not empty does).
bool StraightReader::read_field(const Name& element, const StartTag& tag) {
  const ElementHandler handler = element.handler;
  std::string& output = output_;
  output.clear();
  switch (handler) {
    case ElementHandler::kTitle: {
      // A type or mode attribute would make it another text construct.
      if (tag.attribute_count != 0 || !read_content(tag, &output)) return false;
      trim_in_place(output);
      std::string type = "text/plain";
      if (promote_to_html(type, output)) output = markup::clean_html(output, base_);
      finish_text(output);
      if (!title_settled_) {
        entry_.title.value = output;
        entry_.title.type = std::move(type);
      }
      if (!output.empty()) title_settled_ = true;
      return true;
    }
    case ElementHandler::kLink: {
      // With attributes it is an Atom link, which has rules of its own.
      if (tag.attribute_count != 0 || !read_content(tag, &output)) return false;
      trim_in_place(output);
      if (!output.empty() && resolved_as_uri("link", guid_is_link_)) output = resolve(output);
      finish_text(output);
      unescape_link_amp(output);
      entry_.link = output;
      return true;
    }
    case ElementHandler::kGuid: {
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
      if (!output.empty() && resolved_as_uri("id", guid_is_link_)) output = resolve(output);
      finish_text(output);
      entry_.id = output;
      guid_fills_link(entry_.link, output, guid_is_link_);
      return true;
    }
    case ElementHandler::kPublished:
    case ElementHandler::kUpdated: {
      if (tag.attribute_count != 0 || !read_content(tag, &output)) return false;
      trim_in_place(output);
      finish_text(output);
      Date& date = handler == ElementHandler::kPublished ? entry_.published : entry_.updated;
      date.value = date_value(output);
      date.raw = output;
      return true;
    }
    case ElementHandler::kDescription:
    case ElementHandler::kContentEncoded: {
      if (tag.attribute_count != 0) return false;
      const bool content = handler == ElementHandler::kContentEncoded;
      // A second description, with no content before it, is read as content.
      if (!content && description_is_content(entry_.summary, has_content_)) return false;
      if (!read_content(tag, &output)) return false;
      trim_in_place(output);
      std::optional<std::string> plain = finish_html(output);
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
    case ElementHandler::kCategory:
    case ElementHandler::kAuthor:
    case ElementHandler::kEnclosure:
    case ElementHandler::kCreated:
    case ElementHandler::kExpired:
      // Tags, authors, enclosures and the other dates are not in an Item.
      return read_content(tag, nullptr);
    case ElementHandler::kNone: {
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

}  // namespace omvarld::feeds::straight_reader
