// [source.json]: the request and the item paths of a kind = "json" source.
// Paths, placeholders, header names and the since format are all checked
// here, at load time, so a typo is a config error at its FILE:LINE:COL
// rather than a failing source at 3 a.m.
//
// "Changed since" has three spellings, all filled from the last successful
// poll (sources/json_items.h says with what before the first one):
//   since_param = "changedSince"  a query parameter of a GET (or of a POST
//                                 with a raw body), a form field of a POST
//                                 with [source.json.form];
//   "{since}" in the url          the path form, as Vinnova's
//                                 /api/utlysningar/{since};
//   "{since}" in body or a form value.
// All are written by since_format (strftime conversions, UTC).

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "config/readers.h"
#include "core/json_path.h"
#include "core/translate.h"
#include "core/utf8.h"

namespace omvarld::config {

namespace {

constexpr std::array<std::string_view, 15> kJsonKeys = {
    "method",  "body",          "content_type", "items", "id",          "title",
    "link",    "link_template", "summary",      "date",  "deadline",    "since_param",
    "since_format", "headers",  "form"};
constexpr std::array<std::string_view, 2> kMethods = {"GET", "POST"};
constexpr std::string_view kSince = "{since}";

// Where byte `offset` of a string value is (columns count characters): exact for a one-line
// string without escapes, which is how paths are written; else the value.
FilePos position_in(const Located<std::string>& value, std::size_t offset) {
  FilePos at = value.where;
  if (value.value.find_first_of("\\\"\n") == std::string::npos && offset <= value.value.size()) {
    const std::string_view before = std::string_view(value.value).substr(0, offset);
    at.column += 1 + static_cast<int>(core::count_code_points(before));
  }
  return at;
}

void check_path(TableReader& table, std::string_view key, const Located<std::string>& value) {
  auto parsed = core::parse_json_path(value.value);
  if (parsed) return;
  table.error(core::trf("{0}: \"{1}\" is not a path such as \"metadata.title[0]\": {2}",
                        {key, value.value, parsed.error().message}),
              position_in(value, parsed.error().offset));
}

// "https://…/{id}" or "https://…/{metadata.identifier}": every placeholder
// is `id` (the item's id) or a path into the item.
void check_link_template(TableReader& table, const Located<std::string>& value, bool has_id) {
  const std::string& text = value.value;
  bool any = false;
  for (std::size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
    const std::size_t close = text.find('}', open);
    if (close == std::string::npos) {
      table.error(std::string(core::tr("link_template: \"{\" is not closed by \"}\"")), position_in(value, open));
      return;
    }
    any = true;
    const std::string inner = text.substr(open + 1, close - open - 1);
    if (inner == "id") {
      if (!has_id) {
        table.error(std::string(core::tr("link_template: {id} needs an id path in [source.json]")),
                    position_in(value, open));
      }
    } else if (inner.empty() || !core::parse_json_path(inner)) {
      table.error(core::trf("link_template: \"{0}\" is neither {id} nor a path into the item", {"{" + inner + "}"}),
                  position_in(value, open));
    }
    open = close;
  }
  if (!any) {
    table.error(core::trf("link_template: \"{0}\" has no placeholder such as {id}: every item would get the same link",
                          {text}),
                value.where);
  }
}

// strftime conversions that need no locale and no local time zone.
void check_since_format(TableReader& table, const Located<std::string>& format) {
  constexpr std::string_view kConversions = "YmdHMSFTyjzZ%";
  const std::string& text = format.value;
  bool any = false;
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (text[at] != '%') continue;
    if (at + 1 == text.size() || kConversions.find(text[at + 1]) == std::string_view::npos) {
      table.error(core::trf("since_format: unknown conversion \"{0}\"; use %Y %m %d %H %M %S %F %T %y %j %z %Z (UTC) and %%",
                            {text.substr(at, 2)}),
                  position_in(format, at));
      return;
    }
    any = any || text[at + 1] != '%';
    ++at;
  }
  if (!any) {
    table.error(core::trf("since_format: \"{0}\" has no conversion such as %Y-%m-%d", {text}), format.where);
  }
}

bool is_token_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// [source.json.headers]: names as HTTP allows them (RFC 9110 tokens), values
// on one line, so no header can smuggle in another.
void read_headers(TableReader& json_table, JsonProfile& profile) {
  auto table = json_table.table("headers", "[source.json.headers]");
  if (!table) return;
  for (auto& [name, value] : table->string_pairs()) {
    const FilePos at = table->position(name).value_or(table->where());
    bool token = !name.empty();
    for (char c : name) token = token && is_token_char(c);
    if (!token) {
      table->error(core::trf("headers: \"{0}\" is not a header name", {name}), at);
      continue;
    }
    if (value.find_first_of("\r\n") != std::string::npos) {
      table->error(core::trf("headers: the value of {0} must be on one line", {name}), at);
      continue;
    }
    profile.headers.emplace_back(name, value);
  }
}

void read_form(TableReader& json_table, JsonProfile& profile) {
  auto table = json_table.table("form", "[source.json.form]");
  if (!table) return;
  profile.form = table->string_pairs();
  if (profile.form.empty()) {
    table->error(std::string(core::tr("form: a [source.json.form] table needs at least one field")), table->where());
  }
}

// The request side: method, body or form, and where "changed since" goes.
void read_request(TableReader& table, SourceDraft& source, JsonProfile& profile) {
  if (auto method = table.choice("method", kMethods)) {
    profile.method = std::string(kMethods[method->value]);
  }
  const bool post = profile.method == "POST";
  auto body = table.string("body");
  if (body) profile.body = body->value;
  if (auto content_type = table.string("content_type")) {
    if (content_type->value.empty() || content_type->value.find_first_of("\r\n") != std::string::npos) {
      table.error(std::string(core::tr("content_type: expected a media type such as \"application/json\"")),
                  content_type->where);
    }
    profile.content_type = content_type->value;
    if (!body) {
      table.error(std::string(core::tr("content_type: there is no body for it to describe")), content_type->where);
    }
  }
  if (body && profile.content_type.empty()) profile.content_type = "application/json";
  if (table.has("headers")) read_headers(table, profile);
  if (table.has("form")) read_form(table, profile);

  if (!post) {
    if (body) {
      table.error(std::string(core::tr("body: a GET request has no body; set method = \"POST\"")), body->where);
    }
    if (table.has("form")) {
      table.error(std::string(core::tr("form: a GET request has no form; set method = \"POST\"")),
                  *table.position("form"));
    }
  } else if (body && table.has("form")) {
    table.error(std::string(core::tr("body: a POST sends either body or [source.json.form], not both")), body->where);
  }

  if (auto since_param = table.string("since_param")) {
    if (since_param->value.empty() ||
        since_param->value.find_first_of(" &=#?\r\n") != std::string::npos) {
      table.error(core::trf("since_param: expected a parameter name such as \"changedSince\", got \"{0}\"",
                            {since_param->value}),
                  since_param->where);
    }
    profile.since_param = since_param->value;
  }
  if (auto since_format = table.string("since_format")) {
    check_since_format(table, *since_format);
    profile.since_format = since_format->value;
  }
  if (source.file_url_at && source.config.url.find(kSince) != std::string::npos) {
    // A file does not answer "what changed": the demo reads a saved answer.
    table.error(std::string(core::tr("url: {since} is only filled in http:// and https:// URLs")), *source.file_url_at);
  }
}

// The answer side: where the items are and each field within one.
void read_paths(TableReader& table, JsonProfile& profile) {
  const auto read_path = [&table](std::string_view key, bool required, std::string& into) {
    auto value = required ? table.required_string(key) : table.string(key);
    if (!value) return;
    check_path(table, key, *value);
    into = value->value;
  };
  read_path("items", false, profile.items);
  read_path("id", false, profile.id);
  read_path("title", true, profile.title);
  read_path("link", false, profile.link);
  read_path("summary", false, profile.summary);
  read_path("date", false, profile.date);
  read_path("deadline", false, profile.deadline);
  if (auto link_template = table.string("link_template")) {
    check_link_template(table, *link_template, !profile.id.empty());
    profile.link_template = link_template->value;
  }
}

}  // namespace

void read_json_profile(TableReader& source_table, SourceDraft& source) {
  auto table = kind_table(source_table, source.config.kind == SourceKind::kJson, "json",
                          core::tr("with at least title"), kJsonKeys);
  if (!table) return;
  JsonProfile& profile = source.config.json;
  read_request(*table, source, profile);
  read_paths(*table, profile);
}

}  // namespace omvarld::config
