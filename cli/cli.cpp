#include "cli/cli.h"

#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "app/exit_code.h"
#include "cli/commands.h"
#include "cli/terminal_output.h"
#include "core/spelling.h"
#include "service/logging.h"

namespace omvarld::cli {

namespace {

constexpr const char* kDescription =
    "omvarld — omvärldsbevakning for Linköping and Norrköping.\n"
    "Polls the RSS/Atom feeds of EU institutions, SKR and the EU office in Brussels,\n"
    "matches every new item against each nämnd's filters, stores everything in SQLite\n"
    "and sends each nämnd a digest of what concerns it.";

constexpr const char* kFooter =
    "\nExit status: 0 ok, 1 nothing matched or nothing to do, 2 usage or configuration\n"
    "error, 3 runtime failure.\n"
    "Examples:\n"
    "  omvarld check-config\n"
    "  omvarld --config examples/omvarld.toml poll --once\n"
    "  omvarld digest preview --namnd linkoping/utbildning\n"
    "  omvarld filter test --title \"Ny utlysning inom Erasmus+\"\n"
    "  omvarld items --search '\"social ekonomi\" förskol*' --since 30d\n"
    "  omvarld backup /var/backups/omvarld.db\n"
    "  omvarld source discover https://cor.europa.eu/en/news\n"
    "Run 'omvarld COMMAND --help' for a command's options.";

// Options the parsed command line fills in before a command runs.
struct Arguments {
  std::filesystem::path config = "/etc/omvarld/omvarld.toml";
  bool verbose = false;
  bool quiet = false;
  bool once = false;
  DigestSendOptions send;
  bool all = false;
  std::string preview_namnd;
  bool preview_report = false;
  PreviewFormat preview_format = PreviewFormat::kText;
  ParseOptions parse;
  ItemsOptions items;
  std::optional<std::string> items_namnd;
  bool status_json = false;
  FilterTestOptions filter;
  std::string reclassify_since;
  DiscoverOptions discover;
  DigestShowOptions show;
};

// A command that is not one, such as "chek-config", with the one it
// probably meant: CLI11 alone would say only "The following arguments were
// not expected". Walks the words of the command line down the commands
// (skipping options, and the value of --config) until a command without
// subcommands, whose words are its own arguments. Returns the exit status
// when it reported one.
std::optional<int> report_unknown_command(const CLI::App& app, int argc, char** argv) {
  const CLI::App* current = &app;
  std::string path = "omvarld";
  for (int at = 1; at < argc; ++at) {
    const std::string word = argv[at];
    if (word.starts_with("-")) {
      if (word == "-c" || word == "--config") ++at;
      continue;
    }
    const auto subcommands = current->get_subcommands([](const CLI::App*) { return true; });
    if (subcommands.empty()) return std::nullopt;
    std::vector<std::string_view> names;
    const CLI::App* next = nullptr;
    for (const CLI::App* subcommand : subcommands) {
      names.push_back(subcommand->get_name());
      if (subcommand->get_name() == word) next = subcommand;
    }
    if (next == nullptr) {
      std::cerr << path << ": unknown command \"" << word << "\"";
      if (auto close = core::closest_spelling(word, names)) {
        std::cerr << " (did you mean \"" << *close << "\"?)";
      }
      std::cerr << "; run '" << path << " --help' for the commands\n";
      return app::kExitUsage;
    }
    current = next;
    path += " " + next->get_name();
  }
  return std::nullopt;
}

}  // namespace

int run_cli(int argc, char** argv) {
  const SafeStdout safe_stdout;  // whatever a command prints, nothing acts on a terminal
  Arguments args;
  CLI::App app(kDescription, "omvarld");
  app.footer(kFooter);
  app.require_subcommand(1);
  app.fallthrough();  // --config and -v may come after the subcommand too
  app.add_option("-c,--config", args.config,
                 "main configuration file; conf.d/*.toml beside it are read too")
      ->capture_default_str();
  app.add_flag("-v,--verbose", args.verbose, "log every item and decision");
  app.add_flag("-q,--quiet", args.quiet, "log only warnings and errors");

  auto* check = app.add_subcommand("check-config",
                                   "check every configuration file and report every problem "
                                   "as FILE:LINE:COL");

  auto* run = app.add_subcommand(
      "run",
      "the daemon: poll on schedule, classify, send digests on schedule; SIGHUP reloads the "
      "configuration, SIGTERM stops cleanly (sd_notify when run by systemd)");

  auto* poll = app.add_subcommand("poll", "fetch every source, store and classify new items");
  poll->add_flag("--once", args.once, "poll every source once and exit (required for now)")
      ->required();
  poll->footer("Exit status: 0 every source succeeded, 3 any failed, is disabled or is set aside\n"
               "after a crash (the log and `omvarld status` say which and why).");

  auto* digest = app.add_subcommand("digest", "compose and send the nämnder's digests");
  digest->require_subcommand(1);
  auto* send = digest->add_subcommand(
      "send", "send the digests that are due by their schedule (or all, with --now)");
  auto* send_namnd =
      send->add_option("--namnd", args.send.namnd, "only this nämnd, e.g. linkoping/utbildning");
  send->add_flag("--all", args.all, "every nämnd (the default)")->excludes(send_namnd);
  send->add_flag("--now", args.send.now, "ignore the schedules: send whatever is new now");
  auto* preview = digest->add_subcommand(
      "preview", "print a nämnd's next digest without sending it or marking anything");
  auto* preview_namnd =
      preview->add_option("--namnd", args.preview_namnd, "the nämnd, e.g. linkoping/utbildning");
  preview->add_flag("--report", args.preview_report, "the coordinators' report instead")
      ->excludes(preview_namnd);
  preview
      ->add_option("--format", args.preview_format, "text (default), html or eml")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, PreviewFormat>{{"text", PreviewFormat::kText},
                                               {"html", PreviewFormat::kHtml},
                                               {"eml", PreviewFormat::kEml}},
          CLI::ignore_case));

  auto* show = digest->add_subcommand(
      "show", "print a digest already sent to a nämnd, as it was sent (the latest, or the "
              "latest of --date)");
  show->add_option("--namnd", args.show.namnd, "the nämnd, e.g. linkoping/utbildning")->required();
  show->add_option("--date", args.show.date,
                   "the day it was sent, YYYY-MM-DD in [daemon] timezone; lists the days when "
                   "there was none");
  show->add_option("--format", args.show.format, "text (default) or html")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, PreviewFormat>{{"text", PreviewFormat::kText},
                                               {"html", PreviewFormat::kHtml}},
          CLI::ignore_case));

  auto* parse = app.add_subcommand("parse", "parse one feed document and print normalized JSON");
  parse->add_option("file", args.parse.file, "the feed document")->required();
  parse->add_option("--base-url", args.parse.base_url, "URL the document was fetched from");
  parse->add_option("--content-type", args.parse.content_type, "its HTTP Content-Type header");

  auto* items = app.add_subcommand(
      "items", "list stored items, newest first, or search them with --search QUERY");
  items->add_option("--namnd", args.items_namnd,
                    "only items that concern this nämnd, and whether it was sent them");
  items->add_option("--since", args.items.since, "only items first seen within this age, e.g. 7d");
  items->add_option("--limit", args.items.limit, "at most this many")->capture_default_str();
  items->add_flag("--json", args.items.json, "print JSON");
  items->add_option("--search", args.items.search,
                    "full-text search over title, summary and content, best match first: "
                    "words (all must occur; each finds its inflections and the compounds that "
                    "begin with it, as in filters), \"a phrase\", skol* (prefix), OR/ELLER, "
                    "NOT/INTE");

  std::filesystem::path backup_target;
  auto* backup = app.add_subcommand(
      "backup", "copy the database to FILE, safely while the daemon runs (SQLite online backup)");
  backup->add_option("file", backup_target, "the copy; replaced only once it is complete")
      ->required();

  auto* status = app.add_subcommand("status", "each source's health and each nämnd's last digest");
  status->add_flag("--json", args.status_json, "print JSON");

  auto* filter = app.add_subcommand("filter", "try the filters");
  filter->require_subcommand(1);
  auto* filter_test_cmd = filter->add_subcommand(
      "test", "which nämnder and topics an item with this text would reach, and why");
  filter_test_cmd->footer(
      "Either test one text:\n"
      "  omvarld filter test --title \"Ny utlysning inom Erasmus+\" [--summary S] [--source ID]\n"
      "or run the filters as they are now over stored items, per nämnd, beside what is stored:\n"
      "  omvarld filter test --since 30d [--namnd linkoping/utbildning]");
  auto* title = filter_test_cmd->add_option("--title", args.filter.title, "the item's title");
  filter_test_cmd->add_option("--summary", args.filter.summary, "the item's summary")->needs(title);
  filter_test_cmd->add_option("--source", args.filter.source, "as if from this source id")->needs(title);
  auto* filter_since = filter_test_cmd->add_option(
      "--since", args.filter.since, "over the stored items first seen within this age, e.g. 30d");
  filter_since->excludes(title);
  filter_test_cmd->add_option("--namnd", args.filter.namnd, "with --since: only this nämnd")
      ->needs(filter_since);
  filter_test_cmd->add_option("--top", args.filter.top, "with --since: items shown per nämnd")
      ->needs(filter_since)
      ->capture_default_str();
  filter_test_cmd->add_flag("--json", args.filter.json, "print JSON");

  auto* reclassify_cmd = app.add_subcommand(
      "reclassify",
      "apply the current filters to stored items: new matches join the next digests, "
      "nothing already delivered is sent again");
  reclassify_cmd->add_option("--since", args.reclassify_since, "items first seen within this age, e.g. 30d")
      ->required();

  auto* source_cmd = app.add_subcommand("source", "work on sources before adding them");
  source_cmd->require_subcommand(1);
  auto* discover = source_cmd->add_subcommand(
      "discover", "the feeds a web page advertises, links to or keeps at common paths, each "
                  "checked by parsing it");
  discover->add_option("url", args.discover.url, "the page, http(s):// or file:// (a saved page)")
      ->required();
  discover->add_flag("--json", args.discover.json, "print JSON");
  discover->footer(
      "Lists <link rel=\"alternate\"> feeds (RSS, Atom, RDF, JSON Feed) and links that look like\n"
      "feeds; when none of them works, tries common paths (/feed/, /rss, /rss.xml, ?feed=rss2,\n"
      "rss_sv, ...). The page is fetched like a source, with the user agent and ca_file of the\n"
      "configuration when it loads. file:// is read only when URL is one; an http(s) page never\n"
      "makes it read a file.\n"
      "Exit status: 0 a feed was found, 1 none (write a [source.html] profile for the page),\n"
      "2 a URL that is not http(s) or file://, 3 the page could not be fetched.");

  if (auto exit_status = report_unknown_command(app, argc, argv)) return *exit_status;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? app::kExitOk : app::kExitUsage;
  }

  service::setup_logging(args.quiet     ? service::Verbosity::kQuiet
                         : args.verbose ? service::Verbosity::kVerbose
                                        : service::Verbosity::kNormal);
  args.items.namnd = args.items_namnd;

  if (check->parsed()) return check_config(args.config);
  if (run->parsed()) return run_daemon(args.config);
  if (poll->parsed()) return poll_once(args.config);
  if (send->parsed()) return digest_send(args.config, args.send);
  if (preview->parsed() && args.preview_report) {
    return report_preview(args.config, args.preview_format);
  }
  if (preview->parsed() && !preview_namnd->count()) {
    std::cerr << "digest preview: give --namnd ID (a nämnd's digest) or --report\n";
    return app::kExitUsage;
  }
  if (preview->parsed()) return digest_preview(args.config, args.preview_namnd, args.preview_format);
  if (show->parsed()) return digest_show(args.config, args.show);
  if (parse->parsed()) return parse_document(args.parse);
  if (items->parsed()) return list_items(args.config, args.items);
  if (backup->parsed()) return backup_database(args.config, backup_target);
  if (status->parsed()) return show_status(args.config, args.status_json);
  if (filter_test_cmd->parsed()) {
    if (args.filter.since) return filter_test_stored(args.config, args.filter);
    if (!title->count()) {
      std::cerr << "filter test: give --title (one text) or --since (stored items)\n";
      return app::kExitUsage;
    }
    return filter_test(args.config, args.filter);
  }
  if (reclassify_cmd->parsed()) return reclassify(args.config, args.reclassify_since);
  if (discover->parsed()) return discover_feeds(args.config, args.discover);
  return app::kExitUsage;
}

}  // namespace omvarld::cli
