// daemon/digest_run.h
//
// Sends nämnder their digests: asks the store for what each has not been
// sent yet, has digest::compose write it, gives it to the transport, and
// marks the items delivered only after the transport accepted the message.
// A failed delivery is recorded in the store (error, streak, next attempt
// after daemon/retry_backoff.h); a success clears it.
// Runs on the caller's thread; everything passed in must outlive it.

#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <vector>

#include "config/config.h"
#include "core/clock.h"
#include "core/result.h"
#include "digest/compose.h"
#include "digest/message.h"
#include "digest/transport.h"
#include "storage/item_store.h"

namespace omvarld::daemon {

// A composed digest and the stored items it holds.
struct PreparedDigest {
  digest::Digest composed;
  digest::Message message;
  std::vector<std::int64_t> item_ids;
};

struct DigestSummary {
  int sent = 0;
  int not_due = 0;
  int empty = 0;
  int deferred = 0;  // due, but waiting for their next retry
  int failed = 0;
};

class DigestRun {
 public:
  DigestRun(const config::Config& config, storage::ItemStore& store, const core::Clock& clock);

  // The nämnd's next digest without sending or marking anything; nullopt when
  // it has nothing new and send_empty is false.
  Result<std::optional<PreparedDigest>> prepare(const config::NamndConfig& namnd) const;

  // Sends the digests of `namnder` through `transport`: those that are due by
  // their schedule and not waiting for a retry, or all of them when
  // `ignore_schedule`. A nämnd that fails is logged, recorded and counted,
  // and the others go on.
  DigestSummary send(const std::vector<const config::NamndConfig*>& namnder,
                     digest::Transport& transport, bool ignore_schedule);

 private:
  Result<bool> send_one(const config::NamndConfig& namnd, digest::Transport& transport);
  Result<bool> is_waiting_for_retry(const config::NamndConfig& namnd) const;
  void record_failure(const config::NamndConfig& namnd, const Error& error);

  const config::Config& config_;
  storage::ItemStore& store_;
  const core::Clock& clock_;
  std::minstd_rand random_;  // retry jitter
};

}  // namespace omvarld::daemon
