// service/service_notifier.h
//
// What `omvarld run` tells systemd (sd_notify(3)): READY=1 once it serves,
// RELOADING=1 while it reloads (Type=notify-reload), STOPPING=1 when it
// stops, a STATUS= line for `systemctl status`, and WATCHDOG=1 pings.
// Every call is a no-op when NOTIFY_SOCKET is unset or empty (not run by
// systemd).
// Call from the event loop's thread only: a loop that hangs must stop the
// watchdog pings. No libsystemd type appears here.

#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace omvarld::service {

class ServiceNotifier {
 public:
  // Started, or back after a reload; `status` is shown as STATUS= with it.
  void ready(const std::string& status) const;

  // A reload (SIGHUP) begins: RELOADING=1 with MONOTONIC_USEC, the time of
  // the request on CLOCK_MONOTONIC, as systemd's notify-reload requires.
  void reloading() const;

  // Shutdown begins.
  void stopping() const;

  // A new one-line status ("42 källor, 3 fel, nästa utskick mån 07:00").
  void status(const std::string& status) const;

  // How often to ping: half of WatchdogSec (WATCHDOG_USEC) when the service
  // manager watches this process, else nullopt.
  std::optional<std::chrono::microseconds> watchdog_ping_interval() const;

  void ping_watchdog() const;

 private:
  void notify(const std::string& state) const;

  mutable bool warned_ = false;  // a refusal is logged once
};

}  // namespace omvarld::service
