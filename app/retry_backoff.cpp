#include "app/retry_backoff.h"

#include <algorithm>
#include <cstdint>

namespace omvarld::app {

std::chrono::seconds doubling_delay(std::chrono::seconds first, int streak,
                                    std::chrono::seconds cap) {
  std::chrono::seconds delay = first;
  for (int i = 1; i < streak && delay < cap; ++i) delay *= 2;
  return std::min(delay, cap);
}

std::chrono::seconds retry_delay(int streak, double jitter) {
  const std::chrono::seconds delay = doubling_delay(kFirstRetryDelay, streak, kLongestRetryDelay);
  const double kept = 1.0 - 0.2 * std::clamp(jitter, 0.0, 1.0);
  return std::chrono::seconds(static_cast<std::int64_t>(static_cast<double>(delay.count()) * kept));
}

}  // namespace omvarld::app
