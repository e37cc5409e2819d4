// service/run_tasks.h
//
// The work of `omvarld run`, step by step: on each tick it polls the sources
// whose next attempt has come, sends the digests and the coordinators'
// report that are due, prunes by [daemon] retention once a day, and says
// when it next has something to do; on reload it swaps in a new
// configuration once it is completely valid. It owns the Runtime (the
// configuration, its filters and the open store).
//
// Threading: every call, from construction on, must come from one thread
// at a time (the daemon's worker thread): the store is used only there.
// Only `stop_requested` may be called from elsewhere, and the object given
// for it must outlive this one.

#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/runtime.h"
#include "config/config.h"
#include "core/clock.h"

namespace omvarld::service {

// When each kind of work is next due, and the status line to show.
struct RunPlan {
  core::TimePoint poll;    // the earliest next attempt among the sources
  core::TimePoint digest;  // the earliest digest slot or retry
  core::TimePoint report;  // the coordinators' report (far ahead without coordinators)
  core::TimePoint prune;   // a day after the last retention prune
  std::string status;      // service/run_status.h

  core::TimePoint earliest() const;
};

class RunTasks {
 public:
  // `stop_requested` is asked between steps and inside a poll; once true, a
  // tick ends as soon as the current store transaction is done.
  RunTasks(std::filesystem::path config_path, std::unique_ptr<app::Runtime> runtime,
           const core::Clock& clock, std::function<bool()> stop_requested);

  // Does whatever is due now (in the order poll, digests, report, prune),
  // then plans the next tick.
  RunPlan tick();

  // Reads the configuration again. Applied only when it loads, validates
  // and its filters compile; then the store learns the new sources and the
  // changes are logged in counts. Otherwise every error is logged as
  // FILE:LINE:COL and the running configuration stays. Returns whether it
  // was applied, with the plan under the configuration now in force.
  std::pair<bool, RunPlan> reload();

  // The configuration in force (on the worker thread, or before it starts).
  const config::Config& config() const { return runtime_->config; }

  // Closes the store. Nothing may be called afterwards.
  void close();

 private:
  struct DigestPlan {
    std::vector<const config::NamndConfig*> due;
    std::optional<core::TimePoint> next;
  };

  RunPlan plan(core::TimePoint now);
  std::optional<core::TimePoint> next_poll(core::TimePoint now, int& failing);
  DigestPlan plan_digests(core::TimePoint now);
  std::optional<core::TimePoint> next_report(core::TimePoint now);
  void poll_due_sources();
  void send_digests(const std::vector<const config::NamndConfig*>& due, core::TimePoint now);
  void send_report(core::TimePoint now);

  std::filesystem::path config_path_;
  std::unique_ptr<app::Runtime> runtime_;
  const core::Clock& clock_;
  std::function<bool()> stop_requested_;
  // The schedule slot in which each nämnd was last offered its digest, so
  // that a due nämnd with nothing new waits for its next slot instead of
  // being asked again on every tick. Kept in memory: after a restart every
  // due nämnd is asked once, as "a digest missed while down" requires.
  std::map<core::NamndId, core::TimePoint> offered_slot_;
  // When to look again at a nämnd whose digest another process was sending
  // (its send lease was held): not offered for the slot, since that process
  // may crash before recording it.
  std::map<core::NamndId, core::TimePoint> busy_until_;
  std::optional<core::TimePoint> report_retry_at_;
  std::optional<core::TimePoint> next_prune_;
};

}  // namespace omvarld::service
