// tests/support/test_doubles.h
//
// The two stand-ins the daemon's unit tests use where time and a mail server
// must be under the test's control: a clock that moves only when told, and a
// transport that keeps what it accepts and refuses on demand. The real SMTP
// server and sendmail are tested in tests/digest and tests/e2e/smtp_e2e.

#pragma once

#include <chrono>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "digest/transport.h"

namespace omvarld::testing {

class FixedClock final : public core::Clock {
 public:
  explicit FixedClock(core::TimePoint now) : now_(now) {}
  core::TimePoint now() const override { return now_; }
  void advance(std::chrono::seconds by) { now_ += by; }

 private:
  core::TimePoint now_;
};

// Refuses every message while `refuse` is set (for good while
// `refuse_permanently` is); keeps the accepted ones.
class RecordingTransport final : public digest::Transport {
 public:
  Result<void> deliver(const digest::Message& message) override {
    ++attempts;
    if (refuse_permanently) {
      return fail(Errc::kDeliveryRefused,
                  "smtp: message rejected (552 5.3.4 message size exceeds fixed maximum)");
    }
    if (refuse) return fail(Errc::kDeliveryFailed, "smtp: 451 4.3.0 try again later");
    accepted.push_back(message);
    return {};
  }
  bool refuse = false;
  bool refuse_permanently = false;
  int attempts = 0;
  std::vector<digest::Message> accepted;
};

}  // namespace omvarld::testing
