// The [daemon] and [mail] tables. A later file overrides only the keys it
// sets, as systemd drop-ins do, so each key is applied as it is read.

#include <array>
#include <string_view>
#include <utility>

#include "config/checks.h"
#include "config/language.h"
#include "config/readers.h"
#include "core/translate.h"

namespace omvarld::config {

namespace {

constexpr std::array<std::string_view, 10> kDaemonKeys = {
    "database",        "timezone",  "user_agent",   "default_interval",
    "allow_file_urls", "retention", "silent_after", "first_digest_reach",
    "ca_file",         "language"};
constexpr std::array<std::string_view, 14> kMailKeys = {
    "transport",       "from",      "reply_to",         "smtp_url",     "starttls",
    "username",        "password_file", "ca_file",      "directory",    "coordinators",
    "sendmail_path",   "report_schedule", "max_items",  "list_unsubscribe"};
constexpr std::array<std::string_view, 3> kTransports = {"smtp", "sendmail", "directory"};
constexpr std::array<std::string_view, 3> kStartTls = {"required", "opportunistic", "off"};

// A path setting, resolved against the directory of the file that sets it.
std::optional<std::string> path_value(TableReader& table, std::string_view key,
                                      const Located<std::string>& value) {
  if (value.value.empty()) {
    table.error(core::trf("{0}: expected a path, got \"\"", {key}), value.where);
    return std::nullopt;
  }
  return resolve_path(table.file().dir, value.value).string();
}

bool has_line_break(std::string_view text) {
  return text.find_first_of("\r\n") != std::string_view::npos;
}

}  // namespace

void check_address(TableReader& table, std::string_view key, const Located<std::string>& value) {
  if (auto problem = address_problem(key, value.value)) table.error(std::move(*problem), value.where);
}

void read_daemon(TableReader& table, Draft& draft) {
  DaemonSection& daemon = draft.config.daemon;
  table.reject_unknown_keys(kDaemonKeys);
  if (auto database = table.string("database")) {
    // SQLite's name for a database that lives only as long as the connection.
    if (database->value == ":memory:") {
      daemon.database = database->value;
    } else if (auto path = path_value(table, "database", *database)) {
      daemon.database = *path;
    }
  }
  if (auto timezone = table.string("timezone")) {
    if (!is_time_zone(timezone->value)) {
      table.error(core::trf("timezone: expected a time zone such as \"Europe/Stockholm\", got \"{0}\"",
                            {timezone->value}),
                  timezone->where);
    }
    daemon.timezone = timezone->value;
  }
  if (auto user_agent = table.string("user_agent")) {
    if (has_line_break(user_agent->value)) {
      table.error(core::trf("{0}: must not contain a line break", {"user_agent"}), user_agent->where);
    }
    daemon.user_agent = user_agent->value;
  }
  if (auto interval = table.duration("default_interval")) daemon.default_interval = interval->value;
  if (auto allow = table.boolean("allow_file_urls")) daemon.allow_file_urls = allow->value;
  if (auto retention = table.duration("retention")) daemon.retention = retention->value;
  if (auto silent = table.duration("silent_after")) daemon.silent_after = silent->value;
  if (auto reach = table.duration("first_digest_reach")) daemon.first_digest_reach = reach->value;
  if (auto ca_file = table.string("ca_file")) {
    if (auto path = path_value(table, "ca_file", *ca_file)) daemon.ca_file = *path;
  }
  if (auto language = table.string("language")) {
    // Applied before the configuration is read (config/language.h): here
    // it is only checked.
    if (!language_of_code(language->value)) {
      table.error(language_problem(language->value), language->where);
    }
  }
}

void read_mail(TableReader& table, Draft& draft) {
  MailSection& mail = draft.config.mail;
  table.reject_unknown_keys(kMailKeys);
  if (auto transport = table.choice("transport", kTransports)) {
    mail.transport = static_cast<MailTransport>(transport->value);
    draft.transport_at = transport->where;
  }
  if (auto from = table.string("from")) {
    check_address(table, "from", *from);
    mail.from = from->value;
  }
  if (auto reply_to = table.string("reply_to")) {
    check_address(table, "reply_to", *reply_to);
    mail.reply_to = reply_to->value;
  }
  if (auto leave = table.string("list_unsubscribe")) {
    check_address(table, "list_unsubscribe", *leave);
    mail.list_unsubscribe = leave->value;
  }
  if (auto smtp_url = table.string("smtp_url")) {
    const std::string_view url = smtp_url->value;
    if (url.substr(0, 7) != "smtp://" && url.substr(0, 8) != "smtps://") {
      table.error(core::trf("smtp_url: expected an smtp:// or smtps:// URL, got \"{0}\"", {smtp_url->value}),
                  smtp_url->where);
    }
    mail.smtp_url = smtp_url->value;
    draft.smtp_url_set = !url.empty();
  }
  if (auto starttls = table.choice("starttls", kStartTls)) {
    mail.starttls = static_cast<StartTls>(starttls->value);
    draft.starttls_at = starttls->where;
  }
  if (auto username = table.string("username")) {
    if (has_line_break(username->value)) {
      table.error(core::trf("{0}: must not contain a line break", {"username"}), username->where);
    }
    mail.username = username->value;
  }
  if (auto password_file = table.string("password_file")) {
    if (auto path = path_value(table, "password_file", *password_file)) {
      mail.password_file = *path;
      mail.password_file_at = password_file->where;
    }
  }
  if (auto ca_file = table.string("ca_file")) {
    if (auto path = path_value(table, "ca_file", *ca_file)) mail.ca_file = *path;
  }
  if (auto sendmail_path = table.string("sendmail_path")) {
    if (auto path = path_value(table, "sendmail_path", *sendmail_path)) mail.sendmail_path = *path;
  }
  // transport = "directory" needs a directory: the default gives one, and an
  // empty value is reported here.
  if (auto directory = table.string("directory")) {
    if (auto path = path_value(table, "directory", *directory)) mail.directory = *path;
  }
  if (auto coordinators = table.strings("coordinators")) {
    mail.coordinators.clear();
    for (const Located<std::string>& address : *coordinators) {
      check_address(table, "coordinators", address);
      mail.coordinators.push_back(address.value);
    }
  }
  if (auto schedule = table.string("report_schedule")) {
    auto parsed = core::parse_schedule(schedule->value);
    if (parsed) {
      mail.report_schedule = *parsed;
    } else {
      table.error("report_schedule: " + parsed.error().message, schedule->where);
    }
  }
  if (auto max_items = table.integer("max_items")) {
    if (max_items->value < 1 || max_items->value > static_cast<std::int64_t>(kMaxMaxItems)) {
      table.error(core::trf("max_items: expected a whole number from 1 to {0}, got {1}",
                            {std::to_string(kMaxMaxItems), std::to_string(max_items->value)}),
                  max_items->where);
    } else {
      mail.max_items = static_cast<std::size_t>(max_items->value);
    }
  }
}

}  // namespace omvarld::config
