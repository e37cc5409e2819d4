// app/retention.h
//
// [daemon] retention applied: `poll --once` prunes after its poll, and
// `omvarld run` once a day. Runs on the caller's thread, which must be the
// one using `store`.

#pragma once

#include <chrono>

#include "core/clock.h"
#include "storage/maintenance.h"

namespace omvarld::app {

// Deletes the items older than `retention` that no digest delivered, in
// short batches (storage::Maintenance::prune), so a poll of the daemon waiting
// for the database is delayed by milliseconds. Logs how many went, or the
// failure; a failure is not the caller's to handle.
void prune_old_items(storage::Maintenance& store, std::chrono::seconds retention,
                     const core::Clock& clock);

}  // namespace omvarld::app
