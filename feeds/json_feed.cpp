// JSON Feed: the document parsed whole by nlohmann (after a nesting check,
// so no walk is deeper than core::kMaxJsonNesting), then each field read
// only when it has the type the specification gives it; anything else is
// ignored as if absent, as a lenient reader does with an unknown element.

#include "feeds/json_feed.h"

#include <cstdint>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/json_nesting.h"
#include "core/uri_scheme.h"
#include "markup/html_sanitize.h"
#include "markup/url.h"

namespace omvarld::feeds {
namespace {

using Json = nlohmann::json;

// The member `key` of `object` when it is a string, without NULs (the XML
// path removes them too); nullopt when absent or of another type.
std::optional<std::string> string_member(const Json& object, const char* key) {
  const auto found = object.find(key);
  if (found == object.end() || !found->is_string()) return std::nullopt;
  std::string value = found->get<std::string>();
  std::erase(value, '\0');
  return value;
}

std::string string_or_empty(const Json& object, const char* key) {
  return string_member(object, key).value_or("");
}

// `reference` made absolute against `base` (when known); "" when its
// scheme is one no feed link may have (javascript:, data:), as the XML
// readers and the sanitizer keep them out.
std::string link_of(const std::string& base, std::string_view reference) {
  std::string uri = base.empty() ? std::string(reference) : markup::resolve_url(base, reference);
  const std::string scheme = core::uri_scheme(uri);
  if (!scheme.empty() && !core::is_html_link_scheme(scheme)) return {};
  return uri;
}

// The array member `key`, or nullptr: a wrong type reads as absent.
const Json* array_member(const Json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_array() ? &*found : nullptr;
}

// An id: a string, as 1.1 requires, or a whole number, as some 1.0 feeds wrote it.
std::string id_of(const Json& item) {
  const auto found = item.find("id");
  if (found == item.end()) return {};
  if (found->is_number_unsigned()) return std::to_string(found->get<std::uint64_t>());
  if (found->is_number_integer()) return std::to_string(found->get<std::int64_t>());
  return string_or_empty(item, "id");
}

// 1.1's "authors", else 1.0's "author"; people without a name or url left out.
std::vector<Person> people_of(const Json& object, const std::string& base) {
  std::vector<Person> people;
  const auto add = [&](const Json& author) {
    if (!author.is_object()) return;
    Person person;
    person.name = string_or_empty(author, "name");
    if (auto url = string_member(author, "url")) person.href = link_of(base, *url);
    if (!person.empty()) people.push_back(std::move(person));
  };
  if (const Json* authors = array_member(object, "authors")) {
    for (const Json& author : *authors) add(author);
  } else if (const auto author = object.find("author"); author != object.end()) {
    add(*author);
  }
  return people;
}

void read_people(const Json& object, const std::string& base, Fields& fields) {
  fields.authors = people_of(object, base);
  if (fields.authors.empty()) return;
  fields.author_detail = fields.authors.front();
  fields.author = fields.authors.front().name;
}

void add_link(Fields& fields, std::string rel, std::string href, std::string type = {}) {
  if (href.empty()) return;
  Link link;
  link.rel = std::move(rel);
  link.href = std::move(href);
  link.type = std::move(type);
  fields.links.push_back(std::move(link));
}

Text plain(std::string value, const std::string& language) {
  Text text(std::move(value), "text/plain");
  text.language = language;
  return text;
}

ParsedEntry read_item(const Json& item, const std::string& base, const std::string& feed_language) {
  ParsedEntry entry;
  const std::string language = string_member(item, "language").value_or(feed_language);
  entry.language = language;
  entry.id = id_of(item);
  if (auto url = string_member(item, "url")) {
    entry.link = link_of(base, *url);
    add_link(entry, "alternate", entry.link, "text/html");
  }
  if (auto url = string_member(item, "external_url")) add_link(entry, "related", link_of(base, *url));
  if (auto title = string_member(item, "title")) entry.title = plain(std::move(*title), language);
  if (auto html = string_member(item, "content_html")) {
    Text content(markup::clean_html(*html, base), "text/html");
    content.language = language;
    content.base = base;
    entry.content.push_back(std::move(content));
  }
  if (auto text = string_member(item, "content_text")) entry.content.push_back(plain(std::move(*text), language));
  if (auto summary = string_member(item, "summary")) entry.summary = plain(std::move(*summary), language);
  if (auto date = string_member(item, "date_published")) entry.published = read_date(*date);
  if (auto date = string_member(item, "date_modified")) entry.updated = read_date(*date);
  read_people(item, base, entry);
  if (const Json* tags = array_member(item, "tags")) {
    for (const Json& tag : *tags) {
      if (tag.is_string() && !tag.get_ref<const std::string&>().empty()) entry.tags.push_back({tag.get<std::string>(), {}, {}});
    }
  }
  if (const Json* attachments = array_member(item, "attachments")) {
    for (const Json& attachment : *attachments) {
      if (!attachment.is_object()) continue;
      const std::string href = link_of(base, string_or_empty(attachment, "url"));
      if (href.empty()) continue;
      Link link;
      link.rel = "enclosure";
      link.href = href;
      link.type = string_or_empty(attachment, "mime_type");
      link.title = string_or_empty(attachment, "title");
      if (const auto size = attachment.find("size_in_bytes"); size != attachment.end() && size->is_number_unsigned()) {
        link.length = std::to_string(size->get<std::uint64_t>());
      }
      entry.links.push_back(std::move(link));
    }
  }
  return entry;
}

// feedparser's ids: "json1" for version 1, "json11" for 1.1, "json" for a
// later one we read as 1.1. Both http and https prefixes occur in the wild.
std::optional<std::string> version_id(const Json& document) {
  const std::optional<std::string> version = string_member(document, "version");
  if (!version) return std::nullopt;
  for (std::string_view prefix : {"https://jsonfeed.org/version/", "http://jsonfeed.org/version/"}) {
    if (!version->starts_with(prefix)) continue;
    const std::string_view number = std::string_view(*version).substr(prefix.size());
    if (number == "1" || number == "1/") return "json1";
    if (number == "1.1" || number == "1.1/") return "json11";
    return "json";
  }
  return std::nullopt;
}

Error not_a_feed(std::string message) {
  return Error{Errc::kUnparseableFeed, "not a feed: " + std::move(message), std::nullopt};
}

}  // namespace

Result<ParsedFeed> read_json_feed(std::string_view text, const std::string& base_url,
                                  const std::string& language, const EntrySink& on_entry) {
  if (const auto at = core::json_too_deep_at(text)) {
    return unexpected(not_a_feed("JSON nests arrays and objects more than " + std::to_string(core::kMaxJsonNesting) +
                                 " deep (at byte " + std::to_string(*at) + ")"));
  }
  Json document;
  try {
    document = Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& error) {
    return unexpected(not_a_feed("JSON syntax error at byte " + std::to_string(error.byte)));
  } catch (const Json::exception&) {
    // Well-formed but not representable, such as the number 1e400.
    return unexpected(not_a_feed("JSON that cannot be read (a number out of range)"));
  }
  const std::optional<std::string> version = version_id(document);
  if (!document.is_object() || !version) {
    return unexpected(not_a_feed("JSON without a JSON Feed \"version\" (https://jsonfeed.org/version/1.1)"));
  }
  ParsedFeed feed;
  feed.version = *version;
  feed.language = string_member(document, "language").value_or(language);
  const std::string& base = base_url;
  if (auto title = string_member(document, "title")) feed.title = plain(std::move(*title), feed.language);
  if (auto description = string_member(document, "description")) {
    feed.subtitle = plain(std::move(*description), feed.language);
  }
  if (auto home = string_member(document, "home_page_url")) {
    feed.link = link_of(base, *home);
    add_link(feed, "alternate", feed.link, "text/html");
  }
  if (auto self = string_member(document, "feed_url")) add_link(feed, "self", link_of(base, *self));
  if (auto icon = string_member(document, "icon")) feed.icon = link_of(base, *icon);
  read_people(document, base, feed);

  const Json* items = array_member(document, "items");
  if (!items) {
    feed.bozo = true;
    feed.bozo_reason = "a JSON Feed without an \"items\" array";
    return feed;
  }
  std::size_t skipped = 0;
  for (const Json& item : *items) {
    if (!item.is_object()) {
      ++skipped;
      continue;
    }
    ParsedEntry entry = read_item(item, base, feed.language);
    if (on_entry) on_entry(std::move(entry));
    else feed.entries.push_back(std::move(entry));
  }
  if (skipped > 0) {
    feed.bozo = true;
    feed.bozo_reason = std::to_string(skipped) + " of the \"items\" are not objects and are not read";
  }
  return feed;
}

}  // namespace omvarld::feeds
