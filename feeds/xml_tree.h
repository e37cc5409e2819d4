// feeds/xml_tree.h
//
// Helpers over pugixml's tree that the format parsers share: namespaces
// resolved by URI (pugixml itself only sees prefixes), text content, xml:base
// and xml:lang inheritance. Internal to feeds/: only feeds/*.cpp include it,
// so no other folder sees a pugixml type. Pure.

#pragma once

#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "feeds/feed.h"

namespace omvarld::feeds::xml {

inline constexpr std::string_view kAtom10 = "http://www.w3.org/2005/Atom";
inline constexpr std::string_view kAtom03 = "http://purl.org/atom/ns#";
inline constexpr std::string_view kContent = "http://purl.org/rss/1.0/modules/content/";
inline constexpr std::string_view kDublinCore = "http://purl.org/dc/elements/1.1/";
inline constexpr std::string_view kDcTerms = "http://purl.org/dc/terms/";
inline constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
inline constexpr std::string_view kRss10 = "http://purl.org/rss/1.0/";
inline constexpr std::string_view kRss090 = "http://my.netscape.com/rdf/simple/0.9/";
inline constexpr std::string_view kXhtml = "http://www.w3.org/1999/xhtml";

// An element's name without its prefix: "dc:date" → "date".
std::string_view local_name(pugi::xml_node element);

// The namespace URI of an element, from the xmlns declarations in scope.
// An undeclared conventional prefix (dc, content, atom, rdf) maps to its
// usual URI, as feeds that forget the declaration mean it; "" otherwise.
std::string namespace_uri(pugi::xml_node element);

// True when `element` is `local` in namespace `ns`.
bool is(pugi::xml_node element, std::string_view ns, std::string_view local);

// The text of an element, trimmed: its character data and CDATA sections,
// or, when it holds child elements (markup left unescaped), that markup
// serialized as written.
std::string text(pugi::xml_node element);

// The children of `element` serialized as XML, without the element itself.
std::string inner_xml(pugi::xml_node element);

// The base URI in effect at `element`: `document_url` with every xml:base
// from the root down to `element` resolved against it in turn.
std::string base_uri(pugi::xml_node element, const std::string& document_url);

// `reference` made absolute against the base URI in effect at `element`.
std::string resolve(pugi::xml_node element, std::string_view reference,
                    const std::string& document_url);

// A <link> element with Atom's attributes (rel, type, href, title), its
// href made absolute; rel defaults to "alternate" (RFC 4287 §4.2.7.2).
Link link(pugi::xml_node element, const std::string& document_url);

// The xml:lang in effect at `element`, or "".
std::string language(pugi::xml_node element);

// An Atom person construct (RFC 4287 §3.2) in namespace `ns` as feedparser
// writes it: "name (email)", or whichever part exists.
std::string person(pugi::xml_node element, std::string_view ns);

// Surrounding XML whitespace removed.
std::string trim(std::string_view text);

}  // namespace omvarld::feeds::xml
