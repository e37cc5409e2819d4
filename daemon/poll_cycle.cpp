#include "daemon/poll_cycle.h"

#include <utility>
#include <vector>

#include <spdlog/spdlog.h>

#include "feeds/normalize.h"
#include "feeds/parser.h"

namespace omvarld::daemon {

namespace {

feeds::FetchOptions fetch_options_of(const config::DaemonSection& daemon) {
  feeds::FetchOptions options;
  options.user_agent = daemon.user_agent;
  options.allow_file_urls = daemon.allow_file_urls;
  return options;
}

}  // namespace

PollCycle::PollCycle(const config::Config& config, const filters::Matcher& matcher,
                     storage::ItemStore& store, const core::Clock& clock)
    : config_(config),
      matcher_(matcher),
      store_(store),
      clock_(clock),
      fetch_options_(fetch_options_of(config.daemon)) {}

PollSummary PollCycle::poll_all() {
  PollSummary summary;
  for (const config::SourceConfig& source : config_.sources) {
    ++summary.sources;
    auto polled = poll_source(source);
    if (!polled) {
      ++summary.failed;
      continue;
    }
    summary.new_items += *polled;
  }
  spdlog::info("poll: {} sources, {} ok, {} failed, {} new items", summary.sources,
               summary.sources - summary.failed, summary.failed, summary.new_items);
  return summary;
}

Result<int> PollCycle::poll_source(const config::SourceConfig& source) {
  auto fetched = feeds::fetch(source.url, fetch_options_);
  if (!fetched) return record_failure(source, fetched.error(), 0);

  auto parsed = feeds::parse_feed(fetched->body, {fetched->effective_url, fetched->content_type});
  if (!parsed) return record_failure(source, parsed.error(), fetched->http_status);
  if (parsed->bozo) spdlog::debug("{}: repaired an ill-formed document: {}", source.id, parsed->bozo_reason);

  std::vector<storage::ClassifiedItem> items;
  for (core::Item& item : feeds::normalize(*parsed, source.id)) {
    std::vector<core::Match> matches = matcher_.classify(item).namnder;
    items.push_back({std::move(item), std::move(matches)});
  }
  const storage::PollRecord poll{clock_.now(), fetched->http_status, 0, {},
                                 config_.daemon.first_digest_reach};
  auto stored = store_.store_poll(source.id, items, poll);
  if (!stored) return record_failure(source, stored.error(), fetched->http_status);

  spdlog::info("{}: {} items, {} new{}", source.id, items.size(), stored->new_items,
               fetched->http_status ? fmt::format(" (HTTP {})", fetched->http_status) : "");
  if (stored->held_matches > 0) {
    spdlog::info("{}: {} matches held as old news (dated before the nämnd's last digest)",
                 source.id, stored->held_matches);
  }
  if (stored->flood) {
    spdlog::warn("{}: unusually many new items in one poll ({}); recorded for the report",
                 source.id, stored->new_items);
  }
  return stored->new_items;
}

Result<int> PollCycle::record_failure(const config::SourceConfig& source, const Error& error,
                                      long http_status) {
  spdlog::warn("{}: {}", source.id, error.message);
  const storage::PollRecord poll{clock_.now(), http_status, 0, error.message};
  if (auto recorded = store_.record_failure(source.id, poll); !recorded) {
    spdlog::error("{}: {}", source.id, recorded.error().message);
  }
  return unexpected<Error>(error);
}

}  // namespace omvarld::daemon
