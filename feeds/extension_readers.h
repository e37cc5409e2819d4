// feeds/extension_readers.h
//
// The per-namespace readers behind read_extensions (extensions.h): each takes
// one extension element found under the feed element or an entry and adds
// feedparser's keys for it to that context's extras. Internal to feeds/
// (only feeds/ext_*.cpp and extensions.cpp include it). Pure.

#pragma once

#include <string>
#include <string_view>
#include <unordered_set>

#include <pugixml.hpp>

#include "feeds/feed_value.h"
#include "feeds/xml_tree.h"

namespace omvarld::feeds::ext {

// Where an extension element's values go: the extras of the feed or of one
// entry. `document_url` must outlive the context. One context per feed or
// entry, used for all of its elements.
struct Context {
  FeedValue& extras;
  const std::string& document_url;
  // The tags in extras["tags"], which only add_tag writes.
  std::unordered_set<std::string> tag_keys = {};
  // The scope of the element being read: its namespace, base URI and
  // language. Set by read_extensions before it calls a reader.
  const xml::Scope* scope = nullptr;
};

// The element's character data as written (CDATA included, child elements
// skipped), not trimmed: itunes:block and itunes:explicit compare it raw.
std::string raw_text(pugi::xml_node element);

// The element's attributes as an object, keys lowercased, namespace
// declarations left out (feedparser's attribute dictionary).
FeedValue attributes(pugi::xml_node element);

// Adds {term, scheme, label} to the context's "tags" unless an equal tag is
// there already; an empty term adds nothing.
void add_tag(Context& context, std::string_view term, std::string_view scheme,
             std::string_view label);

// Sets `key` and `key`_detail ({type, language, base, value}) as feedparser
// writes a text construct; HTML is cleaned (clean_html). `element` is the
// one context.scope is for.
void set_text(Context& context, std::string_view key, pugi::xml_node element,
              std::string_view default_type);

// Each reads one element whose local name (lowercased) is `local`, in the
// namespace the function is named for. They return false when they have no
// rule for `local`, so the caller applies the generic prefix_localname rule.
bool read_itunes(pugi::xml_node element, std::string_view local, Context& context);
bool read_media(pugi::xml_node element, std::string_view local, Context& context);
bool read_geo(pugi::xml_node element, std::string_view local, Context& context);
bool read_psc(pugi::xml_node element, std::string_view local, Context& context);

}  // namespace omvarld::feeds::ext
