// The straight path's RSS readers (straight_reader.h): RSS 2.0's channel
// and RSS 1.0's root, their items and the items' fields, element by
// element, doing what feed_reader_handlers.cpp does for the few elements
// it accepts; read_field also reads what Atom entries share with RSS
// items (atom_items.cpp).

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/ascii.h"
#include "feeds/field_text.h"
#include "feeds/item_rules.h"
#include "feeds/straight_reader.h"
#include "markup/html_sanitize.h"

namespace omvarld::feeds::straight_reader {

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
    StartTag& tag = child_tag_;
    const std::size_t mark = bindings_.size();
    if (!read_start_tag(tag) || !no_base(tag) || !declare(tag)) return false;
    const Name* element = name_of(tag.name);
    if (element == nullptr) return false;
    if (element->handler == ElementHandler::kItem && element->prefix.empty() && element->local == "item") {
      // rdf:about, CDF's lastmod and href would fill the entry; an item's
      // own declarations are not read here either.
      if (tag.attribute_count != 0) return false;
      if (tag.empty) {
        begin_entry();
        end_entry();
        continue;
      }
      if (!check_ahead(kCheckAhead) || !read_entry(tag.name, &StraightReader::read_field)) return false;
      continue;
    }
    if (changes_later_elements(element->handler) || !skip_element(tag, 2)) return false;
    undeclare(mark);
  }
}

// After <rdf:RDF> (RSS 1.0 and 0.90): its channel checked and skipped,
// and its items, which follow the channel, read as RSS 2.0's are, each
// identified by its rdf:about.
bool StraightReader::read_rdf(const StartTag& rdf) {
  // Declarations only, and those that make the general path read it as RSS
  // 1.0 or 0.90 whatever its children: rdf for RDF, the default for RSS.
  // (A repeated attribute is not taken: straight_tokenizer.cpp.)
  bool rdf_declared = false;
  bool rss_declared = false;
  for (const Attribute& attribute : rdf) {
    const std::string_view value = attribute.value;
    if (attribute.name == "xmlns:rdf") rdf_declared = value == xml::kRdf;
    else if (attribute.name == "xmlns") rss_declared = value == xml::kRss10 || value == xml::kRss090;
    else if (!attribute.name.starts_with("xmlns:")) return false;
  }
  if (!rdf_declared || !rss_declared) return false;
  std::string about;
  while (true) {
    const Next next = next_tag();
    if (next == Next::kNotTaken) return false;
    if (next == Next::kEndTag) return read_end_tag(rdf.name);
    // No declarations here: the root's rdf prefix stays RDF's.
    StartTag& tag = child_tag_;
    if (!read_start_tag(tag) || !ordinary_attributes(tag)) return false;
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
      // feed_reader's start of an item takes its rdf:about as its id.
      if (!check_ahead(kCheckAhead) || !read_entry(tag.name, &StraightReader::read_field, about)) return false;
      continue;
    }
    // The channel's about is the feed's; its items list (rdf:Seq) names
    // the items, which are read where they stand.
    const bool channel = element->handler == ElementHandler::kChannel && element->prefix.empty();
    std::string channel_about;
    if (channel && !rdf_about(tag, channel_about)) return false;
    if ((!channel && changes_later_elements(element->handler)) || !skip_element(tag, 1)) return false;
  }
}

// `tag`'s only attribute, if any, is rdf:about: its value (decoded) in
// `about`, "" when there is none. Spelled so, with the prefix the root
// binds to RDF: the general path reads an attribute whose prefix is bound
// elsewhere without it, as "about" (found by a hostile differential test).
bool StraightReader::rdf_about(const StartTag& tag, std::string& about) {
  about.clear();
  if (tag.attribute_count == 0) return true;
  return tag.attribute_count == 1 && tag.attributes[0].name == "rdf:about" &&
         attribute_text(tag.attributes[0].value, about);
}

// One element of an item: read as feed_reader's start and end handlers
// read it in an RSS item, and in an Atom entry what it shares with one
// (its depth is always the item's plus one, so
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
