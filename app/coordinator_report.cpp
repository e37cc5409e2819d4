#include "app/coordinator_report.h"

#include <chrono>
#include <map>
#include <string>
#include <utility>

#include <spdlog/spdlog.h>

#include "app/digest_schedule.h"
#include "app/send_lease.h"
#include "app/source_health.h"
#include "digest/report.h"

namespace omvarld::app {

namespace {

std::string namnd_name(const config::NamndConfig& namnd) {
  return namnd.name.empty() ? namnd.id : namnd.name + " (" + namnd.id + ")";
}

// What officials answered about each nämnd's items in the period, for the
// nämnder with answers.
Result<void> add_answers(const config::Config& config, const storage::ReportLedger& store,
                         digest::Report& report) {
  for (const config::NamndConfig& namnd : config.namnder) {
    auto feedback = store.namnd_feedback(namnd.id, report.from, report.to);
    if (!feedback) return unexpected<Error>(feedback.error());
    if (feedback->ja + feedback->nej == 0) continue;
    digest::NamndAnswers answers{namnd_name(namnd), feedback->ja, feedback->nej, {}, {}};
    for (storage::NejItem& item : feedback->nej_items) {
      answers.nej_items.push_back(
          {item.item.title, item.item.link, item.nej, std::move(item.terms)});
    }
    for (const storage::TermVotes& term : feedback->terms) {
      answers.terms.push_back({term.term, term.ja, term.nej});
    }
    report.answers.push_back(std::move(answers));
  }
  return {};
}

}  // namespace

CoordinatorReport::CoordinatorReport(const config::Config& config, storage::ReportLedger& store,
                                     const core::Clock& clock)
    : config_(config), store_(store), clock_(clock) {}

Result<std::optional<PreparedReport>> CoordinatorReport::prepare() const {
  if (config_.mail.coordinators.empty()) return std::nullopt;
  const core::TimePoint now = clock_.now();
  auto last = store_.last_report();
  if (!last) return unexpected<Error>(last.error());
  digest::Report report;
  report.from = last->value_or(now - std::chrono::days(7));
  report.to = now;
  report.silent_after = config_.daemon.silent_after;

  auto statuses = store_.source_status();
  if (!statuses) return unexpected<Error>(statuses.error());
  SourceHealth health = source_health(config_, *statuses, now);
  report.failing = std::move(health.failing);
  report.silent = std::move(health.silent);
  auto floods = store_.floods_since(report.from);
  if (!floods) return unexpected<Error>(floods.error());
  for (const storage::FloodRecord& flood : *floods) {
    report.floods.push_back(
        {source_name(config_, flood.source), flood.at, flood.new_items, flood.held_matches});
  }
  auto rotations = store_.id_rotations_since(report.from);
  if (!rotations) return unexpected<Error>(rotations.error());
  for (const storage::IdRotationRecord& rotation : *rotations) {
    report.id_rotations.push_back(
        {source_name(config_, rotation.source), rotation.at, rotation.rekeyed_items});
  }
  auto failures = store_.delivery_failures();
  if (!failures) return unexpected<Error>(failures.error());
  for (const storage::DeliveryFailure& failure : *failures) {
    const config::NamndConfig* namnd = config_.find_namnd(failure.namnd);
    if (!namnd) continue;  // no longer configured: nobody waits for it
    report.deliveries.push_back(
        {namnd_name(*namnd), failure.last_error, failure.streak, failure.first_failure,
         failure.next_attempt, failure.kind == storage::DeliveryFailureKind::kPermanent});
  }
  auto activity = store_.namnd_activity(report.from);
  if (!activity) return unexpected<Error>(activity.error());
  std::map<core::NamndId, storage::NamndActivity> by_namnd;
  for (storage::NamndActivity& one : *activity) by_namnd[one.namnd] = one;
  for (const config::NamndConfig& namnd : config_.namnder) {
    const storage::NamndActivity& counts = by_namnd[namnd.id];
    report.namnder.push_back({namnd_name(namnd), counts.matches, counts.digests});
  }
  if (auto added = add_answers(config_, store_, report); !added) {
    return unexpected<Error>(added.error());
  }

  const digest::Recipient recipient{kReportListName,
                                    "Omvärldsbevakning – samordnare",
                                    config_.mail.coordinators,
                                    config_.mail.from,
                                    {},  // no List-Unsubscribe: the coordinators are the list
                                    config_.daemon.timezone};
  PreparedReport prepared;
  prepared.composed = digest::render_report(report, config_.daemon.timezone);
  // Derived from the last report: the same report sent again after a crash
  // before it was recorded keeps its Message-ID.
  auto previous = store_.last_report_id();
  if (!previous) return unexpected<Error>(previous.error());
  prepared.message = digest::to_message(
      recipient, prepared.composed, now,
      digest::derived_message_id(config_.mail.from, kReportListName, *previous, {}));
  return prepared;
}

Result<bool> CoordinatorReport::send(digest::Transport& transport, bool ignore_schedule) {
  auto due = [&]() -> Result<bool> {
    if (ignore_schedule) return true;
    auto last = store_.last_report();
    if (!last) return unexpected<Error>(last.error());
    return is_due(config_.mail.report_schedule, *last, clock_.now(), config_.daemon.timezone);
  };
  if (config_.mail.coordinators.empty()) {
    spdlog::debug("report: no [mail] coordinators, nothing to send");
    return false;
  }
  // Asked before the lease, so that a report not due costs no write, and
  // again under it: the process that held it may have just sent it.
  auto before = due();
  if (!before || !*before) return before;
  auto last_before = store_.last_report_id();
  if (!last_before) return unexpected<Error>(last_before.error());
  auto lease = HeldLease::take(store_, clock_, kReportLeaseName, new_lease_owner());
  if (!lease) return unexpected<Error>(lease.error());
  if (!*lease) {
    spdlog::info("report: skipped: {}", lease_holder(store_, kReportLeaseName));
    return false;
  }
  auto still = due();
  if (!still || !*still) return still;
  // A report another process recorded between the two looks went out just
  // now, also for `--now`.
  auto last_after = store_.last_report_id();
  if (!last_after) return unexpected<Error>(last_after.error());
  if (*last_after != *last_before) {
    spdlog::info("report: skipped: another process sent it just now");
    return false;
  }
  auto prepared = prepare();
  if (!prepared) return unexpected<Error>(prepared.error());
  if (!*prepared) {
    spdlog::debug("report: no [mail] coordinators, nothing to send");
    return false;
  }
  const digest::Message& message = (*prepared)->message;
  if (auto delivered = deliver_under_lease(**lease, transport, message); !delivered) {
    return unexpected<Error>(delivered.error());
  }
  if (auto recorded = store_.record_report({message.message_id, message.subject, message.date});
      !recorded) {
    return unexpected<Error>(recorded.error());
  }
  spdlog::info("report: sent \"{}\"", message.subject);
  return true;
}

}  // namespace omvarld::app
