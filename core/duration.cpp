#include "core/duration.h"

#include <charconv>
#include <limits>

namespace omvarld::core {

namespace {

std::optional<long long> seconds_per_unit(char unit) {
  switch (unit) {
    case 's': return 1;
    case 'm': return 60;
    case 'h': return 3600;
    case 'd': return 86400;
    case 'w': return 7 * 86400;
    default: return std::nullopt;
  }
}

}  // namespace

std::optional<std::chrono::seconds> parse_duration(std::string_view text) {
  if (text.size() < 2) return std::nullopt;
  auto unit = seconds_per_unit(text.back());
  if (!unit) return std::nullopt;
  std::string_view digits = text.substr(0, text.size() - 1);
  long long count = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  if (count <= 0 || count > std::numeric_limits<long long>::max() / *unit) return std::nullopt;
  return std::chrono::seconds(count * *unit);
}

std::string format_duration(std::chrono::seconds duration) {
  const long long total = duration.count();
  for (char unit : {'w', 'd', 'h', 'm'}) {
    const long long size = *seconds_per_unit(unit);
    if (total != 0 && total % size == 0) return std::to_string(total / size) + unit;
  }
  return std::to_string(total) + "s";
}

}  // namespace omvarld::core
