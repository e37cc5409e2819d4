// The archive's HTTP server over real loopback sockets: routing, decoding,
// the headers every response carries, and each limit (sizes, connections,
// time, the POST budget), with the limits shortened where a test would
// otherwise wait. And the pure parts it is built from.

#include "web/http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <gtest/gtest.h>

#include "core/ascii.h"
#include "core/clock.h"
#include "storage/item_store.h"
#include "tests/support/log_capture.h"
#include "tests/support/temp_dir.h"
#include "web/page.h"
#include "web/post_rate_limit.h"
#include "web/request_target.h"

namespace omvarld::web {
namespace {

using namespace std::chrono_literals;
using omvarld::testing::LogCapture;
using omvarld::testing::TempDir;

// A connected loopback socket, closed when it goes.
class Client {
 public:
  explicit Client(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval wait{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  ~Client() {
    if (fd_ >= 0) ::close(fd_);
  }

  // Closes with a reset (RST) instead of the orderly FIN.
  void reset() {
    linger hard{1, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    ::close(fd_);
    fd_ = -1;
  }

  // Closes in the orderly way, at once.
  void close() {
    ::close(fd_);
    fd_ = -1;
  }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool connected() const { return connected_; }

  bool send(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }

  // Everything until the server closes (or 5 s pass).
  std::string read_all() {
    std::string got;
    char buffer[4096];
    for (;;) {
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) return got;
      got.append(buffer, static_cast<std::size_t>(n));
    }
  }

  // One response (headers and a Content-Length body), leaving the
  // connection open; "" when the server closed or 5 s passed first.
  std::string read_response() {
    std::string got;
    char byte = 0;
    while (got.find("\r\n\r\n") == std::string::npos) {
      if (::recv(fd_, &byte, 1, 0) != 1) return "";
      got += byte;
    }
    const std::size_t length_at = core::lowercase_ascii(got).find("content-length: ");
    const std::size_t length =
        length_at == std::string::npos ? 0 : std::stoul(got.substr(length_at + 16));
    for (std::size_t body = 0; body < length; ++body) {
      if (::recv(fd_, &byte, 1, 0) != 1) return "";
      got += byte;
    }
    return got;
  }

  // Whether the server closed the connection within `within`, without answering.
  bool closed_silently(std::chrono::milliseconds within) {
    timeval wait{static_cast<time_t>(within.count() / 1000),
                 static_cast<suseconds_t>((within.count() % 1000) * 1000)};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
    char byte = 0;
    const ssize_t n = ::recv(fd_, &byte, 1, 0);
    return n == 0 || (n < 0 && errno == ECONNRESET);
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
};

struct Reply {
  int status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;

  std::string header(const std::string& name) const {
    const auto found = headers.find(name);
    return found == headers.end() ? "" : found->second;
  }
};

Reply parse_reply(const std::string& raw) {
  Reply reply;
  const std::size_t end = raw.find("\r\n\r\n");
  if (raw.size() < 12 || end == std::string::npos) return reply;
  reply.status = std::stoi(raw.substr(9, 3));
  std::size_t at = raw.find("\r\n") + 2;
  while (at < end) {
    const std::size_t line_end = raw.find("\r\n", at);
    const std::string line = raw.substr(at, line_end - at);
    const std::size_t colon = line.find(':');
    reply.headers[core::lowercase_ascii(line.substr(0, colon))] = line.substr(colon + 2);
    at = line_end + 2;
  }
  reply.body = raw.substr(end + 4);
  return reply;
}

std::string get(const std::string& target, const std::string& method = "GET") {
  return method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
}

std::string post(const std::string& target, const std::string& body) {
  return "POST " + target +
         " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
         "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string joined(const Fields& fields) {
  std::string text;
  for (const auto& [name, value] : fields) text += "[" + name + "=" + value + "]";
  return text;
}

Response text(std::string body) {
  Response response;
  response.content_type = "text/plain; charset=utf-8";
  response.body = std::move(body);
  return response;
}

std::vector<Route> test_routes() {
  return {
      {"GET", "/namnd/{}/digest/{}",
       [](const Request& request, Site&) {
         return text(request.path_params.at(0) + "|" + request.path_params.at(1) + "|" +
                     request.param("q").value_or("-") + "|" + request.path);
       }},
      {"GET", "/", [](const Request&, Site&) { return html_page({"Start"}, "<p>Hej</p>"); }},
      {"GET", "/rost", [](const Request&, Site&) { return html_page({"Rösta"}, "<p>?</p>"); }},
      {"POST", "/rost",
       [](const Request& request, Site&) {
         // The sender is verified here as "vem" (a feedback page verifies a token).
         if (auto wait = request.charge_post(request.param("vem").value_or("anna"))) {
           return too_many_posts(*wait);
         }
         return text(joined(request.form) + request.client);
       }},
      {"POST", "/forfalskad",
       [](const Request&, Site&) { return error_page(403, "Länken är ändrad."); }},
      {"GET", "/kastar/{}",
       [](const Request& request, Site&) -> Response {
         throw std::runtime_error("no such thing: " + request.path_params.at(0) + " / " +
                                  request.param("q").value_or(""));
       }},
      {"GET", "/trasig",
       [](const Request&, Site&) -> Response { throw std::runtime_error("databasen svarar inte"); }},
      {"GET", "/alla",
       [](const Request&, Site& site) -> Response {
         auto items = site.store.items(storage::ItemQuery{});
         if (!items) return storage_failure_page(items.error(), "Arkivet kunde inte läsas.");
         return text(std::to_string(items->size()));
       }},
      {"GET", "/egen-policy",
       [](const Request&, Site&) {
         Response response = html_page({"Egen"}, "<p>x</p>");
         response.headers.emplace_back("Content-Security-Policy", "default-src 'none'; img-src 'self'");
         return response;
       }},
  };
}

class HttpServerTest : public ::testing::Test {
 protected:
  void start(ServerLimits limits = {}) {
    server_ = std::make_unique<HttpServer>(io_, test_routes(), site_, limits);
    auto listening = server_->listen("127.0.0.1", 0);
    ASSERT_TRUE(listening) << listening.error().message;
    ASSERT_NE(server_->port(), 0);
    thread_ = std::thread([this] { io_.run(); });
  }

  void TearDown() override {
    if (!thread_.joinable()) return;
    boost::asio::post(io_, [this] {
      server_->stop();
      io_.stop();
    });
    thread_.join();
  }

  // `count` items of one source in the web's database.
  void store_items(int count) {
    ASSERT_TRUE(store_.sync_sources(std::vector<storage::SourceRecord>{{"skr", "SKR", "https://skr.example.se/"}}));
    std::vector<core::Item> items;
    for (int i = 0; i < count; ++i) {
      core::Item made;
      made.source = "skr";
      made.key = "item-" + std::to_string(i);
      made.title = "Nyhet " + std::to_string(i);
      made.link = "https://skr.example.se/" + made.key;
      items.push_back(std::move(made));
    }
    const auto no_match = [](const core::Item&) { return std::vector<core::Match>{}; };
    const storage::PollRecord poll{std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()), 200, 0, {}};
    ASSERT_TRUE(store_.store_poll("skr", items, poll, no_match));
  }

  Reply exchange(const std::string& request) {
    Client client(server_->port());
    EXPECT_TRUE(client.connected());
    client.send(request);
    return parse_reply(client.read_all());
  }

  TempDir dir_;
  storage::ItemStore store_ = std::move(*storage::ItemStore::open((dir_.path() / "web.db").string()));
  core::SystemClock clock_;
  Site site_{std::make_shared<const config::Config>(), store_, clock_, dir_.path()};
  boost::asio::io_context io_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
};

// A page whose reads outlast the budget answers 503 with advice, and the
// next request has the whole budget again: the event loop (the daemon's
// signals and watchdog) is never held for long by one page.
TEST_F(HttpServerTest, APageWhoseReadsOutlastTheirBudgetAnswers503AndTheNextHasItsOwn) {
  ASSERT_NO_FATAL_FAILURE(store_items(300));
  ServerLimits limits;
  limits.query_budget = 0ms;  // spent before the first look at the clock
  start(limits);
  LogCapture log;
  const Reply slow = exchange(get("/alla"));
  EXPECT_EQ(slow.status, 503);
  EXPECT_NE(slow.body.find("Det tog för lång tid"), std::string::npos) << slow.body;
  EXPECT_NE(slow.body.find("pröva fler eller mer precisa ord"), std::string::npos);
  EXPECT_EQ(slow.header("retry-after"), "5");
  EXPECT_NE(log.text().find("the query took longer than its time limit and was stopped"), std::string::npos)
      << log.text();
  // The budget was the request's: the connection reads freely after it.
  auto all = store_.items(storage::ItemQuery{});
  ASSERT_TRUE(all) << all.error().message;
  EXPECT_EQ(all->size(), 300u);
}

TEST_F(HttpServerTest, APageWithinItsBudgetReadsEverything) {
  ASSERT_NO_FATAL_FAILURE(store_items(300));
  start();
  const Reply reply = exchange(get("/alla"));
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "300");
}

TEST_F(HttpServerTest, RoutesByPatternWithDecodedPathParamsAndQuery) {
  start();
  const Reply reply =
      exchange(get("/namnd/linkoping%2Futbildning/digest/7?q=f%C3%B6rskola+och%20skola&x=1"));
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "linkoping/utbildning|7|förskola och skola|/namnd/linkoping/utbildning/digest/7");
  EXPECT_EQ(reply.header("content-type"), "text/plain; charset=utf-8");
}

TEST_F(HttpServerTest, AnUnknownPathIsASwedish404) {
  start();
  const Reply reply = exchange(get("/finns/inte"));
  EXPECT_EQ(reply.status, 404);
  EXPECT_NE(reply.body.find("Sidan finns inte"), std::string::npos);
  EXPECT_EQ(exchange(get("/namnd/a/digest")).status, 404);  // one segment short
}

TEST_F(HttpServerTest, AKnownPathWithAnotherMethodIs405WithAllow) {
  start();
  Reply reply = exchange(get("/", "DELETE"));
  EXPECT_EQ(reply.status, 405);
  EXPECT_EQ(reply.header("allow"), "GET, HEAD");
  reply = exchange(get("/rost", "PUT"));
  EXPECT_EQ(reply.status, 405);
  EXPECT_EQ(reply.header("allow"), "GET, HEAD, POST");
}

TEST_F(HttpServerTest, HeadIsGetWithoutTheBody) {
  start();
  const Reply full = exchange(get("/"));
  const Reply head = exchange(get("/", "HEAD"));
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_FALSE(full.body.empty());
  EXPECT_EQ(head.header("content-length"), std::to_string(full.body.size()));
}

TEST_F(HttpServerTest, EveryResponseCarriesTheSecurityHeaders) {
  start();
  for (const std::string target : {"/", "/finns-inte", "/trasig", "/namnd/a/digest/b"}) {
    Reply reply = exchange(get(target));
    EXPECT_EQ(reply.header("content-security-policy"),
              "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
              "frame-ancestors 'none'; base-uri 'none'")
        << target;
    EXPECT_EQ(reply.header("x-content-type-options"), "nosniff") << target;
    EXPECT_EQ(reply.header("referrer-policy"), "same-origin") << target;
    EXPECT_EQ(reply.header("x-frame-options"), "DENY") << target;
  }
  EXPECT_EQ(exchange(get("/")).header("cache-control"), "no-store");
  EXPECT_EQ(exchange(get("/namnd/a/digest/b")).headers.count("cache-control"), 0u);  // not HTML
}

TEST_F(HttpServerTest, APageMayReplaceThePolicy) {
  start();
  const Reply reply = exchange(get("/egen-policy"));
  EXPECT_EQ(reply.header("content-security-policy"), "default-src 'none'; img-src 'self'");
  EXPECT_EQ(reply.header("x-frame-options"), "DENY");
}

TEST_F(HttpServerTest, AThrowingPageIs500AndTheServerGoesOn) {
  start();
  const Reply failed = exchange(get("/trasig"));
  EXPECT_EQ(failed.status, 500);
  EXPECT_NE(failed.body.find("Något gick fel"), std::string::npos);
  EXPECT_EQ(failed.body.find("databasen svarar inte"), std::string::npos);  // not shown to readers
  EXPECT_EQ(exchange(get("/")).status, 200);
}

TEST_F(HttpServerTest, ReadsAPostedFormDecoded) {
  start();
  const Reply reply = exchange(post("/rost", "vote=nej&kommentar=inte+relevant%21&&tom"));
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "[vote=nej][kommentar=inte relevant!][tom=]127.0.0.1");
}

TEST_F(HttpServerTest, TextThatIsNotUtf8OrHoldsNulIs400) {
  start();
  EXPECT_EQ(exchange(get("/namnd/a/digest/b?q=%FF")).status, 400);
  EXPECT_EQ(exchange(get("/namnd/a/digest/b?q=a%00b")).status, 400);
  EXPECT_EQ(exchange(get("/namnd/%C3%28/digest/b")).status, 400);
  EXPECT_EQ(exchange(get("/namnd/a/digest/b?q=%4")).status, 400);
  EXPECT_EQ(exchange(post("/rost", "vote=%ED%A0%80")).status, 400);  // a surrogate
  EXPECT_EQ(exchange(get("/")).status, 200);
}

TEST_F(HttpServerTest, ABodyOverTheLimitIs413) {
  ServerLimits limits;
  limits.max_body_bytes = 1024;
  start(limits);
  const Reply reply = exchange(post("/rost", "vote=" + std::string(4000, 'x')));
  EXPECT_EQ(reply.status, 413);
  EXPECT_EQ(exchange(post("/rost", "vote=" + std::string(1000, 'x'))).status, 200);
}

TEST_F(HttpServerTest, TheDefaultLimitsAre64KiBOfBodyAnd8KiBOfHeader) {
  start();
  EXPECT_EQ(exchange(post("/rost", "v=" + std::string(65 * 1024, 'x'))).status, 413);
  const std::string big_header = "X-Fyllnad: " + std::string(9 * 1024, 'y') + "\r\n";
  const Reply reply =
      exchange("GET / HTTP/1.1\r\nHost: localhost\r\n" + big_header + "Connection: close\r\n\r\n");
  EXPECT_EQ(reply.status, 431);
  EXPECT_EQ(reply.header("x-content-type-options"), "nosniff");
}

TEST_F(HttpServerTest, ASlowRequestIsClosedAfterTheTimeout) {
  ServerLimits limits;
  limits.request_timeout = 300ms;
  start(limits);
  Client slow(server_->port());
  ASSERT_TRUE(slow.send("GET / HTTP/1.1\r\nHost: localhost\r\n"));  // and never the blank line
  const auto begun = std::chrono::steady_clock::now();
  EXPECT_TRUE(slow.closed_silently(3s));
  EXPECT_LT(std::chrono::steady_clock::now() - begun, 2s);
  EXPECT_EQ(exchange(get("/")).status, 200);
}

TEST_F(HttpServerTest, AKeptAliveConnectionServesAgainAndIsClosedWhenIdle) {
  ServerLimits limits;
  limits.idle_timeout = 300ms;
  start(limits);
  Client client(server_->port());
  const std::string keep = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";
  ASSERT_TRUE(client.send(keep + keep));
  const std::string both = client.read_all();  // ends when the idle timeout closes it
  std::size_t answers = 0;
  for (std::size_t at = both.find("HTTP/1.1 200"); at != std::string::npos;
       at = both.find("HTTP/1.1 200", at + 1)) {
    ++answers;
  }
  EXPECT_EQ(answers, 2u);
}

TEST_F(HttpServerTest, AKeptAliveRequestBegunLateInTheIdleWaitHasItsWholeRequestTime) {
  ServerLimits limits;
  limits.idle_timeout = 600ms;
  limits.request_timeout = 3s;
  start(limits);
  Client client(server_->port());
  const std::string keep = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";
  ASSERT_TRUE(client.send(keep));
  EXPECT_EQ(parse_reply(client.read_response()).status, 200);
  // The next request begins within the idle wait and takes longer than it.
  std::this_thread::sleep_for(400ms);
  for (std::size_t at = 0; at < keep.size(); at += 6) {
    ASSERT_TRUE(client.send(keep.substr(at, 6)));
    std::this_thread::sleep_for(100ms);  // about 1 s in all
  }
  EXPECT_EQ(parse_reply(client.read_response()).status, 200);
  // Idle, it is closed after the idle wait.
  const auto begun = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.closed_silently(3s));
  EXPECT_LT(std::chrono::steady_clock::now() - begun, 1500ms);
}

TEST_F(HttpServerTest, AKeptAliveRequestThatTricklesPastTheRequestTimeIsClosed) {
  ServerLimits limits;
  limits.idle_timeout = 600ms;
  limits.request_timeout = 1s;
  start(limits);
  Client client(server_->port());
  ASSERT_TRUE(client.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"));
  EXPECT_EQ(parse_reply(client.read_response()).status, 200);
  const auto begun = std::chrono::steady_clock::now();
  ASSERT_TRUE(client.send("GET / HTTP/1.1\r\n"));  // and the rest never
  EXPECT_TRUE(client.closed_silently(3s));
  const auto waited = std::chrono::steady_clock::now() - begun;
  EXPECT_GE(waited, 800ms);  // the request time, not the idle wait, ran
  EXPECT_LT(waited, 2500ms);
}

TEST_F(HttpServerTest, ConnectionsOverTheLimitAreClosedAtOnce) {
  ServerLimits limits;
  limits.max_connections = 2;
  limits.request_timeout = 2s;
  start(limits);
  Client first(server_->port());
  Client second(server_->port());
  std::this_thread::sleep_for(100ms);  // both accepted
  Client third(server_->port());
  EXPECT_TRUE(third.closed_silently(1s));
  // A connection that ends makes room.
  ASSERT_TRUE(first.send(get("/")));
  EXPECT_EQ(parse_reply(first.read_all()).status, 200);
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(exchange(get("/")).status, 200);
}

TEST_F(HttpServerTest, RefusedConnectionsAreCountedInOneLogLinePerInterval) {
  LogCapture log;
  ServerLimits limits;
  limits.max_connections = 2;
  limits.request_timeout = 5s;
  limits.refused_log_interval = 1500ms;
  start(limits);
  Client first(server_->port());
  Client second(server_->port());
  std::this_thread::sleep_for(100ms);  // both accepted
  for (int n = 0; n < 10; ++n) {
    Client refused(server_->port());
    EXPECT_TRUE(refused.closed_silently(1s)) << n;
  }
  EXPECT_EQ(log.count("warning"), 0u) << log.text();  // not one line each
  std::this_thread::sleep_for(2000ms);
  ASSERT_EQ(log.count("warning"), 1u) << log.text();
  EXPECT_NE(log.text().find("warning web: refused 10 connections in the last 1500 ms: limit 2 open"),
            std::string::npos)
      << log.text();
  for (int n = 0; n < 3; ++n) {
    Client refused(server_->port());
    EXPECT_TRUE(refused.closed_silently(1s)) << n;
  }
  std::this_thread::sleep_for(2000ms);
  EXPECT_EQ(log.count("warning"), 2u) << log.text();
  EXPECT_NE(log.text().find("refused 3 connections in the last 1500 ms"), std::string::npos)
      << log.text();
}

TEST_F(HttpServerTest, PostsOverTheBudgetAre429WithRetryAfter) {
  ServerLimits limits;
  limits.post_burst = 2;
  limits.post_refill = 60s;
  start(limits);
  EXPECT_EQ(exchange(post("/rost", "vote=ja")).status, 200);
  EXPECT_EQ(exchange(post("/rost", "vote=ja")).status, 200);
  const Reply refused = exchange(post("/rost", "vote=ja"));
  EXPECT_EQ(refused.status, 429);
  EXPECT_NE(refused.body.find("För många försök"), std::string::npos);
  const int retry_after = std::stoi(refused.header("retry-after"));
  EXPECT_GT(retry_after, 0);
  EXPECT_LE(retry_after, 60);
  EXPECT_EQ(exchange(get("/rost")).status, 200);  // reading is not limited
}

TEST_F(HttpServerTest, WhatTheVisitorSentReachesTheLogWithoutControlCharacters) {
  LogCapture log;
  start();
  const std::string forged = "%0Ainfo%20web:%20GET%20%2Fforged%20200%0D%0A%09%1B%5B31m%7F";
  EXPECT_EQ(exchange(get("/kastar/a" + forged + "?q=b" + forged)).status, 500);
  EXPECT_EQ(exchange(get("/saknas" + forged)).status, 404);
  std::this_thread::sleep_for(100ms);
  const std::vector<std::string> lines = log.lines();
  std::size_t failed = 0;
  for (const std::string& line : lines) {
    for (const char c : line) {
      EXPECT_FALSE(static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
          << "control character " << static_cast<int>(c) << " in: " << line;
    }
    EXPECT_FALSE(line.starts_with("info web: GET /forged")) << line;
    if (line.find("failed: no such thing: a info web: GET /forged 200") != std::string::npos) {
      ++failed;
      EXPECT_NE(line.find(" / b info web: GET /forged 200"), std::string::npos) << line;
    }
  }
  EXPECT_EQ(failed, 1u) << log.text();
}

TEST_F(HttpServerTest, AbortedConnectionsAreClosedQuietly) {
  LogCapture log;
  start();
  {
    Client reset_mid_request(server_->port());
    ASSERT_TRUE(reset_mid_request.send("GET / HTTP/1.1\r\nHost: loc"));
    std::this_thread::sleep_for(50ms);
    reset_mid_request.reset();
  }
  {
    Client closed_mid_body(server_->port());
    ASSERT_TRUE(closed_mid_body.send(
        "POST /rost HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\nvote="));
    std::this_thread::sleep_for(50ms);
    closed_mid_body.close();
  }
  for (int n = 0; n < 20; ++n) {
    Client asked_and_left(server_->port());
    ASSERT_TRUE(asked_and_left.send(get("/")));
    asked_and_left.reset();
  }
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(exchange(get("/")).status, 200);  // the server goes on
  EXPECT_EQ(log.count("warning"), 0u) << log.text();
  EXPECT_EQ(log.count("error"), 0u) << log.text();
  EXPECT_EQ(log.text().find(" 400 "), std::string::npos) << log.text();  // nothing was answered
  EXPECT_GT(log.count("debug"), 0u) << log.text();
}

TEST_F(HttpServerTest, SendersBehindOneAddressEachHaveTheirOwnBudget) {
  ServerLimits limits;
  limits.post_burst = 2;
  limits.post_refill = 60s;
  start(limits);
  // All from 127.0.0.1, as all officials come from the reverse proxy.
  EXPECT_EQ(exchange(post("/rost", "vem=anna")).status, 200);
  EXPECT_EQ(exchange(post("/rost", "vem=anna")).status, 200);
  const Reply anna = exchange(post("/rost", "vem=anna"));
  EXPECT_EQ(anna.status, 429);
  EXPECT_GT(std::stoi(anna.header("retry-after")), 0);
  EXPECT_EQ(exchange(post("/rost", "vem=bertil")).status, 200);
  EXPECT_EQ(exchange(post("/rost", "vem=bertil")).status, 200);
  EXPECT_EQ(exchange(post("/rost", "vem=bertil")).status, 429);
  EXPECT_EQ(exchange(post("/rost", "vem=cecilia")).status, 200);
}

TEST_F(HttpServerTest, AFloodOfForgedPostsFromOneAddressMeetsTheAddressCap) {
  ServerLimits limits;
  limits.post_burst = 2;
  limits.post_refill = 60s;
  limits.post_address_factor = 3;  // 6 POSTs from one address, one more every 20 s
  start(limits);
  for (int n = 0; n < 6; ++n) EXPECT_EQ(exchange(post("/forfalskad", "t=x")).status, 403) << n;
  const Reply refused = exchange(post("/forfalskad", "t=x"));
  EXPECT_EQ(refused.status, 429);
  EXPECT_NE(refused.body.find("För många försök"), std::string::npos);
  const int retry_after = std::stoi(refused.header("retry-after"));
  EXPECT_GT(retry_after, 0);
  EXPECT_LE(retry_after, 20);
  // The cap covers every POST from the address, real senders too.
  EXPECT_EQ(exchange(post("/rost", "vem=dora")).status, 429);
  EXPECT_EQ(exchange(get("/rost")).status, 200);
}

TEST_F(HttpServerTest, ABoundAddressCannotBeBoundTwice) {
  start();
  boost::asio::io_context other;
  HttpServer second(other, test_routes(), site_);
  auto listening = second.listen("127.0.0.1", server_->port());
  ASSERT_FALSE(listening);
  EXPECT_NE(listening.error().message.find("cannot listen on 127.0.0.1:" + std::to_string(server_->port())),
            std::string::npos);
}

TEST(PercentDecode, DecodesEscapesAndPlusOnlyInForms) {
  EXPECT_EQ(percent_decode("f%C3%B6rskola+x", true), "förskola x");
  EXPECT_EQ(percent_decode("a+b%2B", false), "a+b+");
  EXPECT_EQ(percent_decode("%", false), std::nullopt);
  EXPECT_EQ(percent_decode("%zz", false), std::nullopt);
  EXPECT_EQ(percent_decode("%C0%AF", false), std::nullopt);  // overlong "/"
  EXPECT_EQ(percent_decode("%F4%90%80%80", false), std::nullopt);  // past U+10FFFF
  EXPECT_EQ(percent_decode("\xC3", false), std::nullopt);
}

TEST(MatchPattern, TakesOneSegmentPerPlaceholder) {
  EXPECT_EQ(match_pattern("/namnd/{}/digest/{}", {"namnd", "a", "digest", "7"}),
            (std::vector<std::string>{"a", "7"}));
  EXPECT_EQ(match_pattern("/namnd/{}", {"namnd", "a", "b"}), std::nullopt);
  EXPECT_EQ(match_pattern("/", {""}), std::vector<std::string>{});
  EXPECT_EQ(match_pattern("/sok", {"sok", ""}), std::nullopt);  // "/sok/" is another path
}

TEST(PostRateLimit, RefillsOneTokenPerIntervalUpToTheBurst) {
  PostRateLimit limit(2, 6s, 100);
  const auto t0 = PostRateLimit::Clock::time_point{} + 1h;
  EXPECT_EQ(limit.take("10.0.0.1", t0), std::nullopt);
  EXPECT_EQ(limit.take("10.0.0.1", t0), std::nullopt);
  EXPECT_EQ(limit.take("10.0.0.1", t0), std::chrono::seconds(6));
  EXPECT_EQ(limit.take("10.0.0.2", t0), std::nullopt);  // its own bucket
  EXPECT_EQ(limit.take("10.0.0.1", t0 + 4s), std::chrono::seconds(2));
  EXPECT_EQ(limit.take("10.0.0.1", t0 + 6s), std::nullopt);
}

TEST(PostRateLimit, RemembersAtMostMaxClients) {
  PostRateLimit limit(1, 60s, 2);
  const auto t0 = PostRateLimit::Clock::time_point{} + 1h;
  EXPECT_EQ(limit.take("a", t0), std::nullopt);
  EXPECT_EQ(limit.take("b", t0 + 1s), std::nullopt);
  EXPECT_EQ(limit.take("c", t0 + 2s), std::nullopt);  // "a", the oldest, is forgotten
  EXPECT_NE(limit.take("c", t0 + 2s), std::nullopt);
  EXPECT_NE(limit.take("b", t0 + 2s), std::nullopt);
}

}  // namespace
}  // namespace omvarld::web
