// feeds/feed_vocabulary.h
//
// feedparser's vocabulary, shared by the general reader (feed_reader.h) and
// the straight path (straight_items.h): namespace URIs to the prefixes its
// handlers are named by, element names to those handlers, and
// the keys a value is stored under. Internal to feeds/. Pure.

#pragma once

#include <string>
#include <string_view>

namespace omvarld::feeds {

// feedparser's namespace table: the URI (lower-case) to the prefix its
// handlers are named by ("" for the core formats); `known` is false, and
// "" returned, for a URI it does not know.
std::string_view canonical_prefix(std::string_view lower_uri, bool& known);

// The prefix an element's handlers see when its given prefix is bound to a
// URI feedparser does not know: the prefix lower-cased, and marked "-other"
// when it is one the handlers read (xmlns:dc="http://example.com/" is not
// Dublin Core).
std::string unknown_namespace_prefix(std::string_view given_prefix);

// Prefixes whose elements extensions.cpp reads: the walk keeps their text
// apart but stores nothing for them.
bool extension_prefix(std::string_view prefix);

// Which handler an element name has (feedparser's _start_X/_end_X).
enum class ElementHandler {
  kNone, kRss, kChannel, kFeed, kItem, kImage, kTextinput, kAuthor, kContributor, kName, kWidth,
  kHeight, kUrl, kEmail, kSubtitle, kRights, kLanguage, kWebmaster, kPublished, kUpdated, kCreated,
  kExpired, kCategory, kCloud, kLink, kGuid, kTitle, kDescription, kAbstract, kInfo, kGenerator,
  kSummary, kEnclosure, kSource, kContent, kBody, kContentEncoded, kNewlocation, kTags,
  kDcContributor, kValid, kCcLicense, kCcRssLicense, kGeneratorAgent
};

// The handler of an element by its canonical prefix and lower-case local name.
ElementHandler handler_of(std::string_view prefix, std::string_view local);

// FeedParserDict's key aliases for a stored value ("guid" is stored as "id").
std::string_view stored_key(std::string_view key);

// The namespaces the readers look for by URI, as written.
namespace xml {
inline constexpr std::string_view kAtom10 = "http://www.w3.org/2005/Atom";
inline constexpr std::string_view kAtom03 = "http://purl.org/atom/ns#";
inline constexpr std::string_view kContent = "http://purl.org/rss/1.0/modules/content/";
inline constexpr std::string_view kDublinCore = "http://purl.org/dc/elements/1.1/";
inline constexpr std::string_view kDcTerms = "http://purl.org/dc/terms/";
inline constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
inline constexpr std::string_view kRss10 = "http://purl.org/rss/1.0/";
inline constexpr std::string_view kRss090 = "http://my.netscape.com/rdf/simple/0.9/";
inline constexpr std::string_view kXhtml = "http://www.w3.org/1999/xhtml";
}  // namespace xml

}  // namespace omvarld::feeds
