#include "daemon/retry_backoff.h"

#include <algorithm>

namespace omvarld::daemon {

std::chrono::seconds retry_delay(int streak, double jitter) {
  std::chrono::seconds delay = kFirstRetryDelay;
  for (int i = 1; i < streak && delay < kLongestRetryDelay; ++i) delay *= 2;
  delay = std::min(delay, kLongestRetryDelay);
  const double kept = 1.0 - 0.2 * std::clamp(jitter, 0.0, 1.0);
  return std::chrono::seconds(static_cast<std::int64_t>(static_cast<double>(delay.count()) * kept));
}

}  // namespace omvarld::daemon
