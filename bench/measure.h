// bench/measure.h
//
// Time and memory as the benchmarks measure them: wall time on the steady
// clock since a start, and the resident set size now. Header-only; Linux
// (/proc/self/status).

#pragma once

#include <chrono>
#include <fstream>
#include <string>

namespace omvarld::bench {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

inline double milliseconds_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// The resident set size now (VmRSS), in KiB; 0 when it cannot be read.
inline long rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

}  // namespace omvarld::bench
