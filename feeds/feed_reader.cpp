// One walk over the tree in document order, as a SAX reader would see it:
// each element's start, its text, its children, its end. The handlers keep
// feedparser's state (in entry, in content, in image, …) and its element
// stack, so repeated and nested elements settle the way feedparser settles
// them. Names are compared after mapping the namespace URI to feedparser's
// prefix ("" for the core formats, "dc", "content", …) and lower-casing.

#include "feeds/feed_reader.h"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/ascii.h"
#include "core/dates.h"
#include "feeds/feed_vocabulary.h"
#include "feeds/field_text.h"
#include "feeds/item_rules.h"
#include "feeds/nesting.h"
#include "feeds/xml_tree.h"
#include "markup/html_sanitize.h"
#include "markup/url.h"

namespace omvarld::feeds {
namespace {

constexpr std::string_view kXhtmlType = "application/xhtml+xml";

bool acceptable_uri_scheme(std::string_view uri) {
  static constexpr std::array<std::string_view, 44> kSchemes = {
      "file", "ftp", "gopher", "h323", "hdl", "http", "https", "imap", "magnet", "mailto", "mms",
      "news", "nntp", "prospero", "rsync", "rtsp", "rtspu", "sftp", "shttp", "sip", "sips", "snews",
      "svn", "svn+ssh", "telnet", "wais", "aim", "callto", "cvs", "facetime", "feed", "git", "gtalk",
      "irc", "ircs", "irc6", "itms", "msnim", "skype", "ssh", "smb", "ymsg", "mvn", ""};
  const std::string_view trimmed = core::trim_space(uri);
  const auto colon = trimmed.find(':');
  const std::string scheme = core::lowercase_ascii(colon == std::string_view::npos ? trimmed : trimmed.substr(0, colon));
  return std::find(kSchemes.begin(), kSchemes.end(), scheme) != kSchemes.end();
}

// feedparser's make_safe_absolute_uri.
std::string safe_absolute_uri(const std::string& base, std::string_view reference) {
  if (base.empty()) return std::string(reference);
  std::string uri = markup::resolve_url(base, reference);
  if (!acceptable_uri_scheme(uri)) return {};
  return uri;
}

bool decode_base64(std::string_view in, std::string& out) {
  std::string bytes;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : in) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '+') v = 62;
    else if (c == '/') v = 63;
    else if (c == '=') break;
    else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    else return false;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  if (!valid_utf8(bytes)) return false;
  out = std::move(bytes);
  return true;
}

void escape_xml(std::string& out, std::string_view text, bool quotes) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"':
        if (quotes) { out += "&quot;"; break; }
        out += c;
        break;
      default: out += c;
    }
  }
}

std::string map_content_type(std::string_view type) {
  std::string lower = core::lowercase_ascii(type);
  if (lower == "text" || lower == "plain") return "text/plain";
  if (lower == "html") return "text/html";
  if (lower == "xhtml") return std::string(kXhtmlType);
  return lower;
}

bool html_type(std::string_view type) { return type == "text/html" || type == kXhtmlType; }

struct Attr {
  std::string name;  // lower-case, namespace prefix mapped
  std::string value;
};
using Attrs = std::vector<Attr>;

const std::string* find_attr(const Attrs& attrs, std::string_view name) {
  for (const Attr& attr : attrs) {
    if (attr.name == name) return &attr.value;
  }
  return nullptr;
}

std::string attr_or(const Attrs& attrs, std::string_view name, std::string_view fallback = {}) {
  const std::string* value = find_attr(attrs, name);
  return value ? *value : std::string(fallback);
}

// feedparser's _enforce_href: url or uri becomes href.
void enforce_href(Attrs& attrs) {
  const std::string* href = find_attr(attrs, "url");
  if (!href || href->empty()) href = find_attr(attrs, "uri");
  if (!href || href->empty()) href = find_attr(attrs, "href");
  if (!href || href->empty()) return;
  const std::string value = *href;
  std::erase_if(attrs, [](const Attr& a) { return a.name == "url" || a.name == "uri" || a.name == "href"; });
  attrs.push_back(Attr{"href", value});
}

Link link_of(const Attrs& attrs) {
  Link link;
  link.rel.clear();
  for (const Attr& attr : attrs) {
    if (attr.name == "rel") link.rel = attr.value;
    else if (attr.name == "type") link.type = attr.value;
    else if (attr.name == "href") link.href = attr.value;
    else if (attr.name == "title") link.title = attr.value;
    else if (attr.name == "length") link.length = attr.value;
    else if (attr.name == "hreflang") link.hreflang = attr.value;
  }
  return link;
}

// Whether the element's tag, "prefix:local" or "local" without a prefix, is
// `tag`: compared in place, not built for every element.
bool tag_is(std::string_view prefix, std::string_view local, std::string_view tag) {
  if (prefix.empty()) return local == tag;
  return tag.size() == prefix.size() + 1 + local.size() && tag.starts_with(prefix) && tag[prefix.size()] == ':' &&
         tag.ends_with(local);
}

// feedparser's hack for empty textinput/image elements of broken feeds: a
// core element other than these ends them.
bool ends_textinput(std::string_view local) {
  return local != "title" && local != "link" && local != "description" && local != "name";
}

bool ends_image(std::string_view local) {
  return local != "title" && local != "link" && local != "description" && local != "url" && local != "href" &&
         local != "width" && local != "height";
}

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
  void start(H handler, std::string_view prefix, std::string_view local, Attrs& attrs);
  void end(H handler, std::string_view prefix, std::string_view local);
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

std::string Reader::canonical_of(std::string_view given_prefix, bool for_attribute) {
  if (given_prefix == "xml") return "xml";
  if (const auto found = namespaces_.find(given_prefix); found != namespaces_.end() && !found->second.empty()) {
    const NamespaceBinding& binding = found->second.back();
    if (binding.known) return binding.canonical;
    if (for_attribute) return {};
    return unknown_namespace_prefix(given_prefix);
  }
  // Undeclared: not namespace-well-formed (feedparser's strict parser gives
  // up and its loose one keeps the prefix, as here).
  if (!for_attribute && !given_prefix.empty() && !feed_.bozo) {
    feed_.bozo = true;
    feed_.bozo_reason = "undeclared namespace prefix " + std::string(given_prefix);
  }
  return core::lowercase_ascii(given_prefix);
}

Fields& Reader::context() {
  if (in_source_) return source_;
  if (in_image_ && !feed_.image.empty()) return feed_.image.front();
  if (in_textinput_) {
    if (feed_.textinput.empty()) feed_.textinput.emplace_back();
    return feed_.textinput.front();
  }
  if (in_entry_ && !feed_.entries.empty()) return entry();
  return feed_;
}

void Reader::handle_data(std::string_view text) {
  if (stack_.empty()) return;
  if (in_content_ > 0 && content_.type == kXhtmlType) {
    escape_xml(stack_.back().text, text, false);
  } else {
    stack_.back().text.append(text);
  }
}

// The walk recurses once per level of nesting, so it stops descending at
// kMaxElementDepth (nesting.h): an element deeper than that is not read as
// an element, and the text inside it is read as the text of the element it
// is in, so that the items around it, and its words, are still read.
void Reader::read_too_deep(pugi::xml_node node) {
  if (!too_deep_) {
    too_deep_ = true;
    flag("elements nested more than " + std::to_string(kMaxElementDepth) + " deep (<" + node.name() +
         ">): the deeper ones read as text");
  }
  handle_data(xml::descendant_text(node));
}

void Reader::flag(const std::string& reason) {
  feed_.bozo = true;
  if (!feed_.bozo_reason.empty()) feed_.bozo_reason += "; ";
  feed_.bozo_reason += reason;
}

void Reader::element(pugi::xml_node node, const std::string& parent_base, const std::string& parent_lang) {
  const std::size_t namespace_mark = declared_.size();
  const std::string_view qname = node.name();
  // Namespace declarations first: they apply to the element itself.
  for (pugi::xml_attribute attribute : node.attributes()) {
    const std::string_view name = attribute.name();
    if (name == "xmlns" || name.starts_with("xmlns:")) {
      const std::string prefix = name == "xmlns" ? std::string() : std::string(name.substr(6));
      bool known = false;
      const std::string_view canonical = canonical_prefix(core::lowercase_ascii(attribute.value()), known);
      namespaces_[prefix].push_back(NamespaceBinding{std::string(canonical), known});
      declared_.push_back(prefix);
    }
  }
  const auto colon = qname.find(':');
  const std::string_view given_prefix = colon == std::string_view::npos ? std::string_view() : qname.substr(0, colon);
  const std::string local = core::lowercase_ascii(colon == std::string_view::npos ? qname : qname.substr(colon + 1));
  const std::string prefix = canonical_of(given_prefix, false);
  const H handler = handler_of(prefix, local);

  Attrs attrs;
  for (pugi::xml_attribute attribute : node.attributes()) {
    const std::string_view name = attribute.name();
    if (name == "xmlns" || name.starts_with("xmlns:")) continue;
    const auto attr_colon = name.find(':');
    std::string key;
    if (attr_colon == std::string_view::npos) {
      key = core::lowercase_ascii(name);
    } else {
      const std::string attr_prefix = canonical_of(name.substr(0, attr_colon), true);
      key = core::lowercase_ascii(name.substr(attr_colon + 1));
      if (!attr_prefix.empty()) key = attr_prefix + ":" + key;
    }
    attrs.push_back(Attr{std::move(key), attribute.value()});
  }

  ++depth_;
  const std::string* xml_base = find_attr(attrs, "xml:base");
  if (!xml_base) xml_base = find_attr(attrs, "base");
  // What the children inherit: the parent's strings unless this element
  // sets its own (most do not, and copying them per element shows).
  std::string own_base;
  const std::string* base = &parent_base;
  if (xml_base && !xml_base->empty()) {
    if (parent_base.empty()) {
      own_base = *xml_base;
      base = &own_base;
    } else if (std::string safe = safe_absolute_uri(parent_base, *xml_base); !safe.empty()) {
      own_base = std::move(safe);
      base = &own_base;
    }
  }
  base_ = *base;
  const std::string* xml_lang = find_attr(attrs, "xml:lang");
  if (!xml_lang) xml_lang = find_attr(attrs, "lang");
  const std::string own_lang = xml_lang ? *xml_lang : std::string();
  const std::string& lang = xml_lang ? own_lang : parent_lang;
  lang_ = lang;
  if (!lang_.empty() && (tag_is(prefix, local, "feed") || tag_is(prefix, local, "rss"))) {
    feed_.language = lang_;
    std::replace(feed_.language.begin(), feed_.language.end(), '_', '-');
  }

  bool skipped = false;
  bool serialized = false;
  if (in_content_ > 0) {
    if (!content_.type.ends_with("xml")) {
      if (tag_is(prefix, local, "xhtml:div") || tag_is(prefix, local, "div")) {
        skipped = true;
      } else {
        content_.type = std::string(kXhtmlType);
      }
    }
    if (!skipped && content_.type == kXhtmlType && !stack_.empty()) {
      std::string& out = stack_.back().text;
      out += '<';
      out += local;
      for (const Attr& attr : attrs) {
        out += ' ';
        out += attr.name;
        out += "=\"";
        escape_xml(out, attr.value, true);
        out += '"';
      }
      if (local == "svg" && prefix != "xhtml" && !given_prefix.empty()) out += " xmlns=\"http://www.w3.org/2000/svg\"";
      if (local == "math" && prefix != "xhtml" && !given_prefix.empty()) out += " xmlns=\"http://www.w3.org/1998/Math/MathML\"";
      out += '>';
      serialized = true;
    }
  }
  if (!skipped && !serialized) {
    // feedparser's hack for empty textinput/image elements of broken feeds.
    if (prefix.empty() && ends_textinput(local)) in_textinput_ = false;
    if (prefix.empty() && ends_image(local)) in_image_ = false;
    start(handler, prefix, local, attrs);
  }

  for (pugi::xml_node child = node.first_child(); child;) {
    const pugi::xml_node next = child.next_sibling();
    const pugi::xml_node_type type = child.type();
    if (type == pugi::node_element && depth_ >= kMaxElementDepth) {
      read_too_deep(child);
    } else if (type == pugi::node_element) {
      const std::size_t handed_before = entries_handed_;
      element(child, *base, lang);
      base_ = *base;
      lang_ = lang;
      // An entry handed over is never read again: its subtree goes, with
      // the text before it (pugixml frees a page of nodes only when all of
      // it is free), and that memory serves the entries still to come.
      if (entries_handed_ != handed_before) {
        while (node.first_child() != child) xml::remove_subtree(node.first_child());
        xml::remove_subtree(child);
      }
    } else if (type == pugi::node_pcdata || type == pugi::node_cdata) {
      handle_data(child.value());
    }
    child = next;
  }

  if (serialized) {
    if (!stack_.empty()) {
      stack_.back().text += "</";
      stack_.back().text += local;
      stack_.back().text += '>';
    }
  } else if (!skipped) {
    end(handler, prefix, local);
  }
  --depth_;
  for (; declared_.size() > namespace_mark; declared_.pop_back()) namespaces_.find(declared_.back())->second.pop_back();
}

std::optional<std::string> Reader::pop(std::string_view element) {
  if (stack_.empty() || stack_.back().element != element) return std::nullopt;
  Frame frame = std::move(stack_.back());
  stack_.pop_back();
  std::string output = std::move(frame.text);

  if (atom10_ && in_content_ > 0 && content_.type == kXhtmlType) {
    // The div that wraps Atom 1.0 XHTML goes, when it wraps all of it.
    const std::string_view trimmed = core::trim_space(output);
    if ((trimmed.starts_with("<div>") || trimmed.starts_with("<div ")) && trimmed.ends_with("</div>")) {
      int depth = 0;
      bool closes_early = false;
      for (std::size_t i = 0; i < trimmed.size() - 6; ++i) {
        if (trimmed[i] != '<') continue;
        if (i + 1 < trimmed.size() && trimmed[i + 1] == '/') {
          if (--depth == 0) { closes_early = true; break; }
        } else {
          ++depth;
        }
      }
      if (!closes_early) {
        const auto open_end = trimmed.find('>');
        output = std::string(trimmed.substr(open_end + 1, trimmed.size() - 6 - open_end - 1));
      }
    }
  }
  trim_in_place(output);
  if (!frame.expecting_text) return output;

  if (in_content_ > 0 && content_.base64) {
    std::string decoded;
    if (decode_base64(output, decoded)) output = std::move(decoded);
  }
  static constexpr std::array<std::string_view, 10> kRelative = {
      "comments", "docs", "href", "icon", "id", "link", "logo", "url", "wfw_comment", "wfw_commentrss"};
  if (!output.empty() && std::find(kRelative.begin(), kRelative.end(), element) != kRelative.end()) {
    if (element != "id" || guid_is_link_) output = resolve(output);
  }
  bool promoted = false;  // to HTML here: an earlier copy of the type may still say text
  if (!atom_ && in_content_ > 0 && content_.type == "text/plain" &&
      looks_like_html(output)) {
    content_.type = "text/html";
    promoted = true;
  }
  content_.base64 = false;

  static constexpr std::array<std::string_view, 9> kMarkup = {
      "content", "copyright", "description", "info", "rights", "subtitle", "summary", "tagline", "title"};
  const bool htmlish = in_content_ > 0 ? html_type(content_.type) : true;
  // The title stays sanitized even for normalize alone: the item key may
  // hash its markup.
  const bool text_is_enough = options_.plain_text_only && in_content_ > 0 && html_type(content_.type) &&
                              !promoted && element != "title" && markup::sanitizing_keeps_text(output);
  if (htmlish && !text_is_enough && std::find(kMarkup.begin(), kMarkup.end(), element) != kMarkup.end()) {
    output = markup::clean_html(output, base_);
  }
  repair_decoding(output, utf8_);

  if (element == "category" || element == "tags") return output;
  if (element == "title" && title_depth_ > -1 && title_depth_ <= depth_) return output;
  store(std::string(element), output);
  return output;
}

// resolve_url against the base in effect, remembering the last answer:
// feeds often write an item's link again as its guid.
std::string Reader::resolve(const std::string& reference) {
  return resolved_.resolve(base_, reference);
}

Date* date_field(Fields& fields, std::string_view key) {
  if (key == "published") return &fields.published;
  if (key == "updated") return &fields.updated;
  if (key == "created") return &fields.created;
  if (key == "expired") return &fields.expired;
  return nullptr;
}

Text* text_field(Fields& fields, std::string_view key) {
  if (key == "title") return &fields.title;
  if (key == "subtitle") return &fields.subtitle;
  if (key == "summary") return &fields.summary;
  if (key == "rights") return &fields.rights;
  if (key == "info") return &fields.info;
  return nullptr;
}

std::string* string_field(Fields& fields, std::string_view key) {
  if (key == "link") return &fields.link;
  if (key == "id") return &fields.id;
  if (key == "author") return &fields.author;
  if (key == "publisher") return &fields.publisher;
  if (key == "generator") return &fields.generator;
  if (key == "language") return &fields.language;
  if (key == "docs") return &fields.docs;
  if (key == "ttl") return &fields.ttl;
  if (key == "icon") return &fields.icon;
  if (key == "logo") return &fields.logo;
  if (key == "comments") return &fields.comments;
  if (key == "href") return &fields.href;
  if (key == "name") return &fields.name;
  return nullptr;
}

void set_value(Fields& fields, std::string_view key, const std::string& value, const ContentParams* detail,
               bool keep_extension_keys) {
  if (Text* text = text_field(fields, key)) {
    text->value = value;
    if (detail) {
      text->type = detail->type;
      text->language = detail->language;
      text->base = detail->base;
    }
  } else if (Date* date = date_field(fields, key)) {
    date->raw = value;
  } else if (std::string* field = string_field(fields, key)) {
    *field = value;
  } else if (key == "license" || key == "content") {
    // creativeCommons license becomes a link; feed-level content is not kept
  } else if (!keep_extension_keys) {
    const auto underscore = key.find('_');
    if (underscore != std::string_view::npos && extension_prefix(key.substr(0, underscore))) return;
    fields.extras[key] = FeedValue::string(value);
  }
}

void Reader::store(std::string element, const std::string& output) {
  const ContentParams* detail = in_content_ > 0 ? &content_ : nullptr;
  if (in_entry_ && !in_source_ && !feed_.entries.empty()) {
    ParsedEntry& current = entry();
    if (element == "content") {
      Text content{output, content_.type};
      content.language = content_.language;
      content.base = content_.base;
      content.src = content_.src;
      current.content.push_back(std::move(content));
    } else if (element == "link") {
      if (in_image_) return;
      std::string href = output;
      unescape_link_amp(href);
      // A link without href names the alternate only when its rel says so.
      const bool alternate = current.links.empty() || current.links.back().rel == "alternate";
      if (alternate || current.link.empty()) current.link = href;
      if (!href.empty() && !current.links.empty()) current.links.back().href = href;
    } else {
      if (element == "description") element = "summary";
      const std::string_view key = stored_key(element);
      if (entry_depths_.set_if_not_deeper(key, depth_)) set_value(current, key, output, detail, false);
    }
  } else if (in_feed_ || in_source_) {
    Fields& target = context();
    if (element == "description") element = "subtitle";
    if (element == "link") {
      target.link = output;
      if (!target.links.empty()) target.links.back().href = output;
      return;
    }
    set_value(target, stored_key(element), output, detail, false);
  }
}

void Reader::push_content(std::string tag, const Attrs& attrs, std::string_view default_type, bool expecting) {
  ++in_content_;
  content_ = ContentParams();
  content_.type = map_content_type(attr_or(attrs, "type", default_type));
  content_.language = lang_;
  std::replace(content_.language.begin(), content_.language.end(), '_', '-');
  content_.base = base_;
  const std::string mode = attr_or(attrs, "mode");
  content_.base64 = mode == "base64" ||
                    (!content_.type.starts_with("text/") && !content_.type.ends_with("+xml") &&
                     !content_.type.ends_with("/xml"));
  push(std::move(tag), expecting);
}

std::optional<std::string> Reader::pop_content(std::string_view tag) {
  std::optional<std::string> value = pop(tag);
  --in_content_;
  content_ = ContentParams();
  return value;
}

void Reader::start_author() {
  in_author_ = true;
  push("author", true);
  context().authors.emplace_back();
}

void Reader::sync_author_detail(bool publisher) {
  Fields& ctx = context();
  const Person* detail = nullptr;
  if (!publisher && !ctx.authors.empty()) detail = &ctx.authors.back();
  std::string& text = publisher ? ctx.publisher : ctx.author;
  if (detail && !detail->empty()) {
    if (!detail->name.empty() && !detail->email.empty()) text = detail->name + " (" + detail->email + ")";
    else if (!detail->name.empty()) text = detail->name;
    else if (!detail->email.empty()) text = detail->email;
    return;
  }
  if (text.empty()) return;
  // "email (name)" or "name <email>": find the address, the rest is the name.
  std::string author = text;
  std::string email;
  const auto at = author.find('@');
  if (at != std::string::npos) {
    auto is_email_char = [](char c) {
      return word_char(c) || c == '.' || c == '+' || c == '-' || c == '[' || c == ']';
    };
    std::size_t start = at;
    while (start > 0 && is_email_char(author[start - 1]) && author[start - 1] != '[' && author[start - 1] != ']') --start;
    std::size_t stop = at + 1;
    while (stop < author.size() && is_email_char(author[stop])) ++stop;
    if (stop < author.size() && author.compare(stop, 9, "?subject=") == 0) {
      while (stop < author.size() && author[stop] != ' ' && author[stop] != '\t' && author[stop] != '\n') ++stop;
    }
    const std::string_view domain = std::string_view(author).substr(at + 1, stop - at - 1);
    if (start < at && domain.find('.') != std::string_view::npos) {
      email = author.substr(start, stop - start);
      author.erase(start, stop - start);
      for (std::string_view junk : {"()", "<>", "&lt;&gt;"}) {
        for (auto pos = author.find(junk); pos != std::string::npos; pos = author.find(junk)) author.erase(pos, junk.size());
      }
      author = std::string(core::trim_space(author));
      if (!author.empty() && author.front() == '(') author.erase(0, 1);
      if (!author.empty() && author.back() == ')') author.pop_back();
      author = std::string(core::trim_space(author));
    }
  }
  if (author.empty() && email.empty()) return;
  std::optional<Person>& target = publisher ? ctx.publisher_detail : ctx.author_detail;
  if (!target) target = Person();
  if (!author.empty()) target->name = author;
  if (!email.empty()) target->email = email;
  if (!publisher && !ctx.authors.empty() && ctx.authors.back().empty()) ctx.authors.back() = *target;
}

void Reader::save_person(std::string_view key, const std::string& value, bool publisher) {
  Fields& ctx = context();
  std::optional<Person>& detail = publisher ? ctx.publisher_detail : ctx.author_detail;
  if (!detail) detail = Person();
  auto set = [&](Person& person) {
    if (key == "name") person.name = value;
    else if (key == "email") person.email = value;
    else person.href = value;
  };
  set(*detail);
  if (!publisher) {
    sync_author_detail(false);
    if (ctx.authors.empty()) ctx.authors.emplace_back();
    set(ctx.authors.back());
  }
}

void Reader::save_contributor(std::string_view key, const std::string& value) {
  Fields& ctx = context();
  if (ctx.contributors.empty()) ctx.contributors.emplace_back();
  Person& person = ctx.contributors.back();
  if (key == "name") person.name = value;
  else if (key == "email") person.email = value;
  else person.href = value;
}

std::string tag_key(const Tag& tag) {
  std::string key;
  key.append(tag.term).append(1, '\0').append(tag.scheme).append(1, '\0').append(tag.label);
  return key;
}

Reader::TagIndex& Reader::tag_index(const std::vector<Tag>& tags) {
  TagIndex& index = tag_indexes_[&tags];
  if (index.size != tags.size() || (index.keys.empty() && !tags.empty())) {
    index.keys.clear();
    for (const Tag& tag : tags) ++index.keys[tag_key(tag)];
    index.size = tags.size();
  }
  return index;
}

void Reader::add_tag(const std::string& term, const std::string& scheme, const std::string& label) {
  if (term.empty() && scheme.empty() && label.empty()) return;
  std::vector<Tag>& tags = context().tags;
  Tag tag{term, scheme, label};
  if (tags.size() < kIndexedTags) {
    if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(std::move(tag));
    return;
  }
  TagIndex& index = tag_index(tags);
  int& count = index.keys[tag_key(tag)];
  if (count > 0) return;
  ++count;
  tags.push_back(std::move(tag));
  ++index.size;
}

// A category whose term comes as its text after its attributes made the tag.
void Reader::set_last_term(std::vector<Tag>& tags, const std::string& term) {
  if (tags.size() < kIndexedTags) {
    tags.back().term = term;
    return;
  }
  TagIndex& index = tag_index(tags);
  --index.keys[tag_key(tags.back())];
  tags.back().term = term;
  ++index.keys[tag_key(tags.back())];
}

void Reader::end_date(std::string_view element, Date Fields::*field) {
  const std::optional<std::string> value = pop(element);
  if (!value) return;
  (context().*field).value = read_date(*value).value;
}

void Reader::start_link(Attrs attrs) {
  if (!find_attr(attrs, "rel")) attrs.push_back(Attr{"rel", "alternate"});
  const std::string rel = attr_or(attrs, "rel");
  if (!find_attr(attrs, "type")) attrs.push_back(Attr{"type", rel == "self" ? "application/atom+xml" : "text/html"});
  enforce_href(attrs);
  Fields& ctx = context();
  const std::string* href = find_attr(attrs, "href");
  if (href) {
    for (Attr& attr : attrs) {
      if (attr.name == "href") attr.value = markup::resolve_url(base_, attr.value);
    }
    href = find_attr(attrs, "href");
  }
  if (rel == "alternate" && html_type(map_content_type(attr_or(attrs, "type")))) is_entry_link_ = true;
  const bool expecting = in_feed_ || in_entry_ || in_source_;
  if (!(in_entry_ && in_image_)) ctx.links.push_back(link_of(attrs));
  if (href) {
    if (is_entry_link_) ctx.link = *href;
  } else {
    push("link", expecting);
  }
}

void Reader::cdf_common(const Attrs& attrs) {
  if (const std::string* lastmod = find_attr(attrs, "lastmod")) {
    push("updated", true);
    stack_.back().text = *lastmod;
    end_date("updated", &Fields::updated);
  }
  if (const std::string* href = find_attr(attrs, "href")) {
    start_link(Attrs{});
    if (!stack_.empty() && stack_.back().element == "link") stack_.back().text = *href;
    pop("link");
    is_entry_link_ = false;
  }
}

void Reader::start_item(const Attrs& attrs) {
  tag_indexes_.clear();
  feed_.entries.emplace_back();
  ++open_items_;
  entry_depths_.clear();
  push("item", false);
  in_entry_ = true;
  guid_is_link_ = false;
  title_depth_ = -1;
  if (const std::string* about = find_attr(attrs, "rdf:about"); about && !about->empty()) context().id = *about;
  cdf_common(attrs);
}

void Reader::start_summary_like(const Attrs& attrs, bool description, std::string_view default_type) {
  Fields& ctx = context();
  if (!ctx.summary.empty() && !has_content_) {
    summary_is_content_ = true;
    has_content_ = true;
    push_content("content", attrs, "text/plain", true);
    content_.src = attr_or(attrs, "src");
    return;
  }
  summary_is_content_ = false;
  push_content(description ? "description" : "summary", attrs, default_type,
               description ? (in_feed_ || in_entry_ || in_source_) : true);
}

void Reader::end_content() {
  const bool copy_to_summary = content_.type == "text/plain" || html_type(content_.type);
  const ContentParams params = content_;
  const std::optional<std::string> value = pop_content("content");
  if (copy_to_summary && value) {
    Fields& ctx = context();
    if (ctx.summary.empty() && (!in_entry_ || in_source_ || !feed_.entries.empty())) {
      ctx.summary = Text{*value, params.type};
      ctx.summary.language = params.language;
      ctx.summary.base = params.base;
    }
  }
}

void Reader::start(H handler, std::string_view prefix, std::string_view local, Attrs& attrs) {
  switch (handler) {
    case H::kRss:
      break;
    case H::kFeed:
      in_feed_ = true;
      break;
    case H::kChannel:
      in_feed_ = true;
      cdf_common(attrs);
      break;
    case H::kItem: start_item(attrs); break;
    case H::kImage:
      if (!in_entry_ && feed_.image.empty()) context().image.emplace_back();
      in_image_ = true;
      title_depth_ = -1;
      push("image", false);
      break;
    case H::kTextinput:
      if (&context() == &feed_ && feed_.textinput.empty()) feed_.textinput.emplace_back();
      in_textinput_ = true;
      title_depth_ = -1;
      push("textinput", false);
      break;
    case H::kAuthor: start_author(); break;
    case H::kContributor:
      in_contributor_ = true;
      context().contributors.emplace_back();
      push("contributor", false);
      break;
    case H::kDcContributor:
      in_contributor_ = true;
      context().contributors.emplace_back();
      push("name", false);
      break;
    case H::kName: push("name", false); break;
    case H::kWidth: push("width", false); break;
    case H::kHeight: push("height", false); break;
    case H::kUrl: push("href", true); break;
    case H::kEmail: push("email", false); break;
    case H::kSubtitle: push_content("subtitle", attrs, "text/plain", true); break;
    case H::kRights: push_content("rights", attrs, "text/plain", true); break;
    case H::kInfo: push_content("info", attrs, "text/plain", true); break;
    case H::kLanguage: push("language", true); break;
    case H::kWebmaster: push("publisher", true); break;
    case H::kPublished: push("published", true); break;
    case H::kUpdated: push("updated", true); break;
    case H::kCreated: push("created", true); break;
    case H::kExpired: push("expired", true); break;
    case H::kValid: push("validity", true); break;
    case H::kCategory: {
      std::string scheme = attr_or(attrs, "scheme");
      if (!find_attr(attrs, "scheme")) scheme = attr_or(attrs, "domain");
      add_tag(attr_or(attrs, "term"), scheme, attr_or(attrs, "label"));
      push("category", true);
      break;
    }
    case H::kTags: push("tags", true); break;
    case H::kCloud: {
      Fields& ctx = context();
      ctx.cloud.clear();
      for (const Attr& attr : attrs) ctx.cloud.emplace_back(attr.name, attr.value);
      if (ctx.cloud.empty()) ctx.cloud.emplace_back();
      break;
    }
    case H::kLink: start_link(attrs); break;
    case H::kGuid: {
      const std::string* is_permalink = find_attr(attrs, "ispermalink");
      guid_is_link_ = guid_is_permalink(is_permalink ? std::optional<std::string_view>(*is_permalink) : std::nullopt);
      push("id", true);
      break;
    }
    case H::kTitle: push_content("title", attrs, "text/plain", in_feed_ || in_entry_ || in_source_); break;
    case H::kDescription: start_summary_like(attrs, true, "text/html"); break;
    case H::kAbstract:
      summary_is_content_ = false;
      push_content("description", attrs, "text/plain", in_feed_ || in_entry_ || in_source_);
      break;
    case H::kSummary: start_summary_like(attrs, false, "text/plain"); break;
    case H::kGenerator: {
      enforce_href(attrs);
      Generator generator;
      for (const Attr& attr : attrs) {
        if (attr.name == "href") generator.href = markup::resolve_url(base_, attr.value);
        if (attr.name == "version") generator.version = attr.value;
      }
      context().generator_detail = generator;
      push("generator", true);
      break;
    }
    case H::kGeneratorAgent: {
      push("generator", true);
      const std::string value = attr_or(attrs, "rdf:resource");
      stack_.back().text = value;
      pop("generator");
      Generator generator;
      generator.href = value;
      context().generator_detail = generator;
      break;
    }
    case H::kEnclosure: {
      enforce_href(attrs);
      Link link = link_of(attrs);
      link.rel = "enclosure";
      context().links.push_back(std::move(link));
      break;
    }
    case H::kSource:
      if (const std::string* url = find_attr(attrs, "url")) source_.href = *url;
      push("source", true);
      in_source_ = true;
      title_depth_ = -1;
      break;
    case H::kContent:
      has_content_ = true;
      push_content("content", attrs, "text/plain", true);
      content_.src = attr_or(attrs, "src");
      break;
    case H::kBody: push_content("content", attrs, kXhtmlType, true); break;
    case H::kContentEncoded:
      has_content_ = true;
      push_content("content", attrs, "text/html", true);
      break;
    case H::kNewlocation: push("newlocation", true); break;
    case H::kCcLicense: {
      Link link;
      link.rel = "license";
      link.href = attr_or(attrs, "rdf:resource");
      context().links.push_back(std::move(link));
      break;
    }
    case H::kCcRssLicense: push("license", true); break;
    case H::kNone: {
      std::string key = prefix.empty() ? std::string(local) : std::string(prefix) + "_" + std::string(local);
      if (attrs.empty()) {
        push(std::move(key), true);
      } else if (!extension_prefix(prefix)) {
        FeedValue object = FeedValue::object();
        for (const Attr& attr : attrs) object[attr.name] = FeedValue::string(attr.value);
        context().extras[key] = std::move(object);
      }
      break;
    }
  }
}

void Reader::end(H handler, std::string_view prefix, std::string_view local) {
  switch (handler) {
    case H::kRss: break;
    case H::kChannel:
    case H::kFeed: in_feed_ = false; break;
    case H::kItem:
      pop("item");
      in_entry_ = false;
      has_content_ = false;
      // Handed over only when no item is open: an inner item's entry comes
      // after its outer one's, as in `entries`, and the outer one is still
      // written to (entry() is the last entry) until it ends.
      if (--open_items_ == 0 && on_entry_) {
        for (ParsedEntry& done : feed_.entries) on_entry_(std::move(done));
        entries_handed_ += feed_.entries.size();
        feed_.entries.clear();
      }
      break;
    case H::kImage:
      pop("image");
      in_image_ = false;
      break;
    case H::kTextinput:
      pop("textinput");
      in_textinput_ = false;
      break;
    case H::kAuthor: end_author(); break;
    case H::kContributor:
      pop("contributor");
      in_contributor_ = false;
      break;
    case H::kDcContributor:
    case H::kName: {
      const std::optional<std::string> value = pop("name");
      if (value) {
        if (in_author_) save_person("name", *value, false);
        else if (in_contributor_) save_contributor("name", *value);
        else if (in_textinput_) context().name = *value;
      }
      if (handler == H::kDcContributor) in_contributor_ = false;
      break;
    }
    case H::kWidth:
    case H::kHeight: {
      const bool width = handler == H::kWidth;
      const std::optional<std::string> value = pop(width ? "width" : "height");
      if (!value || !in_image_) break;
      int number = 0;
      const std::string_view digits = *value;
      bool ok = !digits.empty();
      std::size_t i = digits.starts_with('-') || digits.starts_with('+') ? 1 : 0;
      if (i == digits.size()) ok = false;
      for (; ok && i < digits.size(); ++i) {
        if (digits[i] < '0' || digits[i] > '9' || number > 100000000) { ok = false; break; }
        number = number * 10 + (digits[i] - '0');
      }
      if (ok && digits.starts_with('-')) number = -number;
      (width ? context().width : context().height) = ok ? number : 0;
      break;
    }
    case H::kUrl: {
      const std::optional<std::string> value = pop("href");
      if (!value) break;
      if (in_author_) save_person("href", *value, false);
      else if (in_contributor_) save_contributor("href", *value);
      break;
    }
    case H::kEmail: {
      const std::optional<std::string> value = pop("email");
      if (!value) break;
      if (in_author_) save_person("email", *value, false);
      else if (in_contributor_) save_contributor("email", *value);
      break;
    }
    case H::kSubtitle: pop_content("subtitle"); break;
    case H::kRights: pop_content("rights"); break;
    case H::kInfo: pop_content("info"); break;
    case H::kLanguage: pop("language"); break;
    case H::kWebmaster:
      pop("publisher");
      sync_author_detail(true);
      break;
    case H::kPublished: end_date("published", &Fields::published); break;
    case H::kUpdated: end_date("updated", &Fields::updated); break;
    case H::kCreated: end_date("created", &Fields::created); break;
    case H::kExpired: end_date("expired", &Fields::expired); break;
    case H::kValid: {
      const std::optional<std::string> value = pop("validity");
      if (!value) break;
      std::string_view rest = *value;
      while (!rest.empty()) {
        const auto semi = rest.find(';');
        const std::string_view part = rest.substr(0, semi);
        rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
        const auto eq = part.find('=');
        if (eq == std::string_view::npos) continue;
        const std::string_view key = part.substr(0, eq);
        if (key == "start") context().validity_start = read_date(part.substr(eq + 1));
        if (key == "end") context().validity_end = read_date(part.substr(eq + 1));
      }
      break;
    }
    case H::kCategory: {
      const std::optional<std::string> value = pop("category");
      if (!value || value->empty()) break;
      std::vector<Tag>& tags = context().tags;
      if (!tags.empty() && tags.back().term.empty()) set_last_term(tags, *value);
      else add_tag(*value, {}, {});
      break;
    }
    case H::kTags: {
      const std::optional<std::string> value = pop("tags");
      if (!value) break;
      std::string_view rest = *value;
      while (true) {
        const auto comma = rest.find(',');
        add_tag(std::string(core::trim_space(rest.substr(0, comma))), {}, {});
        if (comma == std::string_view::npos) break;
        rest = rest.substr(comma + 1);
      }
      break;
    }
    case H::kLink:
      pop("link");
      is_entry_link_ = false;
      break;
    case H::kGuid: {
      const std::optional<std::string> value = pop("id");
      Fields& ctx = context();
      if (!ctx.guidislink) ctx.guidislink = guid_is_link_ && ctx.link.empty();
      if (value) guid_fills_link(ctx.link, *value, guid_is_link_);
      break;
    }
    case H::kTitle: {
      const std::optional<std::string> value = pop_content("title");
      if (value && !value->empty()) title_depth_ = depth_;
      break;
    }
    case H::kDescription:
    case H::kSummary:
    case H::kAbstract:
      if (summary_is_content_) end_content();
      else pop_content(handler == H::kSummary ? "summary" : "description");
      summary_is_content_ = false;
      break;
    case H::kGenerator: {
      const std::optional<std::string> value = pop("generator");
      Fields& ctx = context();
      if (value && ctx.generator_detail) ctx.generator_detail->name = *value;
      break;
    }
    case H::kSource: {
      in_source_ = false;
      const std::optional<std::string> value = pop("source");
      if (value && !value->empty()) source_.title.value = *value;
      Fields& ctx = context();
      ctx.source.clear();
      ctx.source.push_back(std::move(source_));
      source_ = Fields();
      tag_indexes_.erase(&source_.tags);  // a list anew at the same place
      break;
    }
    case H::kContent:
    case H::kBody:
    case H::kContentEncoded: end_content(); break;
    case H::kNewlocation: {
      const std::optional<std::string> value = pop("newlocation");
      if (value && &context() == &feed_) {
        feed_.extras["newlocation"] = FeedValue::string(safe_absolute_uri(base_, core::trim_space(*value)));
      }
      break;
    }
    case H::kCcRssLicense: {
      const std::optional<std::string> value = pop("license");
      if (!value) break;
      Link link;
      link.rel = "license";
      link.href = *value;
      context().links.push_back(std::move(link));
      break;
    }
    case H::kCcLicense:
    case H::kEnclosure:
    case H::kCloud:
    case H::kGeneratorAgent:
      break;
    case H::kNone: {
      const std::string key = prefix.empty() ? std::string(local) : std::string(prefix) + "_" + std::string(local);
      pop(key);
      break;
    }
  }
}

}  // namespace

ParsedFeed read_feed(pugi::xml_node root, const ReadOptions& options, const EntrySink& on_entry) {
  ParsedFeed feed;
  Reader reader(options, feed, on_entry);
  std::string lang = options.default_language;
  reader.element(root, options.base_url, lang);
  return feed;
}

}  // namespace omvarld::feeds
