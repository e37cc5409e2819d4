// core/clock.h
//
// The one seam for time: code that needs "now" takes a Clock, so tests can
// hand it a fixed one. SystemClock is safe to share between threads.

#pragma once

#include "core/item.h"

namespace omvarld::core {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

}  // namespace omvarld::core
