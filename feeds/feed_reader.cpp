// One walk over the tree in document order, as a SAX reader would see it:
// each element's start, its text, its children, its end. The handlers keep
// feedparser's state (in entry, in content, in image, …) and its element
// stack, so repeated and nested elements settle the way feedparser settles
// them. Names are compared after mapping the namespace URI to feedparser's
// prefix ("" for the core formats, "dc", "content", …) and lower-casing.
// This file is the walk, pop() and store(); the handlers and the rest are
// in the files feed_reader_state.h names.

#include "feeds/feed_reader.h"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "core/ascii.h"
#include "feeds/feed_reader_state.h"
#include "feeds/field_text.h"
#include "feeds/nesting.h"
#include "feeds/xml_tree.h"
#include "markup/html_sanitize.h"

namespace omvarld::feeds::general_reader {

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
  const ElementHandler handler = handler_of(prefix, local);

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
  if (!output.empty() && resolved_as_uri(element, guid_is_link_)) output = resolve(output);
  // To HTML here: an earlier copy of the type may still say text.
  const bool promoted = !atom_ && in_content_ > 0 && promote_to_html(content_.type, output);
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

}  // namespace omvarld::feeds::general_reader

namespace omvarld::feeds {

ParsedFeed read_feed(pugi::xml_node root, const ReadOptions& options, const EntrySink& on_entry) {
  ParsedFeed feed;
  general_reader::Reader reader(options, feed, on_entry);
  std::string lang = options.default_language;
  reader.element(root, options.base_url, lang);
  return feed;
}

}  // namespace omvarld::feeds
