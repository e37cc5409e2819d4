// The normalized document of shared/conformance/feedparser/README.md, for
// the fields ParsedFeed has. Keys without a value are left out, as the
// README asks ("null is treated as absent").

#include "feeds/feed_json.h"

#include <nlohmann/json.hpp>

#include "feeds/dates.h"

namespace omvarld::feeds {
namespace {

using Json = nlohmann::ordered_json;

void put(Json& object, const char* key, const std::string& value) {
  if (!value.empty()) object[key] = value;
}

void put_text(Json& object, const char* key, const Text& text) {
  if (text.empty()) return;
  object[key] = text.value;
  Json detail{{"type", text.type}};
  put(detail, "language", text.language);
  put(detail, "base", text.base);
  detail["value"] = text.value;
  object[std::string(key) + "_detail"] = std::move(detail);
}

Json value_json(const FeedValue& value) {
  switch (value.kind()) {
    case FeedValue::Kind::kNull: return nullptr;
    case FeedValue::Kind::kBool: return value.as_bool();
    case FeedValue::Kind::kInteger: return value.as_integer();
    case FeedValue::Kind::kNumber: return value.as_number();
    case FeedValue::Kind::kString: return value.as_string();
    case FeedValue::Kind::kArray: {
      Json array = Json::array();
      for (const FeedValue& item : value.items()) array.push_back(value_json(item));
      return array;
    }
    case FeedValue::Kind::kObject: {
      Json object = Json::object();
      for (const FeedValue::Member& member : value.members()) object[member.key] = value_json(member.value);
      return object;
    }
  }
  return nullptr;
}

// The extras go in last and never replace a key the typed fields wrote.
void put_extras(Json& object, const FeedValue& extras) {
  for (const FeedValue::Member& member : extras.members()) {
    if (!object.contains(member.key) && !member.value.is_null()) object[member.key] = value_json(member.value);
  }
}

void put_date(Json& object, const char* key, const Date& date) {
  if (date.value) object[key] = format_rfc3339(*date.value);
  put(object, (std::string(key) + "_raw").c_str(), date.raw);
}

void put_links(Json& object, const std::vector<Link>& links) {
  if (links.empty()) return;
  Json array = Json::array();
  for (const Link& link : links) {
    Json entry = Json::object();
    put(entry, "rel", link.rel);
    put(entry, "type", link.type);
    put(entry, "href", link.href);
    put(entry, "title", link.title);
    put(entry, "length", link.length);
    put(entry, "hreflang", link.hreflang);
    array.push_back(std::move(entry));
  }
  object["links"] = std::move(array);
}

Json entry_json(const ParsedEntry& entry) {
  Json object = Json::object();
  put(object, "id", entry.id);
  put_text(object, "title", entry.title);
  put(object, "link", entry.link);
  put_links(object, entry.links);
  put_text(object, "summary", entry.summary);
  if (!entry.content.empty()) {
    Json content = Json::array();
    for (const Text& text : entry.content) {
      content.push_back(Json{{"type", text.type}, {"value", text.value}});
    }
    object["content"] = std::move(content);
  }
  put_date(object, "published", entry.published);
  put_date(object, "updated", entry.updated);
  put(object, "author", entry.author);
  if (!entry.tags.empty()) {
    Json tags = Json::array();
    for (const std::string& term : entry.tags) tags.push_back(Json{{"term", term}});
    object["tags"] = std::move(tags);
  }
  put_extras(object, entry.extras);
  return object;
}

}  // namespace

std::string to_json(const ParsedFeed& feed) {
  Json document = Json::object();
  document["bozo"] = feed.bozo;
  put(document, "bozo_exception", feed.bozo_reason);
  put(document, "encoding", feed.encoding);
  put(document, "version", feed.version);
  put(document, "etag", feed.etag);
  put_date(document, "modified", feed.modified);

  Json channel = Json::object();
  put_text(channel, "title", feed.title);
  put(channel, "link", feed.link);
  put_links(channel, feed.links);
  put_text(channel, "subtitle", feed.subtitle);
  put(channel, "language", feed.language);
  put(channel, "id", feed.id);
  put_date(channel, "updated", feed.updated);
  put_extras(channel, feed.extras);
  document["feed"] = std::move(channel);

  Json entries = Json::array();
  for (const ParsedEntry& entry : feed.entries) entries.push_back(entry_json(entry));
  document["entries"] = std::move(entries);
  // Text decoded from a broken document may still hold invalid UTF-8 (a
  // numeric reference to a surrogate); replace it rather than throw.
  return document.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace omvarld::feeds
