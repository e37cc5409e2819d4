// app/coordinator_report.h
//
// The weekly report to [mail] coordinators (digest/report.h): gathers source
// health, floods, per-nämnd activity and officials' answers to "Relevant?
// Ja / Nej" (storage/feedback_votes.h) from the store for the period since
// the last report (a week when there was none), sends it on
// [mail] report_schedule through the digests' transport, and records it
// only after the transport accepted it, so each slot gets one report.
// Sent under the "report" send lease (app/send_lease.h), as digests
// are, so two processes never send it both; its Message-ID is derived
// from the last report, so one sent again after a crash keeps it.
// Runs on the caller's thread; everything passed in must outlive it.

#pragma once

#include <optional>

#include "config/config.h"
#include "core/clock.h"
#include "core/result.h"
#include "digest/compose.h"
#include "digest/message.h"
#include "digest/transport.h"
#include "storage/report_ledger.h"

namespace omvarld::app {

// The nämnd id the report's message carries (file names, List-Id).
inline constexpr char kReportListName[] = "rapport";

struct PreparedReport {
  digest::Digest composed;
  digest::Message message;
};

class CoordinatorReport {
 public:
  CoordinatorReport(const config::Config& config, storage::ReportLedger& store,
                    const core::Clock& clock);

  // The report as it would go out now, sending and recording nothing;
  // nullopt when no coordinators are configured. Fails with kStorage.
  Result<std::optional<PreparedReport>> prepare() const;

  // Sends the report when a slot of report_schedule passed since the last
  // one (or always, with `ignore_schedule`) and records it. Returns whether
  // one went out: not when another process holds the report's lease (an
  // info line says so); fails with the transport's or the store's error.
  Result<bool> send(digest::Transport& transport, bool ignore_schedule);

 private:
  const config::Config& config_;
  storage::ReportLedger& store_;
  const core::Clock& clock_;
};

}  // namespace omvarld::app
