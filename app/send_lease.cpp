#include "app/send_lease.h"

#include <unistd.h>

#include <cstdio>
#include <exception>
#include <random>
#include <utility>

#include <spdlog/spdlog.h>

#include "app/time_format.h"

namespace omvarld::app {

std::string digest_lease_name(const core::NamndId& namnd) { return "digest:" + namnd; }

std::string new_lease_owner() {
  unsigned long long random_part = 0;
  try {
    std::random_device device;
    random_part = (static_cast<unsigned long long>(device()) << 32) | device();
  } catch (const std::exception&) {
    random_part = static_cast<unsigned long long>(
        std::chrono::steady_clock::now().time_since_epoch().count());
  }
  char text[64];
  std::snprintf(text, sizeof text, "pid %ld %016llx", static_cast<long>(::getpid()), random_part);
  return text;
}

Result<std::optional<HeldLease>> HeldLease::take(storage::SendLeases& store,
                                                 const core::Clock& clock, std::string name,
                                                 std::string owner) {
  const core::TimePoint now = clock.now();
  auto taken = store.take_send_lease(name, owner, now, now + kSendLeaseTime);
  if (!taken) return unexpected<Error>(taken.error());
  if (!*taken) return std::nullopt;
  return HeldLease(store, clock, std::move(name), std::move(owner));
}

HeldLease::HeldLease(storage::SendLeases& store, const core::Clock& clock, std::string name,
                     std::string owner)
    : store_(&store), clock_(&clock), name_(std::move(name)), owner_(std::move(owner)) {}

HeldLease::HeldLease(HeldLease&& other) noexcept
    : store_(std::exchange(other.store_, nullptr)),
      clock_(other.clock_),
      name_(std::move(other.name_)),
      owner_(std::move(other.owner_)) {}

HeldLease::~HeldLease() {
  if (!store_) return;
  if (auto released = store_->release_send_lease(name_, owner_); !released) {
    spdlog::warn("{}: {} (it runs out by itself within {} min)", name_, released.error().message,
                 std::chrono::duration_cast<std::chrono::minutes>(kSendLeaseTime).count());
  }
}

Result<bool> HeldLease::renew() {
  const core::TimePoint now = clock_->now();
  return store_->renew_send_lease(name_, owner_, now, now + kSendLeaseTime);
}

Result<void> deliver_under_lease(HeldLease& lease, digest::Transport& transport,
                                 const digest::Message& message) {
  auto renewed = lease.renew();
  if (!renewed) return unexpected<Error>(renewed.error());
  if (!*renewed) {
    return fail(Errc::kDeliveryFailed,
                "the send lease ran out before delivery and another process may have taken it; "
                "nothing sent");
  }
  return transport.deliver(message);
}

std::string lease_holder(const storage::SendLeases& store, const std::string& name) {
  auto lease = store.send_lease(name);
  if (!lease || !*lease) return "another process is sending it";
  return "another process (" + (*lease)->owner + ") is sending it until " +
         rfc3339((*lease)->expires_at);
}

}  // namespace omvarld::app
