// app/retry_backoff.h
//
// Exponential backoff: how long something that failed `streak` times in a
// row waits before the next attempt. retry_delay is the policy for a
// nämnd's digest; app/poll_policy.h builds the sources' on the same
// doubling_delay. Pure.

#pragma once

#include <chrono>

namespace omvarld::app {

inline constexpr std::chrono::seconds kFirstRetryDelay = std::chrono::minutes(5);
inline constexpr std::chrono::seconds kLongestRetryDelay = std::chrono::hours(6);

// `first` after one failure, doubling with each further failure of `streak`,
// never above `cap`. A streak below 1 counts as 1.
std::chrono::seconds doubling_delay(std::chrono::seconds first, int streak,
                                    std::chrono::seconds cap);

// After `streak` failures in a row (1 or more): 5 min, doubling with each
// failure, capped at 6 h, less up to a fifth at random (`jitter` in [0, 1))
// so that nämnder that failed together do not all retry together.
std::chrono::seconds retry_delay(int streak, double jitter);

}  // namespace omvarld::app
