// app/send_lease.h
//
// HeldLease: one process's hold on the store's send lease for one mail (a
// nämnd's digest, the coordinators' report; storage/send_leases.h), so that
// the daemon and a `digest send` run by hand beside it never send the same
// mail twice. Taken before reading what to send, renewed right before
// handing the message to the transport, released when the object goes,
// whatever happened in between. Used on the caller's thread; the store
// and clock must outlive it.

#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "digest/message.h"
#include "digest/transport.h"
#include "storage/send_leases.h"

namespace omvarld::app {

// How long a lease holds without renewal. It must outlast the slowest
// send, or another process would take the lease over mid-way: the
// transports' own limits are 120 s (SMTP's whole transaction, a stuck
// sendmail), selecting and recording a flood of 100,000 items takes a few
// seconds plus at most 5 s per statement waiting for SQLite's lock, and
// composing 150 entries is milliseconds. Ten minutes is several times all
// of that, and is renewed before delivery; it is also how long a crashed
// sender's digest waits before another process takes it over.
inline constexpr std::chrono::seconds kSendLeaseTime = std::chrono::minutes(10);

// The lease names: one per nämnd's digest, one for the report.
std::string digest_lease_name(const core::NamndId& namnd);
inline constexpr char kReportLeaseName[] = "report";

// "pid 4711 9f3a0c6e1b2d4a58": this process and a random part, so that a
// later process with the same pid is someone else.
std::string new_lease_owner();

class HeldLease {
 public:
  // Takes lease `name` for `owner` (new_lease_owner()) until now +
  // kSendLeaseTime. Returns nullopt when another owner holds it unexpired
  // (the caller skips that mail); fails with kStorage.
  static Result<std::optional<HeldLease>> take(storage::SendLeases& store, const core::Clock& clock,
                                               std::string name, std::string owner);

  HeldLease(HeldLease&& other) noexcept;
  HeldLease& operator=(HeldLease&&) = delete;
  ~HeldLease();  // releases it; a failure to release is logged (it expires anyway)

  // Extends the lease to now + kSendLeaseTime; false when it was lost
  // (expired and taken over), and then nothing may be sent under it.
  Result<bool> renew();

 private:
  HeldLease(storage::SendLeases& store, const core::Clock& clock, std::string name,
            std::string owner);

  storage::SendLeases* store_;  // null once moved from
  const core::Clock* clock_;
  std::string name_;
  std::string owner_;
};

// Renews `lease` right before handing `message` to `transport`: a lease that
// ran out while the message was composed may have been taken over, and then
// the other process sends this mail and this one must not. Fails with
// kDeliveryFailed, nothing sent, when the lease was lost; with the
// renewal's or the transport's error otherwise.
Result<void> deliver_under_lease(HeldLease& lease, digest::Transport& transport,
                                 const digest::Message& message);

// "another process (pid 4711 9f3a…) is sending it until 2026-11-30T06:10:00Z":
// who holds lease `name`, for the line that says a mail was skipped.
std::string lease_holder(const storage::SendLeases& store, const std::string& name);

}  // namespace omvarld::app
