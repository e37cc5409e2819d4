// storage/send_leases.h
//
// SendLeases: the store's role that lets at most one process at a time send
// a given mail (a nämnd's digest, the coordinators' report), across every
// process that opens the file: the daemon and `digest send` run by hand.
// app/send_lease.h holds a lease through it.
//
// A sender takes the lease before it reads what to send and releases it
// after recording the delivery (or the failure), so the next holder reads
// what it recorded. A lease runs out at `expires_at`, so one left by a
// crashed process is taken over then; a holder that needs longer renews it.
// Each call is one statement in its own write transaction (BEGIN
// IMMEDIATE), which is what makes taking atomic between processes.
// Implemented by ItemStore (storage/send_leases.cpp) on its one connection,
// so the thread rule of storage/item_store.h applies.

#pragma once

#include <optional>
#include <string>

#include "core/item.h"
#include "core/result.h"

namespace omvarld::storage {

// Who is sending one mail now.
struct SendLease {
  std::string name;   // "digest:linkoping/utbildning", "report"
  std::string owner;  // the holder's token, "pid 4711 3f9a…"
  core::TimePoint expires_at;
};

class SendLeases {
 public:
  // Takes the lease `name` for `owner` until `expires_at` when it is free,
  // expired at `now`, or already `owner`'s; returns whether `owner` holds
  // it now. Fails with kStorage, or kStorageBusy for a lock held beyond the
  // busy timeout.
  virtual Result<bool> take_send_lease(const std::string& name, const std::string& owner,
                                       core::TimePoint now, core::TimePoint expires_at) = 0;

  // Moves the lease's expiry to `expires_at` if `owner` still holds it and
  // it has not expired at `now`; returns whether it did (false: lost).
  virtual Result<bool> renew_send_lease(const std::string& name, const std::string& owner,
                                        core::TimePoint now, core::TimePoint expires_at) = 0;

  // Gives the lease up if `owner` holds it; does nothing otherwise.
  virtual Result<void> release_send_lease(const std::string& name, const std::string& owner) = 0;

  // The lease `name` as stored (possibly expired), if any.
  virtual Result<std::optional<SendLease>> send_lease(const std::string& name) const = 0;

 protected:
  ~SendLeases() = default;
};

}  // namespace omvarld::storage
