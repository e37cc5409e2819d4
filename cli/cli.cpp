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
#include "cli/parse_errors.h"
#include "cli/terminal_output.h"
#include "config/language.h"
#include "core/spelling.h"
#include "core/translate.h"
#include "service/logging.h"

namespace omvarld::cli {

namespace {

constexpr const char* kDefaultConfig = "/etc/omvarld/omvarld.toml";

// The main page of --help, in the language of the configuration.
std::string description() {
  return std::string(core::tr(
      "omvarld — omvärldsbevakning for Linköping and Norrköping.\n"
      "Polls the RSS/Atom feeds of EU institutions, SKR and the EU office in Brussels,\n"
      "matches every new item against each nämnd's filters, stores everything in SQLite\n"
      "and sends each nämnd a digest of what concerns it."));
}

std::string footer() {
  return std::string(core::tr(
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
      "Run 'omvarld COMMAND --help' for a command's options."));
}

// A command's examples, under its options in its --help.
std::string examples(std::string_view lines) {
  return std::string(core::tr("Examples:")) + "\n" + std::string(lines);
}

// The heading of each command's subcommands in --help (CLI11 says
// "Subcommands:"), and of its options: a subcommand gets its --help before
// it copies the translated option defaults. The tree of commands is this
// file's, a few levels deep.
void translate_command_groups(CLI::App& app) {
  const std::string options(core::tr("Options"));
  for (CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; })) {
    command->group(std::string(core::tr("Commands")));
    for (CLI::Option* option : command->get_options([](CLI::Option*) { return true; })) {
      if (option->get_group() == "Options") option->group(options);
    }
    translate_command_groups(*command);
  }
}

// The --config of the command line, found before CLI11 reads it: --help is
// printed before the configuration is loaded, and in its language.
std::filesystem::path config_argument(int argc, char** argv) {
  std::filesystem::path path = kDefaultConfig;
  for (int at = 1; at < argc; ++at) {
    const std::string_view word = argv[at];
    if (word == "--") break;
    if ((word == "-c" || word == "--config") && at + 1 < argc) {
      path = argv[++at];
    } else if (word.starts_with("--config=")) {
      path = word.substr(9);
    } else if (word.starts_with("-c") && word.size() > 2) {
      path = word.substr(2);
    }
  }
  return path;
}

// CLI11's own words in --help ("Usage:", "Options:", REQUIRED, ...).
void translate_help_labels(CLI::App& app) {
  const auto formatter = app.get_formatter();
  formatter->label("Usage", std::string(core::tr("Usage")));
  formatter->label("OPTIONS", std::string(core::tr("OPTIONS")));
  formatter->label("SUBCOMMAND", std::string(core::tr("COMMAND")));
  formatter->label("SUBCOMMANDS", std::string(core::tr("COMMANDS")));
  formatter->label("Positionals", std::string(core::tr("Arguments")));
  formatter->label("REQUIRED", std::string(core::tr("REQUIRED")));
  formatter->label("Needs", std::string(core::tr("Needs")));
  formatter->label("Excludes", std::string(core::tr("Excludes")));
  app.option_defaults()->group(std::string(core::tr("Options")));
  app.set_help_flag("-h,--help", std::string(core::tr("print this help and exit")));
}

// Options the parsed command line fills in before a command runs.
struct Arguments {
  std::filesystem::path config = kDefaultConfig;
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
      if (auto close = core::closest_spelling(word, names)) {
        std::cerr << core::trf("{0}: unknown command \"{1}\" (did you mean \"{2}\"?); run "
                               "'{0} --help' for the commands",
                               {path, word, *close});
      } else {
        std::cerr << core::trf("{0}: unknown command \"{1}\"; run '{0} --help' for the commands",
                               {path, word});
      }
      std::cerr << "\n";
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
  // Before anything is printed, even --help: every message after this is in
  // the language of `[daemon] language` (Swedish unless it says "en").
  core::set_language(config::configured_language(config_argument(argc, argv))
                         .value_or(core::Language::swedish));
  using core::tr;
  // CLI11 takes std::string; xgettext finds the messages by the tr() inside.
  const auto text = [](std::string_view message) { return std::string(message); };
  Arguments args;
  CLI::App app(description(), "omvarld");
  translate_help_labels(app);
  app.footer(footer());
  app.require_subcommand(1);
  app.fallthrough();  // --config and -v may come after the subcommand too
  app.add_option("-c,--config", args.config,
                 text(tr("main configuration file; conf.d/*.toml beside it are read too")))
      ->capture_default_str();
  app.add_flag("-v,--verbose", args.verbose, text(tr("log every item and decision")));
  app.add_flag("-q,--quiet", args.quiet, text(tr("log only warnings and errors")));

  auto* check = app.add_subcommand("check-config",
                                   text(tr("check every configuration file and report every problem "
                                        "as FILE:LINE:COL")));
  check->footer(examples("  omvarld check-config\n"
                         "  omvarld --config examples/omvarld.toml check-config"));

  auto* run = app.add_subcommand(
      "run",
      text(tr("the daemon: poll on schedule, classify, send digests on schedule; SIGHUP reloads the "
           "configuration, SIGTERM stops cleanly (sd_notify when run by systemd)")));
  run->footer(examples("  omvarld run\n"
                       "  omvarld --config /etc/omvarld/omvarld.toml run"));

  auto* poll = app.add_subcommand("poll", text(tr("fetch every source, store and classify new items")));
  poll->add_flag("--once", args.once, text(tr("poll every source once and exit (required for now)")))
      ->required();
  poll->footer(text(tr("Exit status: 0 every source succeeded, 3 any failed, is disabled or is set "
                    "aside\nafter a crash (the log and `omvarld status` say which and why).")) +
               "\n" + examples("  omvarld poll --once"));

  auto* digest = app.add_subcommand("digest", text(tr("compose and send the nämnder's digests")));
  digest->require_subcommand(1);
  digest->footer(examples("  omvarld digest preview --namnd linkoping/utbildning\n"
                          "  omvarld digest send"));
  auto* send = digest->add_subcommand(
      "send", text(tr("send the digests that are due by their schedule (or all, with --now)")));
  send->footer(examples("  omvarld digest send\n"
                        "  omvarld digest send --namnd linkoping/utbildning --now\n"
                        "  omvarld digest send --report"));
  auto* send_namnd = send->add_option("--namnd", args.send.namnd,
                                      text(tr("only this nämnd, e.g. linkoping/utbildning")));
  send->add_flag("--all", args.all, text(tr("every nämnd (the default)")))->excludes(send_namnd);
  send->add_flag("--now", args.send.now,
                 text(tr("ignore the digests' schedules: send whatever is new now (the "
                         "coordinators' report keeps its own schedule)")));
  send->add_flag("--report", args.send.report_now,
                 text(tr("send the coordinators' report now too, whatever its schedule")))
      ->excludes(send_namnd);
  auto* preview = digest->add_subcommand(
      "preview", text(tr("print a nämnd's next digest without sending it or marking anything")));
  preview->footer(examples("  omvarld digest preview --namnd linkoping/utbildning\n"
                           "  omvarld digest preview --namnd linkoping/utbildning --format html "
                           "> utkast.html\n"
                           "  omvarld digest preview --report"));
  auto* preview_namnd = preview->add_option("--namnd", args.preview_namnd,
                                            text(tr("the nämnd, e.g. linkoping/utbildning")));
  preview->add_flag("--report", args.preview_report, text(tr("the coordinators' report instead")))
      ->excludes(preview_namnd);
  preview->add_option("--format", args.preview_format, text(tr("text (default), html or eml")))
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, PreviewFormat>{{"text", PreviewFormat::kText},
                                               {"html", PreviewFormat::kHtml},
                                               {"eml", PreviewFormat::kEml}},
          CLI::ignore_case))
      ->type_name("text|html|eml");

  auto* show = digest->add_subcommand(
      "show", text(tr("print a digest already sent to a nämnd, as it was sent (the latest, or the "
                      "latest of --date)")));
  show->footer(examples("  omvarld digest show --namnd linkoping/utbildning\n"
                        "  omvarld digest show --namnd linkoping/utbildning --date 2026-11-30 "
                        "--format html > utskick.html"));
  show->add_option("--namnd", args.show.namnd, text(tr("the nämnd, e.g. linkoping/utbildning")))
      ->required();
  show->add_option("--date", args.show.date,
                   text(tr("the day it was sent, YYYY-MM-DD in [daemon] timezone; lists the days "
                           "when there was none")));
  show->add_option("--format", args.show.format, text(tr("text (default) or html")))
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, PreviewFormat>{{"text", PreviewFormat::kText},
                                               {"html", PreviewFormat::kHtml}},
          CLI::ignore_case))
      ->type_name("text|html");

  auto* parse = app.add_subcommand(
      "parse", text(tr("parse one feed document and print normalized JSON")));
  parse->footer(examples("  omvarld parse nyheter.xml\n"
                         "  omvarld parse nyheter.xml --base-url https://www.skr.se/rss"));
  parse->add_option("file", args.parse.file, text(tr("the feed document")))->required();
  parse->add_option("--base-url", args.parse.base_url, text(tr("URL the document was fetched from")));
  parse->add_option("--content-type", args.parse.content_type,
                    text(tr("its HTTP Content-Type header")));

  auto* items = app.add_subcommand(
      "items", text(tr("list stored items, newest first, or search them with --search QUERY")));
  items->footer(examples("  omvarld items --namnd linkoping/utbildning --since 7d\n"
                         "  omvarld items --search '\"social ekonomi\" förskol*' --since 30d"));
  items->add_option("--namnd", args.items_namnd,
                    text(tr("only items that concern this nämnd, and whether it was sent them")));
  items->add_option("--since", args.items.since,
                    text(tr("only items first seen within this age, e.g. 7d")));
  items->add_option("--limit", args.items.limit, text(tr("at most this many")))->capture_default_str();
  items->add_flag("--json", args.items.json, text(tr("print JSON")));
  items->add_option("--search", args.items.search,
                    text(tr("full-text search over title, summary and content, best match first: "
                            "words (all must occur; each finds its inflections and the compounds "
                            "that begin with it, as in filters), \"a phrase\", skol* (prefix), "
                            "OR/ELLER, NOT/INTE")));

  std::filesystem::path backup_target;
  auto* backup = app.add_subcommand(
      "backup",
      text(tr("copy the database to FILE, safely while the daemon runs (SQLite online backup)")));
  backup->footer(examples("  omvarld backup /var/backups/omvarld.db"));
  backup->add_option("file", backup_target, text(tr("the copy; replaced only once it is complete")))
      ->required();

  auto* status = app.add_subcommand(
      "status", text(tr("each source's health and each nämnd's last digest")));
  status->footer(examples("  omvarld status\n"
                          "  omvarld status --json"));
  status->add_flag("--json", args.status_json, text(tr("print JSON")));

  auto* filter = app.add_subcommand("filter", text(tr("try the filters")));
  filter->require_subcommand(1);
  filter->footer(examples("  omvarld filter test --title \"Ny utlysning inom Erasmus+\""));
  auto* filter_test_cmd = filter->add_subcommand(
      "test", text(tr("which nämnder and topics an item with this text would reach, and why")));
  filter_test_cmd->footer(text(tr(
      "Either test one text:\n"
      "  omvarld filter test --title \"Ny utlysning inom Erasmus+\" [--summary S] [--source ID]\n"
      "or run the filters as they are now over stored items, per nämnd, beside what is stored:\n"
      "  omvarld filter test --since 30d [--namnd linkoping/utbildning]")));
  auto* title = filter_test_cmd->add_option("--title", args.filter.title, text(tr("the item's title")));
  filter_test_cmd->add_option("--summary", args.filter.summary, text(tr("the item's summary")))
      ->needs(title);
  filter_test_cmd->add_option("--source", args.filter.source, text(tr("as if from this source id")))
      ->needs(title);
  auto* filter_since = filter_test_cmd->add_option(
      "--since", args.filter.since,
      text(tr("over the stored items first seen within this age, e.g. 30d")));
  filter_since->excludes(title);
  filter_test_cmd->add_option("--namnd", args.filter.namnd, text(tr("with --since: only this nämnd")))
      ->needs(filter_since);
  filter_test_cmd->add_option("--top", args.filter.top, text(tr("with --since: items shown per nämnd")))
      ->needs(filter_since)
      ->capture_default_str();
  filter_test_cmd->add_flag("--json", args.filter.json, text(tr("print JSON")));

  auto* reclassify_cmd = app.add_subcommand(
      "reclassify",
      text(tr("apply the current filters to stored items: new matches join the next digests, "
           "nothing already delivered is sent again")));
  reclassify_cmd->footer(examples("  omvarld reclassify --since 30d"));
  reclassify_cmd
      ->add_option("--since", args.reclassify_since,
                   text(tr("items first seen within this age, e.g. 30d")))
      ->required();

  auto* source_cmd = app.add_subcommand("source", text(tr("work on sources before adding them")));
  source_cmd->require_subcommand(1);
  source_cmd->footer(examples("  omvarld source discover https://cor.europa.eu/en/news"));
  auto* discover = source_cmd->add_subcommand(
      "discover", text(tr("the feeds a web page advertises, links to or keeps at common paths, each "
                       "checked by parsing it")));
  discover->add_option("url", args.discover.url,
                       text(tr("the page, http(s):// or file:// (a saved page)")))
      ->required();
  discover->add_flag("--json", args.discover.json, text(tr("print JSON")));
  discover->footer(
      text(tr("Lists <link rel=\"alternate\"> feeds (RSS, Atom, RDF, JSON Feed) and links that look "
           "like\nfeeds; when none of them works, tries common paths (/feed/, /rss, /rss.xml, "
           "?feed=rss2,\nrss_sv, ...). The page is fetched like a source, with the user agent "
           "and ca_file of the\nconfiguration when it loads. file:// is read only when URL is "
           "one; an http(s) page never\nmakes it read a file.\n"
           "Exit status: 0 a feed was found, 1 none (write a [source.html] profile for the "
           "page),\n2 a URL that is not http(s) or file://, 3 the page could not be fetched.")) +
      "\n" + examples("  omvarld source discover https://cor.europa.eu/en/news\n"
                      "  omvarld source discover file:///tmp/sidan.html"));

  translate_command_groups(app);
  if (auto exit_status = report_unknown_command(app, argc, argv)) return *exit_status;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {  // --help
      app.exit(e);
      return app::kExitOk;
    }
    std::cerr << describe_parse_error(app, e) << "\n";
    return app::kExitUsage;
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
    std::cerr << tr("digest preview: give --namnd ID (a nämnd's digest) or --report") << "\n";
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
      std::cerr << tr("filter test: give --title (one text) or --since (stored items)") << "\n";
      return app::kExitUsage;
    }
    return filter_test(args.config, args.filter);
  }
  if (reclassify_cmd->parsed()) return reclassify(args.config, args.reclassify_since);
  if (discover->parsed()) return discover_feeds(args.config, args.discover);
  return app::kExitUsage;
}

}  // namespace omvarld::cli
