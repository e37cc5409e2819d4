// daemon/retry_backoff.h
//
// How long a nämnd's digest waits before the next attempt after failed
// deliveries. Pure.

#pragma once

#include <chrono>

namespace omvarld::daemon {

inline constexpr std::chrono::seconds kFirstRetryDelay = std::chrono::minutes(5);
inline constexpr std::chrono::seconds kLongestRetryDelay = std::chrono::hours(6);

// After `streak` failures in a row (1 or more): 5 min, doubling with each
// failure, capped at 6 h, less up to a fifth at random (`jitter` in [0, 1))
// so that nämnder that failed together do not all retry together.
std::chrono::seconds retry_delay(int streak, double jitter);

}  // namespace omvarld::daemon
