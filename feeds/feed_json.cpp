// The normalized document of tests/conformance/feedparser/README.md, for
// the fields ParsedFeed has. Keys without a value are left out, as the
// README asks ("null is treated as absent").

#include "feeds/feed_json.h"

#include <string>
#include <unordered_map>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/dates.h"

namespace omvarld::feeds {
namespace {

using Json = nlohmann::ordered_json;

// Members set in an ordered_json object by key. ordered_json's own
// operator[] and contains() search the members one by one, so an entry
// with thousands of unknown elements (its extras), or an element with
// thousands of attributes, cost the square of their number. Each key is
// set once; setting it again replaces the value in its place, as
// operator[] does. `object` must be an object and outlive this.
class Members {
 public:
  // The members as the vector they are: ordered_map's own operator[] and
  // emplace search by key.
  using List = Json::object_t::Container;

  explicit Members(Json& object) : members_(static_cast<List&>(object.get_ref<Json::object_t&>())) {
    for (std::size_t i = 0; i < members_.size(); ++i) index_.emplace(members_[i].first, i);
  }

  bool contains(const std::string& key) const { return index_.contains(key); }

  void set(const std::string& key, Json value) {
    const auto [at, added] = index_.try_emplace(key, members_.size());
    if (!added) {
      members_[at->second].second = std::move(value);
      return;
    }
    members_.emplace_back(key, std::move(value));  // the key is known to be new
  }

 private:
  List& members_;
  std::unordered_map<std::string, std::size_t> index_;
};

void put(Json& object, const char* key, const std::string& value) {
  if (!value.empty()) object[key] = value;
}

Json text_detail(const Text& text);

void put_text(Json& object, const char* key, const Text& text) {
  if (text.empty()) return;
  object[key] = text.value;
  object[std::string(key) + "_detail"] = text_detail(text);
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
      Members members(object);
      for (const FeedValue::Member& member : value.members()) members.set(member.key, value_json(member.value));
      return object;
    }
  }
  return nullptr;
}

// The extras go in last and never replace a key the typed fields wrote.
void put_extras(Json& object, const FeedValue& extras) {
  Members members(object);
  for (const FeedValue::Member& member : extras.members()) {
    if (!members.contains(member.key) && !member.value.is_null()) members.set(member.key, value_json(member.value));
  }
}

void put_date(Json& object, const char* key, const Date& date) {
  if (date.value) object[key] = core::format_rfc3339(*date.value);
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

Json text_detail(const Text& text) {
  Json detail{{"type", text.type}};
  put(detail, "language", text.language);
  put(detail, "base", text.base);
  detail["value"] = text.value;
  put(detail, "src", text.src);
  return detail;
}

Json person_json(const Person& person) {
  Json object = Json::object();
  put(object, "name", person.name);
  put(object, "email", person.email);
  put(object, "href", person.href);
  return object;
}

void put_people(Json& object, const char* key, const std::vector<Person>& people) {
  if (people.empty()) return;
  Json array = Json::array();
  for (const Person& person : people) array.push_back(person_json(person));
  object[key] = std::move(array);
}

// The keys feed, entries, source, image and textinput share, in the order
// feedparser's documentation lists them; the derived enclosures and license
// follow the links.
void put_fields(Json& object, const Fields& fields) {
  put(object, "id", fields.id);
  if (fields.guidislink) object["guidislink"] = *fields.guidislink;
  put_text(object, "title", fields.title);
  put(object, "link", fields.link);
  put_links(object, fields.links);
  Json enclosures = Json::array();
  for (const Link& link : fields.links) {
    if (link.rel == "license" && !link.href.empty() && !object.contains("license")) object["license"] = link.href;
    if (link.rel != "enclosure") continue;
    Json enclosure = Json::object();
    put(enclosure, "href", link.href);
    put(enclosure, "type", link.type);
    put(enclosure, "length", link.length);
    put(enclosure, "title", link.title);
    put(enclosure, "hreflang", link.hreflang);
    enclosures.push_back(std::move(enclosure));
  }
  if (!enclosures.empty()) object["enclosures"] = std::move(enclosures);
  put_text(object, "subtitle", fields.subtitle);
  put_text(object, "summary", fields.summary);
  if (!fields.content.empty()) {
    Json content = Json::array();
    for (const Text& text : fields.content) content.push_back(text_detail(text));
    object["content"] = std::move(content);
  }
  put_text(object, "rights", fields.rights);
  put_text(object, "info", fields.info);
  put_date(object, "published", fields.published);
  put_date(object, "updated", fields.updated);
  put_date(object, "created", fields.created);
  put_date(object, "expired", fields.expired);
  put_date(object, "validity_start", fields.validity_start);
  put_date(object, "validity_end", fields.validity_end);
  put(object, "author", fields.author);
  if (fields.author_detail) object["author_detail"] = person_json(*fields.author_detail);
  put_people(object, "authors", fields.authors);
  put_people(object, "contributors", fields.contributors);
  put(object, "publisher", fields.publisher);
  if (fields.publisher_detail) object["publisher_detail"] = person_json(*fields.publisher_detail);
  put(object, "generator", fields.generator);
  if (fields.generator_detail) {
    Json detail = Json::object();
    put(detail, "name", fields.generator_detail->name);
    put(detail, "href", fields.generator_detail->href);
    put(detail, "version", fields.generator_detail->version);
    object["generator_detail"] = std::move(detail);
  }
  if (!fields.tags.empty()) {
    Json tags = Json::array();
    for (const Tag& tag : fields.tags) {
      Json entry{{"term", tag.term.empty() ? Json() : Json(tag.term)}};
      entry["scheme"] = tag.scheme.empty() ? Json() : Json(tag.scheme);
      entry["label"] = tag.label.empty() ? Json() : Json(tag.label);
      tags.push_back(std::move(entry));
    }
    object["tags"] = std::move(tags);
  }
  put(object, "language", fields.language);
  put(object, "docs", fields.docs);
  put(object, "ttl", fields.ttl);
  put(object, "icon", fields.icon);
  put(object, "logo", fields.logo);
  put(object, "comments", fields.comments);
  put(object, "href", fields.href);
  put(object, "name", fields.name);
  if (fields.width) object["width"] = *fields.width;
  if (fields.height) object["height"] = *fields.height;
  if (!fields.cloud.empty()) {
    Json cloud = Json::object();
    Members members(cloud);
    for (const auto& [key, value] : fields.cloud) {
      if (!key.empty()) members.set(key, value);
    }
    object["cloud"] = std::move(cloud);
  }
  auto nested = [&](const char* key, const std::vector<Fields>& one) {
    if (one.empty()) return;
    Json inner = Json::object();
    put_fields(inner, one.front());
    object[key] = std::move(inner);
  };
  nested("image", fields.image);
  nested("textinput", fields.textinput);
  nested("source", fields.source);
  put_extras(object, fields.extras);
}

Json entry_json(const ParsedEntry& entry) {
  Json object = Json::object();
  put_fields(object, entry);
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
  put_fields(channel, feed);
  document["feed"] = std::move(channel);

  Json entries = Json::array();
  for (const ParsedEntry& entry : feed.entries) entries.push_back(entry_json(entry));
  document["entries"] = std::move(entries);
  // Text decoded from a broken document may still hold invalid UTF-8 (a
  // numeric reference to a surrogate); replace it rather than throw.
  return document.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace omvarld::feeds
