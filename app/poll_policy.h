// app/poll_policy.h
//
// When a source is polled next. After a success: its interval, give or take
// a tenth at random, so that sources configured alike spread out. After a
// failure: exponential backoff from the interval (app/retry_backoff.h),
// with the same jitter, capped at a day and never giving up; a Retry-After
// from a 429 or 503 is honoured when it asks for longer. Only 410 Gone
// disables a source. Pure: the caller passes `now` and the random `jitter`
// in [0, 1).

#pragma once

#include <chrono>
#include <optional>

#include "core/item.h"

namespace omvarld::app {

// The longest a failing source waits between attempts.
inline constexpr std::chrono::seconds kLongestPollBackoff = std::chrono::hours(24);
// The longest Retry-After honoured; a server asking for more is tried again
// after this long.
inline constexpr std::chrono::seconds kLongestRetryAfter = std::chrono::hours(24);
// Intervals shorter than this (or unset) count as this.
inline constexpr std::chrono::seconds kShortestPollInterval = std::chrono::minutes(1);

// `interval` × (0.9 + 0.2 × jitter) after `now`.
core::TimePoint next_poll_after_success(core::TimePoint now, std::chrono::seconds interval,
                                        double jitter);

// After the `streak`-th failure in a row (1 or more): the interval doubled
// for each failure after the first, jittered as after a success, at most
// kLongestPollBackoff; or `retry_after` (at most kLongestRetryAfter) when
// that is later.
core::TimePoint next_poll_after_failure(core::TimePoint now, std::chrono::seconds interval,
                                        int streak,
                                        std::optional<std::chrono::seconds> retry_after,
                                        double jitter);

// Whether an answer with this HTTP status disables the source for good
// (until its URL changes in the config): only 410 Gone.
bool disables_source(long http_status);

}  // namespace omvarld::app
