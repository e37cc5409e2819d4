// `omvarld source discover URL`: the feeds behind a web page, each checked
// by fetching and parsing it, so a coordinator adds a feed where there is
// one and writes a [source.html] profile only where there is none.
//
// The page is fetched like a source (TLS verified, size limit, redirects to
// http(s) only) with the configuration's user agent and CA file when the
// configuration loads, else the defaults: discovery must work before a
// source is configured. file:// is read only when URL itself is one (a
// saved page, whose relative links are then files too); an http(s) page
// never makes it read a file. The common paths are
// probed only when nothing the page names is a working feed, so a site is
// not asked for a dozen URLs it has no reason to have. The first working
// feed is printed as a [[source]] block to paste into the configuration;
// a candidate that could not be fetched is told apart from one that was
// fetched and is no feed.

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "app/exit_code.h"
#include "cli/commands.h"
#include "cli/terminal_output.h"
#include "config/config.h"
#include "config/source_id.h"
#include "core/ascii.h"
#include "core/display_link.h"
#include "core/translate.h"
#include "core/uri_scheme.h"
#include "net/fetch_engine.h"
#include "net/fetcher.h"
#include "sources/feed_discovery.h"

namespace omvarld::cli {

namespace {

using sources::FeedCandidate;

struct CheckedFeed {
  FeedCandidate candidate;
  std::string format;  // "RSS 2.0", "Atom 1.0"; "" when not a feed the poll reads
  std::string title;
  std::size_t items = 0;
  std::string problem;  // why it is not a feed, when format is ""
  bool is_page = false;  // URL itself is the feed
  bool reached = false;  // fetched: a problem is then that it is no feed, not the network's
};

net::FetchOptions fetch_options(const std::filesystem::path& config_path, bool file_url) {
  net::FetchOptions options;
  options.user_agent = config::DaemonSection{}.user_agent;
  options.total_timeout = std::chrono::seconds(30);
  options.allow_file_urls = file_url;
  std::error_code missing;
  if (!std::filesystem::exists(config_path, missing)) return options;
  auto loaded = config::load_config(config_path);
  if (!loaded) {
    spdlog::warn("source discover: {} has errors (see check-config); using the default user agent",
                 config_path.string());
    return options;
  }
  options.user_agent = loaded->daemon.user_agent;
  options.ca_file = loaded->daemon.ca_file;
  return options;
}

// feedparser's version ids as a coordinator knows the formats.
std::string format_name(const std::string& version) {
  if (version == "rss20") return "RSS 2.0";
  if (version == "rss10") return "RSS 1.0";
  if (version == "rss090") return "RSS 0.90";
  if (version == "rss091n" || version == "rss091u") return "RSS 0.91";
  if (version == "rss092") return "RSS 0.92";
  if (version == "rss093") return "RSS 0.93";
  if (version == "rss094") return "RSS 0.94";
  if (version == "atom10") return "Atom 1.0";
  if (version == "atom03") return "Atom 0.3";
  if (version.starts_with("atom")) return "Atom";
  if (version.starts_with("rss")) return "RSS";
  if (version == "json1") return "JSON Feed 1.0";
  if (version == "json11") return "JSON Feed 1.1";
  if (version.starts_with("json")) return "JSON Feed";
  return version.empty() ? "feed" : version;
}

// A fetch error without the URL it starts with ("https://…: HTTP 404 Not
// Found", "fetch https://…: could not connect: …"): the line that prints
// it names the URL already.
std::string without_url(const std::string& error, const std::string& url) {
  for (const std::string& prefix : {url + ": ", "fetch " + url + ": "}) {
    if (error.starts_with(prefix)) return error.substr(prefix.size());
  }
  return error;
}

void read_document(const net::FetchOutcome& fetched, CheckedFeed& checked) {
  if (fetched.status != net::FetchStatus::kOk) {
    checked.problem = without_url(fetched.error, fetched.url);
    return;
  }
  checked.reached = true;
  const std::string& url = fetched.effective_url.empty() ? fetched.url : fetched.effective_url;
  auto feed = sources::read_candidate(fetched.body, url, fetched.content_type);
  if (!feed) {
    checked.problem = feed.error().message;
    return;
  }
  checked.format = format_name(feed->version);
  checked.title = std::move(feed->title);
  checked.items = feed->items;
}

// Fetches every candidate at once (the engine's per-host limit keeps this
// polite) and reads each.
std::vector<CheckedFeed> check(std::vector<FeedCandidate> candidates,
                               const net::FetchOptions& options) {
  std::vector<CheckedFeed> checked;
  std::vector<net::FetchRequest> requests;
  for (std::size_t index = 0; index < candidates.size(); ++index) {
    requests.push_back({.key = std::to_string(index), .url = candidates[index].url, .etag = {},
                        .last_modified = {}});
    checked.push_back({std::move(candidates[index]), {}, {}, 0, {}, false, false});
  }
  net::EngineOptions engine;
  engine.fetch = options;
  net::fetch_all(requests, engine, [&checked](net::FetchOutcome&& fetched) {
    read_document(fetched, checked.at(std::stoul(fetched.key)));
  });
  return checked;
}

std::string found_by_phrase(const CheckedFeed& feed) {
  if (feed.is_page) return std::string(core::tr("the URL itself; add it as it is"));
  switch (feed.candidate.found_by) {
    case sources::FoundBy::kLinkAlternate: return std::string(core::tr("advertised by <link rel=\"alternate\">"));
    case sources::FoundBy::kAnchor: return std::string(core::tr("linked from the page"));
    case sources::FoundBy::kCommonPath: break;
  }
  return std::string(core::tr("at a common path"));
}

// `text` as a TOML basic string: quotes, backslashes and control
// characters escaped, so a title such as `Säg "hej"` pastes as it reads.
std::string toml_string(std::string_view text) {
  std::string quoted = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += c;
    } else if (byte < 0x20 || byte == 0x7F) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\u%04X", static_cast<unsigned>(byte));
      quoted += escape;
    } else {
      quoted += c;
    }
  }
  return quoted + "\"";
}

const CheckedFeed* recommended(const std::vector<CheckedFeed>& checked) {
  for (const CheckedFeed& feed : checked) {
    if (!feed.format.empty()) return &feed;
  }
  return nullptr;
}

// The [[source]] block for `feed`, ready to paste: check-config accepts it
// as it is (the name is left out when the feed has no title: it defaults
// to the id).
std::string source_block(const CheckedFeed& feed) {
  std::string block = "[[source]]\nid = " +
                      toml_string(config::propose_source_id(feed.title, feed.candidate.url)) + "\n";
  if (!feed.title.empty()) block += "name = " + toml_string(feed.title) + "\n";
  return block + "url = " + toml_string(feed.candidate.url) + "\nkind = \"feed\"\n";
}

void print_text(const std::string& page, const std::vector<CheckedFeed>& checked) {
  std::size_t feeds_found = 0;
  for (const CheckedFeed& feed : checked) feeds_found += feed.format.empty() ? 0 : 1;
  const std::string count = std::to_string(feeds_found);
  if (feeds_found == 0) {
    std::cout << core::trf("{0}: not a feed, and no feed found behind it ({1} candidates tried). Add the "
                           "page with kind = \"html\" and a [source.html] profile.",
                           {page, std::to_string(checked.size())})
              << "\n";
  } else {
    std::cout << (feeds_found == 1 ? core::trf("{0}: 1 feed", {page}) : core::trf("{0}: {1} feeds", {page, count}))
              << "\n";
  }
  for (const CheckedFeed& feed : checked) {
    if (feed.format.empty()) continue;
    std::cout << "  " << core::display_link(feed.candidate.url) << "\n    " << feed.format;
    if (!feed.title.empty()) std::cout << ", \"" << feed.title << "\"";
    const std::string items = std::to_string(feed.items);
    std::cout << ", " << (feed.items == 1 ? std::string(core::tr("1 item")) : core::trf("{0} items", {items}))
              << " (" << found_by_phrase(feed) << ")\n";
  }
  // What the page named but cannot be used is worth knowing; failed guesses are not.
  for (const CheckedFeed& feed : checked) {
    if (!feed.format.empty() || feed.candidate.found_by == sources::FoundBy::kCommonPath) continue;
    const std::string url = core::display_link(feed.candidate.url);
    std::cout << "  "
              << (feed.reached ? core::trf("not a feed: {0} ({1})", {url, feed.problem})
                               : core::trf("could not reach: {0} ({1})", {url, feed.problem}))
              << "\n";
  }
  if (const CheckedFeed* feed = recommended(checked)) {
    std::cout << "\n"
              << core::trf("To add {0}, paste this into the configuration and run omvarld check-config:",
                           {core::display_link(feed->candidate.url)})
              << "\n\n"
              << source_block(*feed);
  }
}

void print_json(const std::string& page, const std::vector<CheckedFeed>& checked) {
  nlohmann::json feeds = nlohmann::json::array();
  nlohmann::json rejected = nlohmann::json::array();
  for (const CheckedFeed& feed : checked) {
    const char* found_by = feed.is_page ? "page" : sources::found_by_name(feed.candidate.found_by);
    if (feed.format.empty()) {
      rejected.push_back({{"url", feed.candidate.url}, {"found_by", found_by},
                          {"failure", feed.reached ? "not-a-feed" : "unreachable"}, {"error", feed.problem}});
    } else {
      feeds.push_back({{"url", feed.candidate.url}, {"format", feed.format}, {"title", feed.title},
                       {"items", feed.items}, {"found_by", found_by}});
    }
  }
  nlohmann::json answer = {{"page", page}, {"feeds", feeds}, {"rejected", rejected}};
  if (const CheckedFeed* feed = recommended(checked)) {
    answer["source"] = {{"id", config::propose_source_id(feed->title, feed->candidate.url)},
                        {"name", feed->title}, {"url", feed->candidate.url}, {"kind", "feed"},
                        {"toml", source_block(*feed)}};
  }
  std::cout << json_for_terminal(answer, 2) << "\n";
}

bool any_feed(const std::vector<CheckedFeed>& checked) { return recommended(checked) != nullptr; }

}  // namespace

int discover_feeds(const std::filesystem::path& config_path, const DiscoverOptions& options) {
  const std::string& url = options.url;
  const bool file_url = core::starts_with_ascii_nocase(url, "file://");
  if (!file_url && !core::is_web_url(url)) {
    std::cerr << core::trf("source discover: expected an http://, https:// or file:// URL, got \"{0}\"", {url})
              << "\n";
    return app::kExitUsage;
  }
  const net::FetchOptions fetch = fetch_options(config_path, file_url);
  auto page = net::fetch(url, fetch);
  if (!page) {
    std::cerr << core::trf("source discover: could not reach {0}: {1}", {url, without_url(page.error().message, url)})
              << "\n";
    return app::kExitRuntime;
  }
  const std::string page_url = page->effective_url.empty() ? url : page->effective_url;

  std::vector<CheckedFeed> checked;
  if (auto itself = sources::read_candidate(page->body, page_url, page->content_type)) {
    // The URL is a feed already: nothing to discover.
    CheckedFeed feed{{page_url, sources::FoundBy::kCommonPath, {}, {}}, {}, {}, 0, {}, true, true};
    feed.format = format_name(itself->version);
    feed.title = std::move(itself->title);
    feed.items = itself->items;
    checked.push_back(std::move(feed));
  } else {
    checked = check(sources::feeds_on_page(page->body, page_url), fetch);
    if (!any_feed(checked)) {
      for (CheckedFeed& guess : check(sources::common_feed_locations(page_url), fetch)) {
        checked.push_back(std::move(guess));
      }
    }
  }
  if (options.json) {
    print_json(page_url, checked);
  } else {
    print_text(page_url, checked);
  }
  return any_feed(checked) ? app::kExitOk : app::kExitNothing;
}

}  // namespace omvarld::cli
