#include "storage/intake_rules.h"

#include <algorithm>

namespace omvarld::storage {

bool is_old_news(std::optional<core::TimePoint> published,
                 std::optional<core::TimePoint> last_digest, core::TimePoint stored_at,
                 std::chrono::seconds first_digest_reach) {
  if (!published) return false;
  if (last_digest) return *published < *last_digest - kLateArrivalGrace;
  return *published < stored_at - first_digest_reach;
}

bool is_flood(int new_items, std::vector<int> earlier_counts) {
  if (new_items > kFloodAlways) return true;
  if (static_cast<int>(earlier_counts.size()) < kFloodHistory) return false;
  const auto middle = earlier_counts.begin() + static_cast<std::ptrdiff_t>(earlier_counts.size() / 2);
  std::nth_element(earlier_counts.begin(), middle, earlier_counts.end());
  return new_items > kFloodMinimum && new_items > kFloodFactor * *middle;
}

}  // namespace omvarld::storage
