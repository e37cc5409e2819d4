#include "core/time_zone.h"

#include <exception>
#include <string>

namespace omvarld::core {

Result<const date::time_zone*> find_time_zone(std::string_view name) {
  try {
    return date::locate_zone(std::string(name));
  } catch (const std::exception& e) {
    return fail(Errc::kInvalidConfig, e.what());
  }
}

const date::time_zone& time_zone_or_utc(std::string_view name) {
  const auto zone = find_time_zone(name);
  return zone ? **zone : *date::locate_zone("UTC");
}

}  // namespace omvarld::core
