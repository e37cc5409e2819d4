// The [[source]], [[topic]] and [[namnd]] tables: each is checked on its own
// here and appended to the Draft; ids, references and URL permissions are
// checked across files later, in validate.cpp.

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "config/checks.h"
#include "config/readers.h"
#include "core/translate.h"

namespace omvarld::config {

namespace {

constexpr std::array<std::string_view, 10> kSourceKeys = {
    "id", "name", "url", "interval", "tags", "kind", "identity", "html", "json", "imap"};
constexpr std::array<std::string_view, 4> kTopicKeys = {"id", "name", "any", "none"};
constexpr std::array<std::string_view, 10> kNamndKeys = {
    "id", "name", "recipients", "schedule", "sources", "topics", "any", "none", "query",
    "send_empty"};
constexpr std::array<std::string_view, 4> kKinds = {"feed", "html", "json", "imap"};
constexpr std::array<std::string_view, 3> kIdentities = {"id", "link", "content"};
constexpr std::string_view kDefaultSchedule = "mon 07:00";

// Functions, not constants, so that xgettext finds the words in tr().
std::string_view simple_id_form() {
  return core::tr("use lower-case letters, digits, \".\", \"_\" and \"-\", starting with a letter or digit");
}
std::string_view namnd_id_form() { return core::tr("expected \"kommun/nämnd\", such as \"linkoping/utbildning\""); }

std::optional<Located<std::string>> simple_id(TableReader& table, std::string_view what) {
  auto id = table.required_string("id");
  if (!id) return std::nullopt;
  if (!is_simple_id(id->value)) {
    table.error("id: " + explain_bad_id(id->value, what, simple_id_form(), is_simple_id),
                id->where);
  }
  return id;
}

std::vector<filters::Term> terms(const std::optional<std::vector<Located<std::string>>>& values) {
  std::vector<filters::Term> result;
  if (values) {
    for (const Located<std::string>& value : *values) result.push_back({value.value, value.where});
  }
  return result;
}

std::vector<std::string> plain(const std::vector<Located<std::string>>& values) {
  std::vector<std::string> result;
  for (const Located<std::string>& value : values) result.push_back(value.value);
  return result;
}

void read_url(TableReader& table, SourceDraft& source) {
  auto url = table.required_string("url");
  if (!url) return;
  switch (url_form(url->value)) {
    case UrlForm::kHttp:
      source.config.url = url->value;
      return;
    case UrlForm::kFile:
      source.config.url = url->value;
      source.file_url_at = url->where;
      return;
    case UrlForm::kRelative:
      if (!url->value.empty()) {
        // A path, relative to the file that names it: the examples and tests
        // ship their feeds next to their configuration.
        source.config.url = file_url(resolve_path(table.file().dir, url->value));
        source.file_url_at = url->where;
        return;
      }
      break;
    case UrlForm::kOtherScheme:
      if (is_imap_url(url->value)) {  // checked against the kind in read_imap_settings
        source.config.url = url->value;
        return;
      }
      break;
  }
  table.error(core::trf("url: expected an http://, https:// or file:// URL, got \"{0}\"", {url->value}),
              url->where);
}

void read_recipients(TableReader& table, NamndConfig& config) {
  if (!table.has("recipients")) table.report_missing("recipients");
  auto recipients = table.strings("recipients");
  if (!recipients) return;
  for (const Located<std::string>& address : *recipients) {
    if (auto problem = address_problem("recipients", address.value)) table.error(std::move(*problem), address.where);
  }
  if (recipients->empty()) {
    table.error(std::string(core::tr("recipients: expected at least one address")), *table.position("recipients"));
  }
  config.recipients = plain(*recipients);
}

void read_schedule(TableReader& table, NamndConfig& config) {
  auto schedule = table.string("schedule");
  auto parsed = core::parse_schedule(schedule ? schedule->value : kDefaultSchedule);
  if (parsed) {
    config.schedule = *parsed;
  } else if (schedule) {
    table.error("schedule: " + parsed.error().message, schedule->where);
  }
}

}  // namespace

std::optional<TableReader> kind_table(TableReader& source_table, bool source_is_kind,
                                      std::string_view kind, std::string_view needs,
                                      std::span<const std::string_view> keys) {
  const std::string quoted_kind = "\"" + std::string(kind) + "\"";
  const std::string name = "[source." + std::string(kind) + "]";
  if (!source_table.has(kind)) {
    if (source_is_kind) {
      source_table.error(core::trf("kind = {0} needs a {1} table {2}", {quoted_kind, name, needs}),
                         source_table.position("kind").value_or(source_table.where()));
    }
    return std::nullopt;
  }
  if (!source_is_kind) {
    source_table.error(core::trf("{0} is only read for kind = {1}: set the kind or remove the table",
                                 {name, quoted_kind}),
                       *source_table.position(kind));
    return std::nullopt;
  }
  auto table = source_table.table(kind, name);
  if (table) table->reject_unknown_keys(keys);
  return table;
}

void read_source(TableReader& table, Draft& draft) {
  table.reject_unknown_keys(kSourceKeys);
  SourceDraft source;
  source.config.where = table.where();
  if (auto id = simple_id(table, core::tr("source id"))) {
    source.config.id = id->value;
    source.id_at = id->where;
  }
  auto name = table.string("name");
  source.config.name = name ? name->value : source.config.id;
  read_url(table, source);
  if (auto interval = table.duration("interval")) {
    source.config.interval = interval->value;
    source.interval_set = true;
  }
  if (auto tags = table.strings("tags")) {
    // Tags are written where source ids are (a nämnd's `sources`), so they
    // follow the same rule.
    for (const Located<std::string>& tag : *tags) {
      if (!is_simple_id(tag.value)) {
        table.error("tags: " + explain_bad_id(tag.value, core::tr("tag"), simple_id_form(), is_simple_id),
                    tag.where);
      }
    }
    source.config.tags = plain(*tags);
  }
  if (auto kind = table.choice("kind", kKinds)) {
    source.config.kind = static_cast<SourceKind>(kind->value);
  }
  if (auto identity = table.choice("identity", kIdentities)) {
    source.config.identity = static_cast<Identity>(identity->value);
  }
  read_html_profile(table, source);
  read_json_profile(table, source);
  read_imap_settings(table, source);
  draft.sources.push_back(std::move(source));
}

void read_topic(TableReader& table, Draft& draft) {
  table.reject_unknown_keys(kTopicKeys);
  TopicDraft topic;
  topic.config.where = table.where();
  if (auto id = simple_id(table, core::tr("topic id"))) {
    topic.config.id = id->value;
    topic.id_at = id->where;
  }
  auto name = table.string("name");
  topic.config.name = name ? name->value : topic.config.id;
  if (!table.has("any")) table.report_missing("any");
  auto any = table.strings("any");
  if (any && any->empty()) {
    table.error(std::string(core::tr("any: expected at least one term")), *table.position("any"));
  }
  topic.config.any = terms(any);
  topic.config.none = terms(table.strings("none"));
  draft.topics.push_back(std::move(topic));
}

void read_namnd(TableReader& table, Draft& draft) {
  table.reject_unknown_keys(kNamndKeys);
  NamndDraft namnd;
  NamndConfig& config = namnd.config;
  config.where = table.where();
  if (auto id = table.required_string("id")) {
    config.id = id->value;
    namnd.id_at = id->where;
    if (!is_namnd_id(id->value)) {
      table.error("id: " + explain_bad_id(id->value, core::tr("namnd id"), namnd_id_form(), is_namnd_id), id->where);
    }
  }
  if (auto name = table.required_string("name")) config.name = name->value;
  read_recipients(table, config);
  read_schedule(table, config);
  if (auto sources = table.strings("sources")) namnd.source_refs = std::move(*sources);
  auto topics = table.strings("topics");
  if (topics) namnd.topic_refs = *topics;
  auto any = table.strings("any");
  config.any = terms(any);
  config.none = terms(table.strings("none"));
  auto query = table.string("query");
  if (query) config.query = filters::Term{query->value, query->where};
  if (auto send_empty = table.boolean("send_empty")) config.send_empty = send_empty->value;

  // A value of the wrong type, or an empty query, is reported on its own:
  // one mistake, one message.
  const bool wrong_type = (table.has("any") && !any) || (table.has("query") && !query) ||
                          (table.has("topics") && !topics);
  if (config.any.empty() && !config.query && namnd.topic_refs.empty() && !wrong_type) {
    const std::string who = config.id.empty() ? "" : " \"" + config.id + "\"";
    table.error(core::trf("[[namnd]]{0} has no any, query or topics: it would never match", {who}), config.where);
  }
  draft.namnder.push_back(std::move(namnd));
}

}  // namespace omvarld::config
