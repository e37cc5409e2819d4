#include "service/service_notifier.h"

#include <time.h>

#include <cstdint>
#include <cstdlib>

#include <spdlog/spdlog.h>
#include <systemd/sd-daemon.h>

namespace omvarld::service {

namespace {

std::uint64_t monotonic_microseconds() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<std::uint64_t>(now.tv_sec) * 1000000u +
         static_cast<std::uint64_t>(now.tv_nsec) / 1000u;
}

}  // namespace

// sd_notify answers 0 without NOTIFY_SOCKET and a negative errno when the
// socket is there but refuses; the service goes on either way, and says so
// once rather than at every watchdog ping.
void ServiceNotifier::notify(const std::string& state) const {
  const char* socket = std::getenv("NOTIFY_SOCKET");
  if (socket == nullptr || *socket == '\0') return;
  if (const int sent = sd_notify(0, state.c_str()); sent < 0 && !warned_) {
    warned_ = true;
    spdlog::warn("sd_notify: {} refuses messages (error {}); not telling the service manager",
                 socket, -sent);
  }
}

void ServiceNotifier::ready(const std::string& status) const {
  notify("READY=1\nSTATUS=" + status);
}

void ServiceNotifier::reloading() const {
  notify("RELOADING=1\nMONOTONIC_USEC=" + std::to_string(monotonic_microseconds()) +
         "\nSTATUS=läser om konfigurationen");
}

void ServiceNotifier::stopping() const { notify("STOPPING=1\nSTATUS=avslutar"); }

void ServiceNotifier::status(const std::string& status) const { notify("STATUS=" + status); }

std::optional<std::chrono::microseconds> ServiceNotifier::watchdog_ping_interval() const {
  std::uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return std::nullopt;
  return std::chrono::microseconds(usec / 2);
}

void ServiceNotifier::ping_watchdog() const { notify("WATCHDOG=1"); }

}  // namespace omvarld::service
