// web/post_rate_limit.h
//
// How many POSTs (votes) one client address may send: a token bucket per
// address, `burst` tokens, one more every `refill`. Bounded: at most
// `max_clients` addresses are remembered; when full, the buckets that have
// refilled completely are forgotten first (they carry no information),
// else the oldest-touched one. Pure: the time is passed in.

#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>

namespace omvarld::web {

class PostRateLimit {
 public:
  using Clock = std::chrono::steady_clock;

  PostRateLimit(int burst, std::chrono::milliseconds refill, std::size_t max_clients);

  // Takes a token for `client` at `now`: nullopt when there was one, else
  // how long until there is (for Retry-After, at least 1 s).
  std::optional<std::chrono::seconds> take(const std::string& client, Clock::time_point now);

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point updated;
  };
  void refill(Bucket& bucket, Clock::time_point now) const;
  void make_room(Clock::time_point now);

  int burst_;
  std::chrono::milliseconds refill_;
  std::size_t max_clients_;
  std::map<std::string, Bucket> buckets_;
};

}  // namespace omvarld::web
