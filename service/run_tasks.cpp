#include "service/run_tasks.h"

#include <algorithm>
#include <set>
#include <utility>

#include <spdlog/spdlog.h>

#include "app/coordinator_report.h"
#include "app/digest_run.h"
#include "app/digest_schedule.h"
#include "app/mail_transport.h"
#include "app/poll_cycle.h"
#include "app/retention.h"
#include "app/time_format.h"
#include "service/run_status.h"
#include "web/digest_feedback.h"

namespace omvarld::service {

namespace {

using namespace std::chrono_literals;

// When the store cannot say what is due, ask it again after this long.
constexpr std::chrono::seconds kRecheckAfterError = 1min;
// A failed coordinators' report is tried again after this long; digests
// keep their own retry record (app/retry_backoff.h).
constexpr std::chrono::seconds kReportRetry = 15min;
// A digest another process was sending is looked at again after this long:
// by then that send is done (and the digest no longer due) or the other
// process is gone and its lease runs out (app/send_lease.h).
constexpr std::chrono::seconds kBusyRecheck = 1min;
constexpr std::chrono::seconds kPruneEvery = 24h;
// Far enough ahead to mean "nothing planned"; the loop wakes earlier anyway.
constexpr std::chrono::seconds kNothingPlanned = 365 * 24h;

void keep_earliest(std::optional<core::TimePoint>& earliest, core::TimePoint candidate) {
  if (!earliest || candidate < *earliest) earliest = candidate;
}

// "+1, −0" for the ids in `after` not in `before`, and the other way round.
template <class T, class Id>
std::string id_changes(const std::vector<T>& before, const std::vector<T>& after, Id T::*id) {
  std::set<std::string> old_ids;
  std::set<std::string> new_ids;
  for (const T& one : before) old_ids.insert(one.*id);
  for (const T& one : after) new_ids.insert(one.*id);
  int added = 0;
  int removed = 0;
  for (const std::string& one : new_ids) added += old_ids.count(one) == 0 ? 1 : 0;
  for (const std::string& one : old_ids) removed += new_ids.count(one) == 0 ? 1 : 0;
  return fmt::format("{} (+{}, -{})", after.size(), added, removed);
}

}  // namespace

core::TimePoint RunPlan::earliest() const { return std::min({poll, digest, report, prune}); }

RunTasks::RunTasks(std::filesystem::path config_path, std::unique_ptr<app::Runtime> runtime,
                   const core::Clock& clock, std::function<bool()> stop_requested)
    : config_path_(std::move(config_path)),
      runtime_(std::move(runtime)),
      clock_(clock),
      stop_requested_(std::move(stop_requested)) {}

RunPlan RunTasks::tick() {
  const core::TimePoint now = clock_.now();
  int failing = 0;
  const std::optional<core::TimePoint> poll_at = next_poll(now, failing);
  if (poll_at && *poll_at <= now) poll_due_sources();
  if (stop_requested_()) return plan(clock_.now());

  const DigestPlan digests = plan_digests(clock_.now());
  if (!digests.due.empty()) send_digests(digests.due, clock_.now());
  if (stop_requested_()) return plan(clock_.now());

  if (const auto report_at = next_report(clock_.now()); report_at && *report_at <= clock_.now()) {
    send_report(clock_.now());
  }
  if (stop_requested_()) return plan(clock_.now());

  if (!next_prune_ || *next_prune_ <= clock_.now()) {
    app::prune_old_items(runtime_->store, runtime_->config.daemon.retention, clock_);
    next_prune_ = clock_.now() + kPruneEvery;
  }
  app::rest_between_tasks();
  return plan(clock_.now());
}

RunPlan RunTasks::plan(core::TimePoint now) {
  RunPlan planned;
  int failing = 0;
  planned.poll = next_poll(now, failing).value_or(now + kNothingPlanned);
  const DigestPlan digests = plan_digests(now);
  planned.digest = digests.due.empty() ? digests.next.value_or(now + kNothingPlanned) : now;
  planned.report = next_report(now).value_or(now + kNothingPlanned);
  planned.prune = next_prune_.value_or(now);
  RunStatus status;
  status.sources = static_cast<int>(runtime_->config.sources.size());
  status.failing = failing;
  status.next_digest = digests.due.empty() ? digests.next : std::optional<core::TimePoint>(now);
  planned.status = to_status_line(status, runtime_->config.daemon.timezone);
  return planned;
}

// The earliest next attempt among the configured sources that are not
// disabled: now for one never polled. Counts the failing ones on the way.
std::optional<core::TimePoint> RunTasks::next_poll(core::TimePoint now, int& failing) {
  auto states = runtime_->store.fetch_states();
  if (!states) {
    spdlog::error("{}", states.error().message);
    return now + kRecheckAfterError;
  }
  std::map<core::SourceId, const storage::SourceFetchState*> state_of;
  for (const storage::SourceFetchState& state : *states) state_of[state.id] = &state;
  std::optional<core::TimePoint> earliest;
  for (const config::SourceConfig& source : runtime_->config.sources) {
    const auto found = state_of.find(source.id);
    if (found == state_of.end()) {
      keep_earliest(earliest, now);
      continue;
    }
    const storage::SourceFetchState& state = *found->second;
    if (state.is_disabled()) {
      ++failing;
      continue;
    }
    if (state.error_streak > 0) ++failing;
    keep_earliest(earliest, state.next_attempt.value_or(now));
  }
  return earliest;
}

// Which nämnder to offer their digest now, and when the next one is due:
// a nämnd is offered once per schedule slot (see offered_slot_), and one
// whose last attempt failed waits for its retry.
RunTasks::DigestPlan RunTasks::plan_digests(core::TimePoint now) {
  DigestPlan planned;
  const config::Config& config = runtime_->config;
  const std::string& timezone = config.daemon.timezone;
  for (const config::NamndConfig& namnd : config.namnder) {
    auto last = runtime_->store.last_delivery(namnd.id);
    auto due = last ? app::is_due(namnd.schedule, *last, now, timezone)
                    : Result<bool>(unexpected<Error>(last.error()));
    auto slot = app::latest_slot(namnd.schedule, now, timezone);
    auto next = app::next_slot(namnd.schedule, now, timezone);
    auto failure = runtime_->store.delivery_failure(namnd.id);
    if (!due || !slot || !next || !failure) {
      const Error& error = !due ? due.error()
                           : !slot ? slot.error()
                           : !next ? next.error()
                                   : failure.error();
      spdlog::error("{}: {}", namnd.id, error.message);
      keep_earliest(planned.next, now + kRecheckAfterError);
      continue;
    }
    const auto busy = busy_until_.find(namnd.id);
    if (!*due) {
      keep_earliest(planned.next, *next);
    } else if (*failure &&
               app::waits_for_retry(**failure, app::delivery_fingerprint(config, namnd), now)) {
      keep_earliest(planned.next, (*failure)->next_attempt);
    } else if (busy != busy_until_.end() && busy->second > now) {
      keep_earliest(planned.next, busy->second);
    } else if (const auto offered = offered_slot_.find(namnd.id);
               !*failure && offered != offered_slot_.end() && offered->second == *slot) {
      keep_earliest(planned.next, *next);
    } else {
      planned.due.push_back(&namnd);
    }
  }
  return planned;
}

// When the coordinators' report is next due; nullopt without coordinators.
std::optional<core::TimePoint> RunTasks::next_report(core::TimePoint now) {
  const config::Config& config = runtime_->config;
  if (config.mail.coordinators.empty()) return std::nullopt;
  if (report_retry_at_ && *report_retry_at_ > now) return *report_retry_at_;
  auto last = runtime_->store.last_report();
  auto due = last ? app::is_due(config.mail.report_schedule, *last, now, config.daemon.timezone)
                  : Result<bool>(unexpected<Error>(last.error()));
  if (!due) {
    spdlog::error("report: {}", due.error().message);
    return now + kRecheckAfterError;
  }
  if (*due) return now;
  auto next = app::next_slot(config.mail.report_schedule, now, config.daemon.timezone);
  if (!next) return now + kRecheckAfterError;
  return *next;
}

void RunTasks::poll_due_sources() {
  app::Runtime& runtime = *runtime_;
  app::PollCycle cycle(runtime.config, [&runtime]() -> const filters::Matcher& {
    return runtime.matcher();
  }, runtime.store, clock_);
  cycle.stop_when(stop_requested_);
  cycle.poll_due();
}

void RunTasks::send_digests(const std::vector<const config::NamndConfig*>& due,
                            core::TimePoint now) {
  auto transport = app::make_transport(runtime_->config.mail);
  if (!transport) {
    spdlog::error("digests: {}", transport.error().message);
    return;
  }
  app::DigestRun run(runtime_->config, runtime_->store, clock_,
                     web::digest_feedback_links(runtime_->config));
  const app::DigestSummary summary = run.send(due, **transport, false);
  for (const config::NamndConfig* namnd : due) {
    busy_until_.erase(namnd->id);
    if (std::find(summary.busy_namnder.begin(), summary.busy_namnder.end(), namnd) !=
        summary.busy_namnder.end()) {
      busy_until_[namnd->id] = now + kBusyRecheck;
      continue;
    }
    if (auto slot = app::latest_slot(namnd->schedule, now, runtime_->config.daemon.timezone)) {
      offered_slot_[namnd->id] = *slot;
    }
  }
}

void RunTasks::send_report(core::TimePoint now) {
  auto transport = app::make_transport(runtime_->config.mail);
  auto sent = transport ? app::CoordinatorReport(runtime_->config, runtime_->store, clock_)
                              .send(**transport, false)
                        : Result<bool>(unexpected<Error>(transport.error()));
  if (!sent) {
    report_retry_at_ = now + kReportRetry;
    const Error& error = sent.error();
    // Refused for good: the same report would be refused again, so wait for
    // the next slot (or a reload, which clears this).
    if (refused_for_good(error.code)) {
      if (auto next = app::next_slot(runtime_->config.mail.report_schedule, now,
                                runtime_->config.daemon.timezone)) {
        report_retry_at_ = *next;
      }
      spdlog::error("report: permanent refusal: {} (not retried before {}, the next slot)",
                    error.message, app::rfc3339(*report_retry_at_));
      return;
    }
    spdlog::error("report: {} (next attempt at {})", error.message, app::rfc3339(*report_retry_at_));
    return;
  }
  report_retry_at_.reset();
}

std::pair<bool, RunPlan> RunTasks::reload() {
  const std::string path = config_path_.string();
  auto loaded = app::load_checked_config(config_path_);  // logs each error as FILE:LINE:COL
  std::optional<filters::Matcher> compiled;
  if (loaded) {
    auto matcher = app::compile_matcher(*loaded);  // logs each bad term or query
    if (matcher) compiled.emplace(std::move(*matcher));
  }
  if (!compiled) {
    spdlog::error("reload: {} not applied; still running with the configuration loaded before",
                  path);
    return {false, plan(clock_.now())};
  }
  if (auto synced = app::sync_configured_sources(*loaded, runtime_->store); !synced) {
    spdlog::error("reload: {} not applied: {}", path, synced.error().message);
    return {false, plan(clock_.now())};
  }
  app::log_config_warnings(config_path_);
  const config::Config& before = runtime_->config;
  if (loaded->daemon.database != before.daemon.database) {
    spdlog::warn("reload: [daemon] database changed to {}; still using {} until a restart",
                 loaded->daemon.database, before.daemon.database);
  }
  spdlog::info("reload: applied {}: sources {}, nämnder {}, topics {}", path,
               id_changes(before.sources, loaded->sources, &config::SourceConfig::id),
               id_changes(before.namnder, loaded->namnder, &config::NamndConfig::id),
               id_changes(before.topics, loaded->topics, &config::TopicConfig::id));
  loaded->daemon.database = before.daemon.database;
  runtime_->replace_config(std::move(*loaded), std::move(*compiled));
  report_retry_at_.reset();  // a report refused under the old configuration may pass now
  return {true, plan(clock_.now())};
}

void RunTasks::close() {
  const std::string database = runtime_->config.daemon.database;
  runtime_.reset();
  spdlog::info("database {} closed", database);
}

}  // namespace omvarld::service
