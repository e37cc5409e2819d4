// feeds/feed_reader_state.h
//
// The general reader's state and its helpers, shared by the files that
// make it up: feed_reader.cpp walks the tree (namespaces, xml:base and
// xml:lang, the element stack, what pop() does to a field's text, where
// store() puts it), feed_reader_handlers.cpp dispatches each element's
// start and end, feed_reader_details.cpp handles the compound fields
// (authors and contributors, tags, links, content and summary, dates) and
// feed_reader_values.cpp holds the value readers (attributes, URIs,
// base64, content types, fields by key). Internal to feeds/, and to those
// files within it. Pure.

#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <pugixml.hpp>

#include "feeds/feed.h"
#include "feeds/feed_reader.h"
#include "feeds/feed_vocabulary.h"
#include "feeds/item_rules.h"

namespace omvarld::feeds::general_reader {

// feedparser's make_safe_absolute_uri.
std::string safe_absolute_uri(const std::string& base, std::string_view reference);
// Base64 text decoded, when it is base64 of UTF-8; false and `out` as it was otherwise.
bool decode_base64(std::string_view in, std::string& out);
// `text` appended XML-escaped (`quotes`: '"' too, for an attribute value).
void escape_xml(std::string& out, std::string_view text, bool quotes);

struct Attr {
  std::string name;  // lower-case, namespace prefix mapped
  std::string value;
};
using Attrs = std::vector<Attr>;

const std::string* find_attr(const Attrs& attrs, std::string_view name);
std::string attr_or(const Attrs& attrs, std::string_view name, std::string_view fallback = {});
// feedparser's _enforce_href: url or uri becomes href.
void enforce_href(Attrs& attrs);
Link link_of(const Attrs& attrs);
// Whether the element's tag, "prefix:local" or "local" without a prefix, is `tag`.
bool tag_is(std::string_view prefix, std::string_view local, std::string_view tag);
// feedparser's hack for empty textinput/image elements of broken feeds: a
// core element other than these ends them.
bool ends_textinput(std::string_view local);
bool ends_image(std::string_view local);

// feedparser's property_depth_map: the depth at which each key of the
// entry was last set, so that a key set deeper does not replace it. Looked
// through one by one while short (an item has a handful of keys); indexed
// from kIndexedFrom keys on, so that an item with thousands of unknown
// elements does not cost their square.
class KeyDepths {
 public:
  // Records `depth` for `key` and returns true, unless `key` was set at
  // a shallower depth.
  bool set_if_not_deeper(std::string_view key, int depth) {
    std::size_t at = 0;
    if (!index_.empty()) {
      const auto found = index_.find(key);
      at = found == index_.end() ? keys_.size() : found->second;
    } else {
      while (at < keys_.size() && keys_[at].first != key) ++at;
    }
    if (at < keys_.size()) {
      if (depth > keys_[at].second) return false;
      keys_[at].second = depth;
      return true;
    }
    keys_.emplace_back(std::string(key), depth);
    if (!index_.empty()) {
      index_.emplace(key, at);
    } else if (keys_.size() == kIndexedFrom) {
      for (std::size_t i = 0; i < keys_.size(); ++i) index_.emplace(keys_[i].first, i);
    }
    return true;
  }

  void clear() {
    keys_.clear();
    index_.clear();
  }

 private:
  static constexpr std::size_t kIndexedFrom = 16;
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
  };
  std::vector<std::pair<std::string, int>> keys_;
  std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>> index_;
};

struct Frame {
  std::string element;
  bool expecting_text = false;
  std::string text;
};

struct ContentParams {
  std::string type;
  std::string language;
  std::string base;
  std::string src;
  bool base64 = false;
};

class Reader {
 public:
  Reader(const ReadOptions& options, ParsedFeed& feed, const EntrySink& on_entry)
      : options_(options),
        feed_(feed),
        on_entry_(on_entry),
        atom_(options.version.starts_with("atom")),
        atom10_(options.version == "atom10"),
        utf8_(options.encoding == "utf-8") {
    if (!options.default_language.empty()) {
      feed_.language = options.default_language;
      std::replace(feed_.language.begin(), feed_.language.end(), '_', '-');
    }
  }

  void element(pugi::xml_node node, const std::string& parent_base, const std::string& parent_lang);

 private:
  struct NamespaceBinding {
    std::string canonical;  // feedparser's prefix, or the given one when the URI is unknown
    bool known;
  };

  std::string canonical_of(std::string_view given_prefix, bool for_attribute);
  void start(ElementHandler handler, std::string_view prefix, std::string_view local, Attrs& attrs);
  void end(ElementHandler handler, std::string_view prefix, std::string_view local);
  void handle_data(std::string_view text);
  void read_too_deep(pugi::xml_node node);
  void flag(const std::string& reason);

  Fields& context();
  ParsedEntry& entry() { return feed_.entries.back(); }
  void push(std::string element, bool expecting_text) {
    stack_.push_back(Frame{std::move(element), expecting_text, {}});
  }
  std::optional<std::string> pop(std::string_view element);
  std::string resolve(const std::string& reference);
  void store(std::string element, const std::string& output);
  void push_content(std::string tag, const Attrs& attrs, std::string_view default_type, bool expecting);
  std::optional<std::string> pop_content(std::string_view tag);
  void start_author();
  void end_author() { pop("author"); in_author_ = false; sync_author_detail(false); }
  void sync_author_detail(bool publisher);
  void save_person(std::string_view key, const std::string& value, bool publisher);
  void save_contributor(std::string_view key, const std::string& value);
  // The end of an author's or contributor's href or email (`key`).
  void end_person_field(std::string_view key);
  // The tags of one context (feed, entry, source, …) by key, with how many
  // of the list have it (a term set late may repeat one), for lists of
  // kIndexedTags and more: a search of the list per category made
  // thousands of categories cost their square. Valid while the list has
  // `size` tags, which only add_tag and set_last_term change; rebuilt
  // otherwise. Forgotten at each item (whose entry may take the place of
  // an earlier one) and for the source when it is made anew.
  struct TagIndex {
    std::size_t size = 0;
    std::unordered_map<std::string, int> keys;
  };
  static constexpr std::size_t kIndexedTags = 32;
  TagIndex& tag_index(const std::vector<Tag>& tags);
  void add_tag(const std::string& term, const std::string& scheme, const std::string& label);
  void set_last_term(std::vector<Tag>& tags, const std::string& term);
  void end_date(std::string_view element, Date Fields::*field);
  void start_link(Attrs attrs);
  void start_item(const Attrs& attrs);
  void cdf_common(const Attrs& attrs);
  void start_summary_like(const Attrs& attrs, bool description, std::string_view default_type);
  void end_content();

  const ReadOptions& options_;
  ParsedFeed& feed_;
  const EntrySink& on_entry_;
  // What pop() asks of the options for every element, asked once.
  const bool atom_;
  const bool atom10_;
  const bool utf8_;
  int open_items_ = 0;  // item elements started and not yet ended
  std::size_t entries_handed_ = 0;  // to on_entry_
  Fields source_;
  // The namespace declarations in scope by prefix, the innermost last in
  // each list, and the prefixes in the order they were declared, so that
  // an element's own go when it ends. Looked up by prefix: a search
  // through every declaration per element made a document that declares
  // thousands cost their square.
  struct PrefixHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view prefix) const { return std::hash<std::string_view>{}(prefix); }
  };
  std::unordered_map<std::string, std::vector<NamespaceBinding>, PrefixHash, std::equal_to<>> namespaces_;
  std::vector<std::string> declared_;
  std::vector<Frame> stack_;
  KeyDepths entry_depths_;
  std::unordered_map<const std::vector<Tag>*, TagIndex> tag_indexes_;
  ContentParams content_;
  std::string base_;
  std::string lang_;
  ResolveCache resolved_;  // resolve()'s last question and answer
  int depth_ = 0;
  int title_depth_ = -1;
  int in_content_ = 0;
  bool in_feed_ = false;
  bool in_entry_ = false;
  bool in_image_ = false;
  bool in_textinput_ = false;
  bool in_author_ = false;
  bool in_contributor_ = false;
  bool in_source_ = false;
  bool guid_is_link_ = false;
  bool is_entry_link_ = false;
  bool has_content_ = false;
  bool summary_is_content_ = false;
  bool too_deep_ = false;  // read_too_deep has flagged the document
};

// `value` stored in `fields` under feedparser's `key`: a text construct (with
// the content parameters in `detail`), a date's raw text, a string field,
// or, for an unknown key, extras.
void set_value(Fields& fields, std::string_view key, const std::string& value, const ContentParams* detail,
               bool keep_extension_keys);

}  // namespace omvarld::feeds::general_reader
