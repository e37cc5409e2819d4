// tests/net/fetch_engine_helpers.h
//
// What the fetch engine's suites share: a feed, canned answers of the fault
// server, quick limits, and fetching a list of requests or one URL.

#pragma once

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "net/fetch_engine.h"
#include "tests/support/fault_http_server.h"

namespace omvarld::net::fetch_test {

using omvarld::testing::FaultRoute;
using namespace std::chrono_literals;

inline const std::string kFeed = "<rss version=\"2.0\"><channel><title>Nyheter</title></channel></rss>";

inline FaultRoute answer(int status, std::string reason, std::string body = {},
                  std::vector<std::pair<std::string, std::string>> headers = {}) {
  FaultRoute route;
  route.status = status;
  route.reason = std::move(reason);
  route.body = std::move(body);
  route.headers = std::move(headers);
  return route;
}

inline FaultRoute redirect(int status, std::string reason, std::string location) {
  return answer(status, std::move(reason), {}, {{"Location", std::move(location)}});
}

inline FaultRoute feed() { return answer(200, "OK", kFeed, {{"Content-Type", "application/rss+xml; charset=utf-8"}}); }

// Small limits, so that every fault shows within a few seconds; the tests
// of slow servers shorten the low-speed time further.
inline EngineOptions quick_options() {
  EngineOptions options;
  options.fetch.connect_timeout = 2s;
  options.fetch.total_timeout = 5s;
  options.low_speed_bytes_per_second = 100;
  options.low_speed_time = 3s;
  return options;
}

inline EngineOptions impatient_options() {
  EngineOptions options = quick_options();
  options.low_speed_time = 1s;
  return options;
}

// Fetches `requests` and returns the outcomes in completion order.
inline std::vector<FetchOutcome> fetch_each(const std::vector<FetchRequest>& requests, const EngineOptions& options) {
  std::vector<FetchOutcome> outcomes;
  fetch_all(requests, options, [&outcomes](FetchOutcome&& outcome) { outcomes.push_back(std::move(outcome)); });
  return outcomes;
}

inline FetchOutcome fetch_one(const std::string& url, const EngineOptions& options = quick_options(),
                       const std::string& etag = {}, const std::string& last_modified = {}) {
  auto outcomes = fetch_each({FetchRequest{"source", url, etag, last_modified}}, options);
  EXPECT_EQ(outcomes.size(), 1u);
  return outcomes.empty() ? FetchOutcome{} : std::move(outcomes.front());
}

// A port on 127.0.0.1 where nothing listens.
inline int closed_port() {
  const int probe = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ::bind(probe, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::getsockname(probe, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(probe);
  return ntohs(address.sin_port);
}

inline void expect_failed(const FetchOutcome& outcome, FetchFailure failure, const std::string& error) {
  EXPECT_EQ(outcome.status, FetchStatus::kFailed);
  EXPECT_EQ(outcome.failure, failure);
  EXPECT_EQ(outcome.error, error);
  EXPECT_EQ(outcome.body, "");
}

}  // namespace omvarld::net::fetch_test
