// config/config.h
//
// The configuration model: omvarld.toml and the drop-ins in conf.d/*.toml
// beside it, merged, checked and typed. Coordinators edit these files, so
// every problem comes back as an Error at FILE:LINE:COL, all of them at once.
// Plain values; load_config reads files and nothing else.

#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/item.h"
#include "core/result.h"
#include "core/schedule.h"
#include "filters/filter_spec.h"

namespace omvarld::config {

using namespace std::chrono_literals;

struct DaemonSection {
  std::string database = "/var/lib/omvarld/omvarld.db";
  std::string timezone = "Europe/Stockholm";
  std::string user_agent = "omvarld/0.1 (+https://www.linkoping.se/)";
  std::chrono::seconds default_interval = 30min;
  bool allow_file_urls = false;
  std::chrono::seconds retention = 730 * 24h;
  std::chrono::seconds silent_after = 30 * 24h;  // no new item this long: the report names the source
  std::chrono::seconds first_digest_reach = 14 * 24h;  // older items are held for a nämnd's first digest
  std::string ca_file;  // PEM CA bundle to verify https sources with; empty: the system's
};

enum class MailTransport { kSmtp, kSendmail, kDirectory };
enum class StartTls { kRequired, kOpportunistic, kOff };

struct MailSection {
  MailTransport transport = MailTransport::kDirectory;
  std::string from = "Omvärldsbevakning <omvarld@localhost>";
  std::string reply_to;          // "" : no Reply-To header
  std::string list_unsubscribe;  // whom a reader writes to leave; "": the first coordinator
  std::string smtp_url;
  StartTls starttls = StartTls::kRequired;
  std::string username;
  std::string password_file;
  std::optional<FilePos> password_file_at;  // where it is set (check-config)
  std::string ca_file;  // PEM CA bundle to verify the SMTP server with; empty: the system's
  std::string sendmail_path = "/usr/sbin/sendmail";  // transport = "sendmail"
  std::string directory = "/var/lib/omvarld/outbox";
  std::vector<std::string> coordinators;  // feed-health report; contacts in digest footers
  core::Schedule report_schedule{{true, false, false, false, false, false, false}, 7, 0};  // mon 07:00
  // Entries a digest shows at most; the rest are summed up and delivered all
  // the same (digest/compose.h). From 1 to kMaxMaxItems.
  std::size_t max_items = 150;
};

// The largest [mail] max_items: a thousand entries already come near the
// digest's size limit (digest/bounded_message.h), which would then show
// fewer anyway.
inline constexpr std::size_t kMaxMaxItems = 1000;

// [kommun.ID]: how one municipality signs its nämnders' digests. ID is the
// part of a nämnd id before "/" ("norrkoping" of "norrkoping/samhallsbyggnad").
// A key it does not set is [mail]'s: from, reply_to, list_unsubscribe, and
// contacts for [mail] coordinators.
struct KommunConfig {
  std::string id;
  std::string name;  // "Norrköpings kommun", named in the footer; "" for none
  std::string from;
  std::string reply_to;
  std::optional<std::vector<std::string>> contacts;  // in the footer: whom to ask
  std::string list_unsubscribe;
  FilePos where;  // the first [kommun.ID] header
};

// Who signs a nämnd's digest: its kommun's settings, [mail]'s where the
// kommun sets none (or has no [kommun.ID] table).
struct Sender {
  std::string from;
  std::string reply_to;
  std::vector<std::string> contacts;
  std::string list_unsubscribe;
  std::string kommun_name;
};

// [web]: the web archive `omvarld run` serves (web/). Off when the table
// is absent.
struct WebSection {
  std::string host = "127.0.0.1";  // an IPv4 or IPv6 address, not a name
  std::uint16_t port = 8080;
  std::string base_url;  // "https://omvarld.linkoping.se" (no trailing "/"); "": no links in mail
};

enum class SourceKind { kFeed, kHtml, kJson, kImap };
enum class Identity { kId, kLink, kContent };

// kind = "html", table [source.html]: where the items are on a web page.
// XPath 1.0 expressions over the page as libxml2's HTML parser reads it;
// `items` selects one element per item, the others are relative to it.
struct HtmlProfile {
  std::string items;        // required
  std::string title;        // required
  std::string link;         // required: an href attribute, or an element whose href is taken
  std::string date;         // optional
  std::string date_format;  // optional, e.g. "%d %B %Y"; month names Swedish or English
  std::string summary;      // optional
  std::string deadline;     // optional; else the deadline is looked for in the text
};

// kind = "json", table [source.json]: one HTTP request and where the items
// are in its JSON answer. Paths are dotted with array indexes: "metadata.title[0]".
struct JsonProfile {
  std::string method = "GET";  // GET | POST
  std::vector<std::pair<std::string, std::string>> headers;  // [source.json.headers]
  std::string body;          // a raw request body (POST), sent as `content_type`
  std::string content_type;  // of `body`
  std::vector<std::pair<std::string, std::string>> form;  // [source.json.form]: multipart/form-data
  std::string items;          // the array of items; "" when the answer is the array
  std::string id;             // paths within one item
  std::string title;          // required
  std::string link;
  std::string link_template;  // "https://…/{id}": when items carry no URL
  std::string summary;
  std::string date;
  std::string deadline;
  std::string since_param;    // query parameter (GET) or form field (POST) set to the last successful poll
  std::string since_format = "%Y-%m-%dT%H:%M:%SZ";
};

// kind = "imap", table [source.imap]: the source's url is the mailbox
// folder, imap://host/Folder or imaps://host/Folder.
struct ImapSettings {
  std::string username;
  std::string password_file;  // resolved against the config file's directory
  std::optional<FilePos> password_file_at;  // where it is set (check-config)
  std::string split = "headings";  // headings | links: where a newsletter is cut into items
};

struct SourceConfig {
  core::SourceId id;
  std::string name;
  std::string url;  // absolute; a relative reference is resolved against the config file
  std::chrono::seconds interval{0};  // the daemon's default_interval when not set
  std::vector<std::string> tags;
  SourceKind kind = SourceKind::kFeed;
  Identity identity = Identity::kId;
  FilePos where;  // the [[source]] header
  // Defaults, so positional initializers may leave them out.
  HtmlProfile html = {};   // kind = "html"
  JsonProfile json = {};   // kind = "json"
  ImapSettings imap = {};  // kind = "imap"
};

struct TopicConfig {
  core::TopicId id;
  std::string name;
  std::vector<filters::Term> any;
  std::vector<filters::Term> none;
  FilePos where;
};

struct NamndConfig {
  core::NamndId id;  // "kommun/nämnd"
  std::string name;
  std::vector<std::string> recipients;
  core::Schedule schedule;
  std::vector<core::SourceId> sources;  // resolved ids (tags expanded); every source when not set
  std::vector<core::TopicId> topics;
  std::vector<filters::Term> any;
  std::vector<filters::Term> none;
  std::optional<filters::Term> query;
  bool send_empty = false;
  FilePos where;
};

struct Config {
  std::vector<std::filesystem::path> files;  // in the order they were read
  DaemonSection daemon;
  MailSection mail;
  std::optional<WebSection> web;  // set when a file has [web]
  std::vector<KommunConfig> kommuner;
  std::vector<SourceConfig> sources;
  std::vector<TopicConfig> topics;
  std::vector<NamndConfig> namnder;

  const SourceConfig* find_source(const core::SourceId& id) const;
  const TopicConfig* find_topic(const core::TopicId& id) const;
  const NamndConfig* find_namnd(const core::NamndId& id) const;
  // The [kommun.ID] of the nämnd `namnd` ("norrkoping/…"), if there is one.
  const KommunConfig* find_kommun(const core::NamndId& namnd) const;
  Sender sender_of(const core::NamndId& namnd) const;
};

// Reads `main_file` and then every conf.d/*.toml beside it in name order, and
// checks everything: syntax, unknown keys, types, required keys, duplicate
// ids, references to unknown sources, tags and topics, durations, schedules,
// email addresses, URLs, and the terms and queries of topics and nämnder.
// Relative paths (database, directory, password_file, ca_file, sendmail_path)
// are resolved against the directory of the file that sets them. On failure
// returns every error found, each with kInvalidConfig (or kInvalidQuery) and
// a FILE:LINE:COL.
Result<Config, std::vector<Error>> load_config(const std::filesystem::path& main_file);

// What `omvarld check-config` says about a configuration: every error
// load_config finds (terms and queries included, even when a file has a
// TOML syntax error), and what only a check at the terminal looks at:
//   errors:   a file:// source whose file is not there or is a folder; a
//             password file that is missing, unreadable, not a regular
//             file or too large (password_file.h);
//   warnings: a conf.d/ file that is not read because its name does not end
//             in .toml; a lower-case och, eller, inte, and, or, not in a
//             query (a word there, probably meant as an operator); a
//             password file others may read or a systemd credential.
// Warnings never make a configuration invalid. Each list is in reading
// order, each entry at FILE:LINE:COL (a file not read: its path alone).
struct ConfigReport {
  std::optional<Config> config;  // set when `errors` is empty
  std::vector<Error> errors;
  std::vector<Error> warnings;
};
ConfigReport check_config(const std::filesystem::path& main_file);

// The filters' view of the configuration.
std::vector<filters::TopicSpec> topic_specs(const Config& config);
std::vector<filters::FilterSpec> filter_specs(const Config& config);

}  // namespace omvarld::config
