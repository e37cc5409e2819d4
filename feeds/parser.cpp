// parse_feed: decode the bytes, hand JSON to the JSON Feed reader, repair
// what a lenient reader repairs, parse the XML, recognise the format by its
// root element, and hand the tree to the format's own file. Each repair is recorded in bozo_reason, as feedparser's
// `bozo` flags a document that needed help.

#include "feeds/parser.h"

#include <memory>
#include <optional>
#include <vector>

#include <pugixml.hpp>

#include "core/ascii.h"
#include "core/dates.h"
#include "feeds/encoding.h"
#include "feeds/entity_repair.h"
#include "feeds/extensions.h"
#include "feeds/feed_reader.h"
#include "feeds/json_feed.h"
#include "feeds/nesting.h"
#include "feeds/text_position.h"
#include "feeds/xml_tree.h"
#include "markup/html_text.h"
#include "markup/url.h"

namespace omvarld::feeds {
namespace {

enum class Format { kRss, kRdf, kAtom, kCdf };

// How much of the document's start detection reads (the DOCTYPE that tells
// RSS 0.91 Netscape from UserLand, an HTML page's first tags).
constexpr std::size_t kHeadSize = 1024;

struct Detected {
  Format format;
  std::string version;  // feedparser's id
};

// feedparser's ids for <rss version="…">; 0.91 is "rss091n" when the
// document names Netscape's DTD, "rss091u" (UserLand's) otherwise.
std::string rss_version(pugi::xml_node rss, std::string_view text) {
  const std::string version = xml::trim(rss.attribute("version").value());
  if (version == "0.91") {
    const bool netscape = core::lowercase_ascii(text.substr(0, kHeadSize)).find("-//netscape communications//dtd rss 0.91") != std::string::npos;
    return netscape ? "rss091n" : "rss091u";
  }
  if (version == "0.92") return "rss092";
  if (version == "0.93") return "rss093";
  if (version == "0.94") return "rss094";
  if (version.starts_with("2.")) return "rss20";
  return "rss";
}

// No document URL: detection resolves namespaces only, never a base URI.
const std::string kNoUrl;

// `scope` is `root`'s.
std::optional<Detected> detect(pugi::xml_node root, const xml::Scope& scope, std::string_view text) {
  const std::string_view name = xml::local_name(root);
  if (name == "rss") return Detected{Format::kRss, rss_version(root, text)};
  const bool named = name == "feed" || name == "RDF" || core::lowercase_ascii(name) == "channel";
  if (!named) return std::nullopt;
  const std::string ns = scope.namespace_uri();
  if (name == "feed") {
    if (ns == xml::kAtom10) return Detected{Format::kAtom, "atom10"};
    // feedparser's ids for <feed version="…"> outside the Atom 1.0 namespace.
    const std::string version = root.attribute("version").value();
    if (version == "0.3" || ns == xml::kAtom03) return Detected{Format::kAtom, "atom03"};
    if (version == "0.2") return Detected{Format::kAtom, "atom02"};
    if (version == "0.1") return Detected{Format::kAtom, "atom01"};
    return Detected{Format::kAtom, "atom"};
  }
  // Microsoft's Channel Definition Format: <CHANNEL> at the root.
  if (core::lowercase_ascii(name) == "channel" && ns.empty()) return Detected{Format::kCdf, "cdf"};
  if (name == "RDF" && ns == xml::kRdf) {
    for (pugi::xml_node child : root.children()) {
      if (child.type() != pugi::node_element) continue;
      const std::string child_ns = xml::Scope(&scope, child, kNoUrl).namespace_uri();
      if (child_ns == xml::kRss10) return Detected{Format::kRdf, "rss10"};
      if (child_ns == xml::kRss090) return Detected{Format::kRdf, "rss090"};
    }
    // No channel or item yet: the default namespace still names the version.
    const std::string_view default_ns = root.attribute("xmlns").value();
    if (default_ns == xml::kRss10) return Detected{Format::kRdf, "rss10"};
    if (default_ns == xml::kRss090) return Detected{Format::kRdf, "rss090"};
  }
  return std::nullopt;
}

// The first element of the document other than the XHTML page `html` that
// is a feed's root, in document order, looked for no deeper than
// kMaxElementDepth (nesting.h), where the reader would stop too. The scopes
// of the elements on the way down are kept, so that no element's
// namespace is looked for by walking up again.
pugi::xml_node feed_in_page(const pugi::xml_document& document, pugi::xml_node html, std::string_view head) {
  std::vector<std::unique_ptr<xml::Scope>> scopes;  // of `node` (when an element) and those around it
  pugi::xml_node node = document.first_child();
  while (node) {
    if (node.type() == pugi::node_element) {
      scopes.push_back(std::make_unique<xml::Scope>(scopes.empty() ? nullptr : scopes.back().get(), node, kNoUrl));
      if (node != html && detect(node, *scopes.back(), head)) return node;
      if (node.first_child() && scopes.size() < static_cast<std::size_t>(kMaxElementDepth)) {
        node = node.first_child();
        continue;
      }
      scopes.pop_back();
    }
    // On to the next sibling, or to that of the nearest element around.
    while (!node.next_sibling()) {
      node = node.parent();
      if (node.type() != pugi::node_element) return {};
      scopes.pop_back();
    }
    node = node.next_sibling();
  }
  return {};
}

bool looks_like_html(std::string_view text) {
  const std::string start = core::lowercase_ascii(text.substr(0, kHeadSize));
  return start.starts_with("<!doctype html") || start.find("<html") != std::string::npos;
}

// "not a feed: got an HTML page (<title>Logga in</title>)": the title tells
// the coordinator which page the URL now leads to (a login, a moved site).
Error html_page_error(std::string_view text) {
  const std::string lower = core::lowercase_ascii(text);
  std::string message = "not a feed: got an HTML page";
  const auto open = lower.find("<title");
  const auto open_end = open == std::string::npos ? open : lower.find('>', open);
  const auto close = open_end == std::string::npos ? open_end : lower.find("</title", open_end);
  if (close != std::string::npos) {
    std::string title = markup::html_to_text(text.substr(open_end + 1, close - open_end - 1));
    constexpr std::size_t kMaxTitle = 100;
    if (title.size() > kMaxTitle) {
      std::size_t cut = kMaxTitle;
      while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0) == 0x80) --cut;
      title = title.substr(0, cut) + "…";
    }
    message += " (<title>" + title + "</title>)";
  }
  return Error{Errc::kUnparseableFeed, message, std::nullopt};
}


// What a parse error left unread, for ParsedFeed::unread: pugixml keeps the
// tree up to the error and reads nothing after it. An error found at the
// end of the text (pugixml points at its last byte) is a document cut
// short, or a construct never closed that took the rest.
std::string unread_after(std::string_view text, const pugi::xml_parse_result& parsed, const std::string& parse_error) {
  const auto offset = static_cast<std::size_t>(parsed.offset);
  const bool at_end = offset + 1 >= text.size() || core::trim_space(text.substr(offset + 1)).empty();
  if (!at_end) {
    return parse_error + ": the rest of the document (" + std::to_string(text.size() - offset) + " bytes) is not read";
  }
  switch (parsed.status) {
    case pugi::status_bad_comment:
    case pugi::status_bad_cdata:
    case pugi::status_bad_pi:
    case pugi::status_bad_doctype:
      return parse_error + ": it runs to the end of the document, so nothing after its start is read";
    default:
      return parse_error + ": the document ends before its elements do, cut short";
  }
}

void add_reason(ParsedFeed& feed, const std::string& reason) {
  if (reason.empty()) return;
  feed.bozo = true;
  if (!feed.bozo_reason.empty()) feed.bozo_reason += "; ";
  feed.bozo_reason += reason;
}

// The transport's validators, echoed as feedparser's `etag` and `modified`.
void echo_transport(ParsedFeed& feed, const DocumentHints& hints) {
  feed.etag = hints.etag;
  if (!core::trim_space(hints.last_modified).empty()) feed.modified = read_date(hints.last_modified);
}

// Both forms of parse_feed; `on_entry` empty keeps the entries.
Result<ParsedFeed> parse_document(std::string_view body, const DocumentHints& hints, const EntrySink& on_entry,
                                  bool plain_text_only) {
  DecodedDocument decoded = decode_document(body, hints.content_type);
  // Whitespace before the XML declaration is an error in XML (§2.8) but
  // harmless; servers and templates add it.
  std::string_view text = decoded.text;
  text.remove_prefix(std::min(text.size(), text.find_first_not_of(" \t\r\n")));
  if (text.empty()) return fail(Errc::kUnparseableFeed, "not a feed: document is empty");
  if (looks_like_json(text)) {
    auto feed = read_json_feed(text, document_base(hints), hints.content_language, on_entry);
    if (!feed) return feed;
    // JSON is UTF-8 (RFC 8259); whatever the media type, only another
    // encoding is worth a flag.
    feed->encoding = decoded.encoding;
    if (decoded.encoding != "utf-8") add_reason(*feed, "a JSON Feed must be UTF-8; read as " + decoded.encoding);
    echo_transport(*feed, hints);
    return feed;
  }

  // From here the repaired text is the document: the decoded one is
  // repaired in place (copied only where it changes), so that two copies
  // are not held beside the tree. Detection reads only the start, and the
  // rare paths that need the whole text decode it again.
  const std::string head(text.substr(0, kHeadSize));
  decoded.text.erase(0, static_cast<std::size_t>(text.data() - decoded.text.data()));
  text = {};
  RepairedXml repaired = repair_entities(std::move(decoded.text));
  const auto whole_text = [&] {
    const std::string again = decode_document(body, hints.content_type).text;
    return again.substr(std::min(again.size(), again.find_first_not_of(" \t\r\n")));
  };
  const std::string encoding = std::move(decoded.encoding);
  const std::string decode_problem = std::move(decoded.problem);
  pugi::xml_document document;
  // pugixml keeps the tree it built up to an error: a truncated or broken
  // document still yields the entries before the break. It parses the
  // repaired copy in place (the tree points into it), which spares a second
  // copy of the document. The string's terminating zero is included, as
  // load_buffer's own copy would end in one: the same tree and the same
  // error offsets.
  const pugi::xml_parse_result parsed = document.load_buffer_inplace(
      repaired.text.data(), repaired.text.size() + 1, pugi::parse_default | pugi::parse_ws_pcdata,
      pugi::encoding_utf8);
  // The line and column are counted in the text as repaired, before the
  // parser rewrote it in place.
  std::string parse_error;
  std::string unread;
  if (!parsed) {
    const std::string repaired_text = repair_entities(whole_text()).text;
    parse_error = line_column(repaired_text, static_cast<std::size_t>(parsed.offset)) + ": " + parsed.description();
    unread = unread_after(repaired_text, parsed, parse_error);
  }

  pugi::xml_node root = document.document_element();
  if (root && core::lowercase_ascii(xml::local_name(root)) == "html") {
    // Some sites serve their feed wrapped in an XHTML page; read the feed.
    root = feed_in_page(document, root, head);
    if (!root) return unexpected(html_page_error(whole_text()));
  }
  if (!root) {
    if (looks_like_html(head)) return unexpected(html_page_error(whole_text()));
    return fail(Errc::kUnparseableFeed, "not a feed: " + parse_error);
  }
  const std::optional<Detected> detected = detect(root, *xml::scopes_down_to(root, kNoUrl).back(), head);
  if (!detected) {
    return fail(Errc::kUnparseableFeed, "not a feed: root element <" + std::string(root.name()) + ">");
  }

  if (unread.empty() && root == document.document_element()) {
    for (pugi::xml_node next = root.next_sibling(); next; next = next.next_sibling()) {
      if (next.type() != pugi::node_element) continue;
      // pugixml takes a second document element without a word.
      unread = line_column(repair_entities(whole_text()).text, static_cast<std::size_t>(next.offset_debug())) +
               ": a second document element, <" + next.name() + ">, is not read";
      break;
    }
  }

  ReadOptions options;
  options.version = detected->version;
  options.base_url = document_base(hints);
  options.default_language = hints.content_language;
  options.encoding = core::lowercase_ascii(encoding);
  options.plain_text_only = plain_text_only;
  ParsedFeed feed = read_feed(root, options, on_entry);
  if (!on_entry) read_extensions(root, options.base_url, feed);
  feed.version = detected->version;
  feed.encoding = encoding;
  echo_transport(feed, hints);
  add_reason(feed, decode_problem);
  add_reason(feed, repaired.problem);
  add_reason(feed, parse_error);
  if (parse_error.empty()) add_reason(feed, unread);
  feed.unread = std::move(unread);
  return feed;
}

}  // namespace

std::string document_base(const DocumentHints& hints) {
  if (hints.content_location.empty()) return hints.base_url;
  const std::string location = markup::resolve_url(hints.base_url, hints.content_location);
  const std::string scheme = core::lowercase_ascii(location.substr(0, location.find(':')));
  if (scheme == "http" || scheme == "https" || scheme == "ftp" || scheme == "file") return location;
  return hints.base_url;
}

Result<ParsedFeed> parse_feed(std::string_view body, const DocumentHints& hints) {
  return parse_document(body, hints, {}, false);
}

Result<ParsedFeed> parse_feed_for_items(std::string_view body, const DocumentHints& hints,
                                        const EntrySink& on_entry) {
  return parse_document(body, hints, on_entry, true);
}

}  // namespace omvarld::feeds
