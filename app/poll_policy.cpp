#include "app/poll_policy.h"

#include <algorithm>
#include <cstdint>

#include "app/retry_backoff.h"

namespace omvarld::app {
namespace {

std::chrono::seconds jittered(std::chrono::seconds delay, double jitter) {
  const double factor = 0.9 + 0.2 * std::clamp(jitter, 0.0, 1.0);
  return std::chrono::seconds(
      static_cast<std::int64_t>(static_cast<double>(delay.count()) * factor));
}

}  // namespace

core::TimePoint next_poll_after_success(core::TimePoint now, std::chrono::seconds interval,
                                        double jitter) {
  return now + jittered(std::max(interval, kShortestPollInterval), jitter);
}

core::TimePoint next_poll_after_failure(core::TimePoint now, std::chrono::seconds interval,
                                        int streak,
                                        std::optional<std::chrono::seconds> retry_after,
                                        double jitter) {
  const std::chrono::seconds backoff = doubling_delay(
      std::max(interval, kShortestPollInterval), streak, kLongestPollBackoff);
  std::chrono::seconds delay = std::min(jittered(backoff, jitter), kLongestPollBackoff);
  if (retry_after) delay = std::max(delay, std::clamp(*retry_after, std::chrono::seconds(0),
                                                      kLongestRetryAfter));
  return now + delay;
}

bool disables_source(long http_status) { return http_status == 410; }

}  // namespace omvarld::app
