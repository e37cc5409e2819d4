// web/post_rate_limit.cpp — see web/post_rate_limit.h.

#include "web/post_rate_limit.h"

#include <algorithm>
#include <cmath>

namespace omvarld::web {

PostRateLimit::PostRateLimit(int burst, std::chrono::milliseconds refill, std::size_t max_clients)
    : burst_(std::max(1, burst)),
      refill_(std::max(refill, std::chrono::milliseconds(1))),
      max_clients_(std::max<std::size_t>(1, max_clients)) {}

void PostRateLimit::refill(Bucket& bucket, Clock::time_point now) const {
  if (now <= bucket.updated) return;
  const double earned = std::chrono::duration<double, std::milli>(now - bucket.updated).count() /
                        static_cast<double>(refill_.count());
  bucket.tokens = std::min<double>(burst_, bucket.tokens + earned);
  bucket.updated = now;
}

void PostRateLimit::make_room(Clock::time_point now) {
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    Bucket projected = it->second;  // the bucket itself keeps when it was last used
    refill(projected, now);
    it = projected.tokens >= burst_ ? buckets_.erase(it) : std::next(it);
  }
  if (buckets_.size() < max_clients_) return;
  const auto oldest = std::min_element(buckets_.begin(), buckets_.end(), [](const auto& a, const auto& b) {
    return a.second.updated < b.second.updated;
  });
  buckets_.erase(oldest);
}

std::optional<std::chrono::seconds> PostRateLimit::take(const std::string& client,
                                                        Clock::time_point now) {
  auto found = buckets_.find(client);
  if (found == buckets_.end()) {
    if (buckets_.size() >= max_clients_) make_room(now);
    found = buckets_.emplace(client, Bucket{static_cast<double>(burst_), now}).first;
  }
  Bucket& bucket = found->second;
  refill(bucket, now);
  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    return std::nullopt;
  }
  const double wait_ms = (1.0 - bucket.tokens) * static_cast<double>(refill_.count());
  const long long wait_whole_ms = std::llround(wait_ms);  // no 2.0000001 s → 3 s
  return std::chrono::seconds(std::max<long long>(1, (wait_whole_ms + 999) / 1000));
}

}  // namespace omvarld::web
