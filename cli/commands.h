// cli/commands.h
//
// The subcommands of `omvarld`, one function each, returning the exit code
// of the command-line contract (app/exit_code.h). They print results on
// stdout and log progress and problems on stderr. cli.cpp wires them to
// the command line.

#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "core/item.h"

namespace omvarld::cli {

int check_config(const std::filesystem::path& config_path);

int poll_once(const std::filesystem::path& config_path);

// `omvarld run`: the daemon (service/daemon_loop.h). Returns kExitUsage or
// kExitRuntime when it cannot start, kExitOk after SIGTERM or SIGINT.
int run_daemon(const std::filesystem::path& config_path);

struct DigestSendOptions {
  std::optional<core::NamndId> namnd;  // else every nämnd
  bool now = false;                    // ignore the digests' schedules
  bool report_now = false;             // the coordinators' report now, whatever its schedule
};
int digest_send(const std::filesystem::path& config_path, const DigestSendOptions& options);

enum class PreviewFormat { kText, kHtml, kEml };
int digest_preview(const std::filesystem::path& config_path, const core::NamndId& namnd,
                   PreviewFormat format);
// `omvarld digest show`: a digest already sent to a nämnd, the latest or
// the latest of a day (in [daemon] timezone), as it was sent: its text
// part, or with kHtml its HTML. Exit 1 when there is none, or when it was
// sent before the store kept digests' bodies; 2 for an unknown nämnd or a
// bad date.
struct DigestShowOptions {
  core::NamndId namnd;
  std::optional<std::string> date;  // "2026-12-06"
  PreviewFormat format = PreviewFormat::kText;  // kText or kHtml
};
int digest_show(const std::filesystem::path& config_path, const DigestShowOptions& options);

// The coordinators' report as `digest send` would send it now; exit 1 when
// no coordinators are configured.
int report_preview(const std::filesystem::path& config_path, PreviewFormat format);

struct ParseOptions {
  std::filesystem::path file;
  std::string base_url;
  std::string content_type;
};
int parse_document(const ParseOptions& options);

struct ItemsOptions {
  std::optional<core::NamndId> namnd;
  std::optional<std::string> since;  // a duration such as "7d"
  bool json = false;
  int limit = 100;
  // Full-text search instead of a listing, best match first (syntax in
  // storage::SearchQuery); exit 1 when nothing matched, 2 for a query with
  // nothing to search for.
  std::optional<std::string> search;
};
int list_items(const std::filesystem::path& config_path, const ItemsOptions& options);

// `omvarld backup FILE`: an online copy of the database, safe while the
// daemon runs; exit 3 when it fails (FILE is then untouched).
int backup_database(const std::filesystem::path& config_path, const std::filesystem::path& target);

int show_status(const std::filesystem::path& config_path, bool json);

// Either one text (title, summary, source) or, with `since`, the stored
// items first seen within that age ("30d"), per nämnd (or only `namnd`).
struct FilterTestOptions {
  std::string title;
  std::string summary;
  std::optional<core::SourceId> source;
  std::optional<std::string> since;
  std::optional<core::NamndId> namnd;
  int top = 5;  // items shown per nämnd with `since`
  bool json = false;
};
int filter_test(const std::filesystem::path& config_path, const FilterTestOptions& options);
int filter_test_stored(const std::filesystem::path& config_path, const FilterTestOptions& options);

// `omvarld source discover URL`: the feeds a web page advertises, links to
// or keeps at common paths, each fetched and parsed; exit 1 when there is
// none (the page needs a [source.html] profile), 2 for a URL that is not
// http(s) or file://, 3 when the page cannot be fetched.
struct DiscoverOptions {
  std::string url;
  bool json = false;
};
int discover_feeds(const std::filesystem::path& config_path, const DiscoverOptions& options);

// Applies the current filters to the items first seen within `since` ("30d"):
// new matches join the next digests; nothing delivered is sent again.
int reclassify(const std::filesystem::path& config_path, const std::string& since);

}  // namespace omvarld::cli
