// core/duration.h
//
// Durations as the config and the command line write them: "90s", "30m",
// "2h", "7d", "2w". Pure functions.

#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace omvarld::core {

// Parses a positive whole number followed by one unit (s, m, h, d, w).
// Returns nullopt for anything else: "", "30", "1.5h", "-2d", "30 m", "0m".
std::optional<std::chrono::seconds> parse_duration(std::string_view text);

// The shortest exact spelling: 1800s -> "30m", 86400s -> "1d".
std::string format_duration(std::chrono::seconds duration);

}  // namespace omvarld::core
