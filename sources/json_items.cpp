#include "sources/json_items.h"

#include <time.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/ascii.h"
#include "core/failure_kind.h"
#include "core/fnv1a.h"
#include "core/json_nesting.h"
#include "core/json_path.h"
#include "core/uri_scheme.h"
#include "markup/html_text.h"
#include "markup/url.h"
#include "sources/deadlines.h"
#include "sources/json_path.h"
#include "sources/web_link.h"

namespace omvarld::sources {

namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr std::string_view kSince = "{since}";

SourceFailure json_failure(std::string message) { return {core::FailureKind::kJson, std::move(message)}; }

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

void replace_all(std::string& text, std::string_view what, std::string_view with) {
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + with.size())) {
    text.replace(at, what.size(), with);
  }
}

// RFC 3986 unreserved characters stay; everything else is %XX.
std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (unsigned char c : text) {
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 0xF];
    }
  }
  return encoded;
}

// `time` by a strftime format, in UTC (config/read_json_profile.cpp allows
// only conversions that need no locale).
std::string format_utc(core::TimePoint time, const std::string& format) {
  const time_t seconds = static_cast<time_t>(time.time_since_epoch().count());
  tm parts{};
  gmtime_r(&seconds, &parts);
  std::array<char, 256> buffer{};
  const std::size_t length = std::strftime(buffer.data(), buffer.size(), format.c_str(), &parts);
  return std::string(buffer.data(), length);
}

// A form value that is a JSON object or array is sent as such: the Funding
// & Tenders API reads its query, languages and sort parts that way.
std::string form_part_type(const std::string& value) {
  const std::size_t start = value.find_first_not_of(" \t\r\n");
  if (start == std::string::npos || (value[start] != '{' && value[start] != '[')) return {};
  return json::accept(value) ? "application/json" : "";
}

// FNV-1a, 64 bits: a short, stable key from text (not a security hash).
std::string hash_key(std::string_view prefix, std::string_view text) {
  return std::string(prefix) + core::hex16(core::fnv1a_64(text));
}

// The profile's paths, parsed. Config loading checked them
// (config/read_json_profile.cpp); a profile built in code may still hold a
// bad one.
struct Paths {
  core::JsonPath items, id, title, link, summary, date, deadline;
};

Result<Paths, SourceFailure> parse_paths(const config::JsonProfile& profile) {
  Paths paths;
  const std::pair<const char*, std::pair<const std::string*, core::JsonPath*>> fields[] = {
      {"items", {&profile.items, &paths.items}},       {"id", {&profile.id, &paths.id}},
      {"title", {&profile.title, &paths.title}},       {"link", {&profile.link, &paths.link}},
      {"summary", {&profile.summary, &paths.summary}}, {"date", {&profile.date, &paths.date}},
      {"deadline", {&profile.deadline, &paths.deadline}}};
  for (const auto& [key, field] : fields) {
    auto parsed = core::parse_json_path(*field.first);
    if (!parsed) {
      return tl::unexpected(json_failure(std::string(key) + " " + in_quotes(*field.first) +
                                         " is not a path: " + parsed.error().message));
    }
    *field.second = std::move(*parsed);
  }
  if (profile.title.empty()) return tl::unexpected(json_failure("the profile needs a title path"));
  return paths;
}

// "the answer is not JSON": with where it broke, and what it looked like.
SourceFailure not_json(std::string_view document, const json::parse_error& error) {
  const std::size_t start = document.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return json_failure("the answer is empty, not JSON");
  std::string message = "the answer is not JSON: syntax error at byte " + std::to_string(error.byte);
  if (document[start] == '<') message += " (it looks like HTML or XML)";
  return json_failure(std::move(message));
}

// "the answer is not JSON we can read: number overflow parsing '1e400'":
// nlohmann's reason without its "[json.exception.…]" prefix.
SourceFailure not_readable(const json::exception& error) {
  std::string_view reason = error.what();
  if (const std::size_t end = reason.find("] "); reason.starts_with("[json.") && end != std::string_view::npos) {
    reason.remove_prefix(end + 2);
  }
  return json_failure("the answer is not JSON we can read: " + std::string(reason));
}

std::string describe(const json& value) {
  if (value.is_object()) return "an object";
  if (value.is_string()) return "a string";
  if (value.is_number()) return "a number";
  if (value.is_boolean()) return "a boolean";
  return "null";
}

// The members of an object that are arrays: where the list probably is.
std::string arrays_in(const json& value) {
  if (!value.is_object()) return {};
  std::string names;
  for (const auto& [name, member] : value.items()) {
    if (member.is_array()) names += (names.empty() ? "" : ", ") + name;
  }
  return names.empty() ? "" : " (arrays in it: " + names + ")";
}

Result<const json*, SourceFailure> item_list(const json& answer, const config::JsonProfile& profile,
                                             const core::JsonPath& path) {
  const json* list = follow(answer, path);
  if (list != nullptr && list->is_array()) return list;
  if (profile.items.empty()) {
    return tl::unexpected(json_failure("the answer is " + describe(answer) +
                                       ", not an array: set items to the path of the list" +
                                       arrays_in(answer)));
  }
  if (list == nullptr) {
    return tl::unexpected(json_failure("items " + in_quotes(profile.items) +
                                       " found nothing in the answer" + arrays_in(answer) +
                                       " — has the API changed?"));
  }
  return tl::unexpected(json_failure("items " + in_quotes(profile.items) + " is " + describe(*list) +
                                     ", not an array" + arrays_in(*list)));
}

// Plain text: APIs put markup and entities in titles and summaries too.
std::optional<std::string> plain_text(const json& element, const core::JsonPath& path) {
  auto text = text_of(follow(element, path));
  if (!text) return std::nullopt;
  std::string plain = markup::html_to_text(*text);
  if (plain.empty()) return std::nullopt;
  return plain;
}

// link_template with each {placeholder} filled: {id} by the item's id,
// any other by the path it names, percent-encoded; "" when one is missing.
std::string fill_link_template(const std::string& link_template, const json& element,
                               const std::optional<std::string>& id) {
  std::string link;
  std::size_t at = 0;
  while (at < link_template.size()) {
    const std::size_t open = link_template.find('{', at);
    const std::size_t close = open == std::string::npos ? open : link_template.find('}', open);
    if (close == std::string::npos) {
      link += link_template.substr(at);
      break;
    }
    link += link_template.substr(at, open - at);
    const std::string name = link_template.substr(open + 1, close - open - 1);
    std::optional<std::string> value;
    if (name == "id") {
      value = id;
    } else if (auto path = core::parse_json_path(name)) {
      value = text_of(follow(element, *path));
    }
    if (!value) return {};
    link += percent_encode(*value);
    at = close + 1;
  }
  return link;
}

std::string key_of(const core::Item& item, const std::optional<std::string>& id,
                   config::Identity identity) {
  const std::string dated =
      item.title + "\n" + (item.published ? std::to_string(item.published->time_since_epoch().count()) : "");
  switch (identity) {
    case config::Identity::kContent: return hash_key("content:", item.title + "\n" + item.summary);
    case config::Identity::kLink:
      if (!item.canonical_link.empty()) return item.canonical_link;
      break;
    case config::Identity::kId: break;
  }
  if (id) return *id;
  if (!item.canonical_link.empty()) return item.canonical_link;
  return hash_key("fnv1a64:", dated);
}

}  // namespace

std::string since_value(const config::SourceConfig& source, const FetchContext& context,
                        core::TimePoint now) {
  const core::TimePoint since =
      context.last_success ? *context.last_success - kSinceOverlap : now - kFirstPollReach;
  return format_utc(since, source.json.since_format);
}

net::FetchRequest json_request(const config::SourceConfig& source, const FetchContext& context,
                               core::TimePoint now) {
  const config::JsonProfile& profile = source.json;
  net::FetchRequest request;
  request.key = source.id;
  request.method = profile.method;
  const std::string since = since_value(source, context, now);
  // A filled url is a new url at each poll: a redirect of one says nothing
  // about the next, so the configured one is always the start.
  const bool templated = source.url.find(kSince) != std::string::npos;
  request.url = templated ? source.url : context.url;
  replace_all(request.url, kSince, percent_encode(since));
  const bool http = core::is_web_url(request.url);
  const bool post = profile.method == "POST";
  // A since_param waits for a first success; a file:// url takes none.
  const bool send_param = !profile.since_param.empty() && context.last_success && http;
  const bool as_form_field = post && !profile.form.empty();
  if (send_param && !as_form_field) {
    request.url += (request.url.find('?') == std::string::npos ? "?" : "&") +
                   percent_encode(profile.since_param) + "=" + percent_encode(since);
  }
  if (!post) {
    request.etag = context.etag;
    request.last_modified = context.last_modified;
  }

  const auto configured = [&profile](std::string_view name) {
    return std::any_of(profile.headers.begin(), profile.headers.end(), [name](const auto& header) {
      return core::equals_ascii_nocase(header.first, name);
    });
  };
  if (!configured("accept")) request.headers.push_back("Accept: application/json");
  for (const auto& [name, value] : profile.headers) request.headers.push_back(name + ": " + value);

  if (post) {
    request.body = profile.body;
    replace_all(request.body, kSince, since);
    request.body_type = profile.content_type;
    for (auto [name, value] : profile.form) {
      replace_all(value, kSince, since);
      request.form_types.push_back(form_part_type(value));
      request.form.emplace_back(std::move(name), std::move(value));
    }
    if (send_param && as_form_field) {
      request.form.emplace_back(profile.since_param, since);
      request.form_types.emplace_back();
    }
  }
  return request;
}

net::FetchRequest json_request(const config::SourceConfig& source, const FetchContext& context) {
  return json_request(source, context,
                      std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

Result<std::vector<core::Item>, SourceFailure> json_items(const config::SourceConfig& source,
                                                          std::string_view document,
                                                          std::string_view document_url) {
  const config::JsonProfile& profile = source.json;
  auto paths = parse_paths(profile);
  if (!paths) return tl::unexpected(paths.error());
  if (auto at = core::json_too_deep_at(document)) {
    return tl::unexpected(json_failure("the answer nests arrays and objects more than " +
                                       std::to_string(core::kMaxJsonNesting) + " deep (at byte " +
                                       std::to_string(*at) + ")"));
  }
  json answer;
  try {
    answer = json::parse(document);
  } catch (const json::parse_error& error) {
    return tl::unexpected(not_json(document, error));
  } catch (const json::exception& error) {
    // Well-formed but not representable: a number such as 1e400 (out_of_range.406).
    return tl::unexpected(not_readable(error));
  }
  auto list = item_list(answer, profile, paths->items);
  if (!list) return tl::unexpected(list.error());

  std::vector<core::Item> items;
  std::set<std::string> keys;
  std::size_t untitled = 0;
  std::size_t first_untitled = 0;
  std::size_t index = 0;
  for (const json& element : **list) {
    ++index;
    auto title = plain_text(element, paths->title);
    if (!title) {
      if (untitled++ == 0) first_untitled = index;
      continue;
    }
    const std::optional<std::string> id =
        profile.id.empty() ? std::nullopt : text_of(follow(element, paths->id));
    core::Item item;
    item.source = source.id;
    item.title = std::move(*title);
    if (!profile.link.empty()) {
      // Not mailto:, javascript: or "#" (web_link.h): then the template's.
      if (auto link = text_of(follow(element, paths->link))) item.link = web_link(document_url, *link);
    }
    if (item.link.empty() && !profile.link_template.empty()) {
      item.link = fill_link_template(profile.link_template, element, id);
    }
    item.canonical_link = markup::canonical_url(item.link);
    if (!profile.summary.empty()) item.summary = plain_text(element, paths->summary).value_or("");
    if (!profile.date.empty()) item.published = time_of(follow(element, paths->date));
    if (!profile.deadline.empty()) {
      const json* deadline = follow(element, paths->deadline);
      item.deadline = date_of(deadline);
      // "Sista ansökningsdag 15 mars": a field in words.
      if (!item.deadline) {
        if (auto text = text_of(deadline)) item.deadline = find_deadline(*text, item.published);
      }
    }
    item.key = key_of(item, id, source.identity);
    if (!keys.insert(item.key).second) continue;  // an API that lists one item twice
    items.push_back(std::move(item));
  }
  if (untitled > 0) {
    return tl::unexpected(json_failure(
        "title " + in_quotes(profile.title) + " found nothing in " + std::to_string(untitled) + " of " +
        std::to_string((*list)->size()) + " items (the first is item " +
        std::to_string(first_untitled) + ") — has the API changed?"));
  }
  return items;
}

}  // namespace omvarld::sources
