// web/http_server.h
//
// The web archive's HTTP/1.1 server (Boost.Beast) on an io_context it is
// given — the daemon's event loop, no thread of its own. It routes each
// request to a page (web/http.h) and keeps everything outside the pages:
//   - routing: method and pattern; an unknown path is 404, a known path
//     with another method 405 with Allow; HEAD is GET without the body;
//   - decoding: the path, the query and a POST's urlencoded form,
//     percent-decoded; anything not UTF-8, or with NUL, is 400;
//   - limits (ServerLimits): header and body size (431, 413), open
//     connections (more are closed at once, and counted in one log line a
//     minute), the time a request may take
//     to arrive (slow clients are closed), keep-alive idle and write
//     timeouts, and POST budgets (429, Retry-After): a generous one per
//     client address before routing, and one per sender that a page
//     charges once it knows who sent it (Request::charge_post); a deadline
//     for each page's database queries (503 past it);
//   - headers on every response: a strict Content-Security-Policy,
//     nosniff, same-origin referrers, no framing, no-store for HTML; a
//     page's own headers override them;
//   - a log line per request: method, path (never the query: it may hold
//     a token), status, milliseconds, client;
//   - a page that throws answers 500 and the server goes on.
// Everything is done on the io_context's thread; so is every page.

#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "web/http.h"

namespace boost::asio {
class io_context;
}

namespace omvarld::web {

struct ServerLimits {
  std::size_t max_header_bytes = 8 * 1024;
  std::size_t max_body_bytes = 64 * 1024;
  std::size_t max_connections = 64;
  // Connections refused over max_connections are counted, and the count
  // logged (a warning) at most once per this interval, not once each.
  std::chrono::milliseconds refused_log_interval = std::chrono::minutes(1);
  // From the connection (on a kept-alive one: from the next request's first
  // byte) to the whole request: a client that trickles it in (slow loris)
  // is closed.
  std::chrono::milliseconds request_timeout = std::chrono::seconds(10);
  // How long a kept-alive connection may wait for the first byte of its
  // next request.
  std::chrono::milliseconds idle_timeout = std::chrono::seconds(5);
  std::chrono::milliseconds write_timeout = std::chrono::seconds(10);
  // The store's deadline for each page (storage::ItemStore::set_deadline):
  // a database query still running this long after the page began is
  // stopped and the page answers 503 (web/page.h), so the event loop, which
  // the daemon's signals and watchdog share, is free again.
  std::chrono::milliseconds query_budget = std::chrono::seconds(2);
  // POSTs per sender a page names through Request::charge_post (a feedback
  // link's recipient): `post_burst` at once, then one per `post_refill`
  // (10 a minute).
  int post_burst = 5;
  std::chrono::milliseconds post_refill = std::chrono::seconds(6);
  // Every POST from one client address, charged before any page runs (so a
  // flood of forged links is stopped too): `post_address_factor` times the
  // per-sender budget, as the officials behind the reverse proxy share it.
  int post_address_factor = 20;
  std::size_t max_rate_limited_clients = 10000;
};

// The Content-Security-Policy every response carries unless its page sets
// its own.
inline constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'";

class HttpServer {
 public:
  // `site` must outlive the server and the io_context's handlers.
  HttpServer(boost::asio::io_context& io, std::vector<Route> routes, Site& site,
             ServerLimits limits = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds `host` (an IP address) and `port` (0: any free one) and starts
  // accepting on the io_context. Fails when the address cannot be bound
  // (the port is taken, the address is not this machine's).
  Result<void> listen(const std::string& host, std::uint16_t port);

  // The port bound by listen, 0 before.
  std::uint16_t port() const;

  // Stops accepting and closes every connection; may be called from the
  // io_context's thread only (or when it does not run).
  void stop();

  // What the server and its connections share (web/http_server.cpp).
  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace omvarld::web
