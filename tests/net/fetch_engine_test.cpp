// fetch_all against a real, misbehaving HTTP server on 127.0.0.1: one test
// per row of the fault table (validators, gzip, redirects, statuses,
// Retry-After, slow and stalled servers, oversized bodies, a gzip bomb),
// the limits on concurrent connections, connection reuse, and the schemes
// that are refused.

#include "net/fetch_engine.h"

#include <curl/curl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "tests/support/fault_http_server.h"
#include "tests/support/gzip.h"
#include "tests/support/loopback_http_server.h"
#include "tests/support/temp_dir.h"
#include "tests/support/tls_http_server.h"

namespace omvarld::net {
namespace {

using omvarld::testing::FaultHttpServer;
using omvarld::testing::FaultRoute;
using omvarld::testing::TempDir;
using omvarld::testing::TlsHttpServer;
using namespace std::chrono_literals;

// libcurl's global setup runs once per process, as main() does it in the daemon.
class CurlEnvironment final : public ::testing::Environment {
 public:
  void SetUp() override { ASSERT_EQ(curl_global_init(CURL_GLOBAL_DEFAULT), CURLE_OK); }
  void TearDown() override { curl_global_cleanup(); }
};

const auto* const kCurlEnvironment = ::testing::AddGlobalTestEnvironment(new CurlEnvironment);

const std::string kFeed = "<rss version=\"2.0\"><channel><title>Nyheter</title></channel></rss>";

FaultRoute answer(int status, std::string reason, std::string body = {},
                  std::vector<std::pair<std::string, std::string>> headers = {}) {
  FaultRoute route;
  route.status = status;
  route.reason = std::move(reason);
  route.body = std::move(body);
  route.headers = std::move(headers);
  return route;
}

FaultRoute redirect(int status, std::string reason, std::string location) {
  return answer(status, std::move(reason), {}, {{"Location", std::move(location)}});
}

FaultRoute feed() { return answer(200, "OK", kFeed, {{"Content-Type", "application/rss+xml; charset=utf-8"}}); }

// Small limits, so that every fault shows within a few seconds; the tests
// of slow servers shorten the low-speed time further.
EngineOptions quick_options() {
  EngineOptions options;
  options.fetch.connect_timeout = 2s;
  options.fetch.total_timeout = 5s;
  options.low_speed_bytes_per_second = 100;
  options.low_speed_time = 3s;
  return options;
}

EngineOptions impatient_options() {
  EngineOptions options = quick_options();
  options.low_speed_time = 1s;
  return options;
}

// Fetches `requests` and returns the outcomes in completion order.
std::vector<FetchOutcome> fetch_each(const std::vector<FetchRequest>& requests, const EngineOptions& options) {
  std::vector<FetchOutcome> outcomes;
  fetch_all(requests, options, [&outcomes](FetchOutcome&& outcome) { outcomes.push_back(std::move(outcome)); });
  return outcomes;
}

FetchOutcome fetch_one(const std::string& url, const EngineOptions& options = quick_options(),
                       const std::string& etag = {}, const std::string& last_modified = {}) {
  auto outcomes = fetch_each({FetchRequest{"source", url, etag, last_modified}}, options);
  EXPECT_EQ(outcomes.size(), 1u);
  return outcomes.empty() ? FetchOutcome{} : std::move(outcomes.front());
}

// A port on 127.0.0.1 where nothing listens.
int closed_port() {
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

void expect_failed(const FetchOutcome& outcome, FetchFailure failure, const std::string& error) {
  EXPECT_EQ(outcome.status, FetchStatus::kFailed);
  EXPECT_EQ(outcome.failure, failure);
  EXPECT_EQ(outcome.error, error);
  EXPECT_EQ(outcome.body, "");
}

TEST(FetchEngine, ReturnsTheBodyValidatorsAndContentTypeOfA200) {
  FaultRoute route = feed();
  route.etag = "\"v1\"";
  route.last_modified = "Wed, 21 Oct 2015 07:28:00 GMT";
  FaultHttpServer server({{"/feed.xml", route}});
  const FetchOutcome outcome = fetch_one(server.url("/feed.xml"));
  EXPECT_EQ(outcome.key, "source");
  EXPECT_EQ(outcome.url, server.url("/feed.xml"));
  EXPECT_EQ(outcome.status, FetchStatus::kOk);
  EXPECT_EQ(outcome.failure, FetchFailure::kNone);
  EXPECT_EQ(outcome.error, "");
  EXPECT_EQ(outcome.http_status, 200);
  EXPECT_EQ(outcome.body, kFeed);
  EXPECT_EQ(outcome.content_type, "application/rss+xml; charset=utf-8");
  EXPECT_EQ(outcome.etag, "\"v1\"");
  EXPECT_EQ(outcome.last_modified, "Wed, 21 Oct 2015 07:28:00 GMT");
  EXPECT_EQ(outcome.effective_url, server.url("/feed.xml"));
  EXPECT_EQ(outcome.moved_permanently_to, std::nullopt);
  EXPECT_EQ(outcome.retry_after, std::nullopt);
  EXPECT_EQ(outcome.bytes_on_wire, kFeed.size());
}

TEST(FetchEngine, SendsTheUserAgentAndAcceptsCompressedAnswers) {
  FaultHttpServer server({{"/feed.xml", feed()}});
  EngineOptions options = quick_options();
  options.fetch.user_agent = "omvarld/0.1 (+https://www.linkoping.se/)";
  ASSERT_EQ(fetch_one(server.url("/feed.xml"), options).status, FetchStatus::kOk);
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].header("User-Agent"), "omvarld/0.1 (+https://www.linkoping.se/)");
  const std::string encodings = requests[0].header("Accept-Encoding");
  for (const char* encoding : {"gzip", "deflate", "br"}) {
    EXPECT_NE(encodings.find(encoding), std::string::npos) << encodings;
  }
  EXPECT_EQ(requests[0].header("If-None-Match"), "");
  EXPECT_EQ(requests[0].header("If-Modified-Since"), "");
}

TEST(FetchEngine, AnswersNotModifiedWhenAValidatorMatchesAndEchoesTheValidators) {
  struct Case {
    const char* name;
    std::string etag;
    std::string last_modified;
  };
  const Case cases[] = {
      {"etag", "\"v1\"", ""},
      {"last-modified", "", "Wed, 21 Oct 2015 07:28:00 GMT"},
      {"both", "\"v1\"", "Wed, 21 Oct 2015 07:28:00 GMT"},
  };
  FaultRoute route = feed();
  route.etag = "\"v1\"";
  route.last_modified = "Wed, 21 Oct 2015 07:28:00 GMT";
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    FaultHttpServer server({{"/feed.xml", route}});
    const FetchOutcome outcome = fetch_one(server.url("/feed.xml"), quick_options(), c.etag, c.last_modified);
    EXPECT_EQ(outcome.status, FetchStatus::kNotModified);
    EXPECT_EQ(outcome.failure, FetchFailure::kNone);
    EXPECT_EQ(outcome.http_status, 304);
    EXPECT_EQ(outcome.body, "");
    EXPECT_EQ(outcome.etag, c.etag);
    EXPECT_EQ(outcome.last_modified, c.last_modified);
    const auto requests = server.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].header("If-None-Match"), c.etag);
    EXPECT_EQ(requests[0].header("If-Modified-Since"), c.last_modified);
  }
}

TEST(FetchEngine, FetchesTheWholeFeedWhenTheValidatorsNoLongerMatch) {
  FaultRoute route = feed();
  route.etag = "\"v2\"";
  FaultHttpServer server({{"/feed.xml", route}});
  const FetchOutcome outcome = fetch_one(server.url("/feed.xml"), quick_options(), "\"v1\"");
  EXPECT_EQ(outcome.status, FetchStatus::kOk);
  EXPECT_EQ(outcome.body, kFeed);
  EXPECT_EQ(outcome.etag, "\"v2\"");
}

TEST(FetchEngine, DecodesAGzipBodyAndCountsTheBytesOnTheWire) {
  const std::string compressed = omvarld::testing::gzip(kFeed + std::string(4000, ' '));
  FaultHttpServer server({{"/feed.xml.gz", answer(200, "OK", compressed, {{"Content-Encoding", "gzip"}})}});
  const FetchOutcome outcome = fetch_one(server.url("/feed.xml.gz"));
  EXPECT_EQ(outcome.status, FetchStatus::kOk);
  EXPECT_EQ(outcome.body, kFeed + std::string(4000, ' '));
  EXPECT_EQ(outcome.bytes_on_wire, compressed.size());
  EXPECT_LT(outcome.bytes_on_wire, outcome.body.size());
}

TEST(FetchEngine, ReportsAMoveOnlyWhenEveryRedirectWasPermanent) {
  FaultHttpServer server({
      {"/feed.xml", feed()},
      {"/301", redirect(301, "Moved Permanently", "/feed.xml")},
      {"/308-301", redirect(308, "Permanent Redirect", "/301")},
      {"/302", redirect(302, "Found", "/feed.xml")},
      {"/307", redirect(307, "Temporary Redirect", "/feed.xml")},
      {"/301-302", redirect(301, "Moved Permanently", "/302")},
      {"/301-404", redirect(301, "Moved Permanently", "/gone")},
  });
  struct Case {
    const char* path;
    bool moved;
  };
  for (const Case& c : {Case{"/301", true}, Case{"/308-301", true}, Case{"/302", false}, Case{"/307", false},
                        Case{"/301-302", false}}) {
    SCOPED_TRACE(c.path);
    const FetchOutcome outcome = fetch_one(server.url(c.path));
    EXPECT_EQ(outcome.status, FetchStatus::kOk);
    EXPECT_EQ(outcome.http_status, 200);
    EXPECT_EQ(outcome.body, kFeed);
    EXPECT_EQ(outcome.effective_url, server.url("/feed.xml"));
    EXPECT_EQ(outcome.moved_permanently_to,
              c.moved ? std::optional<std::string>(server.url("/feed.xml")) : std::nullopt);
  }
  // A move to a page that is not there is a failure, not a new address.
  const FetchOutcome broken = fetch_one(server.url("/301-404"));
  expect_failed(broken, FetchFailure::kHttpStatus, server.url("/301-404") + ": HTTP 404 Not Found");
  EXPECT_EQ(broken.moved_permanently_to, std::nullopt);
  EXPECT_EQ(broken.effective_url, server.url("/gone"));
}

TEST(FetchEngine, GivesUpOnARedirectLoopAfterFiveRedirects) {
  FaultHttpServer server({{"/loop", redirect(302, "Found", "/loop")}});
  const FetchOutcome outcome = fetch_one(server.url("/loop"));
  expect_failed(outcome, FetchFailure::kTooManyRedirects,
                server.url("/loop") + ": more than 5 redirects (a redirect loop?)");
  EXPECT_EQ(server.requests().size(), 6u);
}

TEST(FetchEngine, ReportsAnAnswerOutside2xxWithItsStatusAndReason) {
  FaultHttpServer server({
      {"/gone", answer(410, "Gone", "<html>borta</html>")},
      {"/error", answer(500, "Internal Server Error", "oops")},
      {"/teapot", answer(418, "", "")},
  });
  struct Case {
    const char* path;
    long status;
    const char* error;
  };
  const Case cases[] = {
      {"/missing", 404, ": HTTP 404 Not Found"},
      {"/gone", 410, ": HTTP 410 Gone"},
      {"/error", 500, ": HTTP 500 Internal Server Error"},
      {"/teapot", 418, ": HTTP 418"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.path);
    const FetchOutcome outcome = fetch_one(server.url(c.path));
    expect_failed(outcome, FetchFailure::kHttpStatus, server.url(c.path) + c.error);
    EXPECT_EQ(outcome.http_status, c.status);
    EXPECT_EQ(outcome.retry_after, std::nullopt);
  }
}

TEST(FetchEngine, ReportsTheStatusOfAnErrorPageOverTheSizeLimit) {
  FaultRoute announced = answer(404, "Not Found", std::string(5000, 'x'));
  FaultRoute unannounced = announced;
  unannounced.mode = FaultRoute::Mode::kCloseDelimited;
  FaultHttpServer server({{"/announced", announced}, {"/unannounced", unannounced}});
  EngineOptions options = quick_options();
  options.fetch.max_body_bytes = 1000;
  for (const char* path : {"/announced", "/unannounced"}) {
    SCOPED_TRACE(path);
    expect_failed(fetch_one(server.url(path), options), FetchFailure::kHttpStatus,
                  server.url(path) + ": HTTP 404 Not Found");
  }
}

TEST(FetchEngine, ReadsRetryAfterOfA429OrA503AsSecondsOrAnHttpDate) {
  const std::string date = "Wed, 21 Oct 2015 07:28:00 GMT";
  FaultHttpServer server({
      {"/429-seconds", answer(429, "Too Many Requests", "", {{"Retry-After", "120"}})},
      {"/503-date", answer(503, "Service Unavailable", "",
                           {{"Date", date}, {"Retry-After", "Wed, 21 Oct 2015 07:29:30 GMT"}})},
      {"/503-past", answer(503, "Service Unavailable", "",
                           {{"Date", date}, {"Retry-After", "Wed, 21 Oct 2015 07:00:00 GMT"}})},
      {"/429-garbage", answer(429, "Too Many Requests", "", {{"Retry-After", "soon"}})},
      {"/429-none", answer(429, "Too Many Requests")},
      {"/500-seconds", answer(500, "Internal Server Error", "", {{"Retry-After", "120"}})},
  });
  struct Case {
    const char* path;
    long status;
    std::optional<std::chrono::seconds> retry_after;
  };
  const Case cases[] = {
      {"/429-seconds", 429, 120s}, {"/503-date", 503, 90s},          {"/503-past", 503, 0s},
      {"/429-garbage", 429, std::nullopt}, {"/429-none", 429, std::nullopt}, {"/500-seconds", 500, std::nullopt},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.path);
    const FetchOutcome outcome = fetch_one(server.url(c.path));
    EXPECT_EQ(outcome.failure, FetchFailure::kHttpStatus);
    EXPECT_EQ(outcome.http_status, c.status);
    EXPECT_EQ(outcome.retry_after, c.retry_after);
  }
}

// A bot challenge answers 202 with an HTML page: fetched fine, and the
// parser, not the fetcher, decides that it is no feed.
TEST(FetchEngine, ReturnsA202ChallengePageAsABodyForTheParserToJudge) {
  const std::string page = "<html><body>Checking your browser…</body></html>";
  FaultHttpServer server({{"/feed.xml", answer(202, "Accepted", page, {{"Content-Type", "text/html"}})}});
  const FetchOutcome outcome = fetch_one(server.url("/feed.xml"));
  EXPECT_EQ(outcome.status, FetchStatus::kOk);
  EXPECT_EQ(outcome.http_status, 202);
  EXPECT_EQ(outcome.body, page);
  EXPECT_EQ(outcome.content_type, "text/html");
}

TEST(FetchEngine, GivesUpOnAServerThatDripsBelowTheLowSpeedLimit) {
  FaultRoute drip = feed();
  drip.mode = FaultRoute::Mode::kDrip;
  drip.drip_bytes = 2;
  drip.drip_interval = 100ms;  // 20 bytes/s
  FaultHttpServer server({{"/drip", drip}});
  const FetchOutcome outcome = fetch_one(server.url("/drip"), impatient_options());
  expect_failed(outcome, FetchFailure::kTimeout, server.url("/drip") + ": slower than 100 bytes/s for 1 s");
  EXPECT_EQ(outcome.http_status, 200);
  EXPECT_LT(outcome.elapsed, 4s);
}

TEST(FetchEngine, GivesUpOnAnAnswerThatTakesLongerThanTheTotalTimeout) {
  FaultRoute drip = answer(200, "OK", std::string(20000, 'x'));
  drip.mode = FaultRoute::Mode::kDrip;
  drip.drip_bytes = 500;
  drip.drip_interval = 50ms;  // 10 kB/s: fast enough, but 2 s in all
  FaultHttpServer server({{"/long", drip}});
  EngineOptions options = quick_options();
  options.fetch.total_timeout = 1s;
  const FetchOutcome outcome = fetch_one(server.url("/long"), options);
  expect_failed(outcome, FetchFailure::kTimeout, server.url("/long") + ": no complete answer within 1 s");
  EXPECT_LT(outcome.elapsed, 3s);
}

// User and system CPU time of the whole process so far.
std::chrono::microseconds cpu_time() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return std::chrono::seconds(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         std::chrono::microseconds(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

TEST(FetchEngine, GivesUpOnAServerThatAcceptsAndNeverAnswers) {
  FaultRoute stall;
  stall.mode = FaultRoute::Mode::kStall;
  FaultHttpServer server({{"/stall", stall}});
  const std::chrono::microseconds cpu_before = cpu_time();
  const FetchOutcome outcome = fetch_one(server.url("/stall"), impatient_options());
  const std::chrono::microseconds cpu_used = cpu_time() - cpu_before;
  expect_failed(outcome, FetchFailure::kTimeout, server.url("/stall") + ": slower than 100 bytes/s for 1 s");
  EXPECT_EQ(outcome.http_status, 0);
  // Waiting is sleeping: the engine does not poll while nothing happens.
  EXPECT_LT(cpu_used, outcome.elapsed / 10) << "CPU " << cpu_used.count() << " us over " << outcome.elapsed.count()
                                           << " ms";
}

// Pseudo-random bytes: gzip cannot shrink them.
std::string noise(std::size_t size) {
  std::string bytes(size, '\0');
  std::uint32_t state = 12345;
  for (char& byte : bytes) {
    state = state * 1103515245u + 12345u;
    byte = static_cast<char>(state >> 24);
  }
  return bytes;
}

TEST(FetchEngine, RefusesAnAnswerOverTheSizeLimitWhileReceivingIt) {
  FaultRoute announced = answer(200, "OK", std::string(2000, 'x'));
  FaultRoute unannounced = announced;
  unannounced.mode = FaultRoute::Mode::kCloseDelimited;
  FaultRoute compressed = answer(200, "OK", omvarld::testing::gzip(noise(3000)), {{"Content-Encoding", "gzip"}});
  compressed.mode = FaultRoute::Mode::kCloseDelimited;
  FaultHttpServer server({{"/announced", announced}, {"/unannounced", unannounced}, {"/compressed", compressed}});
  EngineOptions options = quick_options();
  options.fetch.max_body_bytes = 1000;
  for (const char* path : {"/announced", "/unannounced", "/compressed"}) {
    SCOPED_TRACE(path);
    const FetchOutcome outcome = fetch_one(server.url(path), options);
    expect_failed(outcome, FetchFailure::kTooLarge, server.url(path) + ": the answer is over the 1000 bytes limit");
    EXPECT_LE(outcome.bytes_on_wire, 1000u + CURL_MAX_WRITE_SIZE);
  }
}

TEST(FetchEngine, NamesTheDefaultSizeLimitInMebibytes) {
  FaultHttpServer server({{"/huge", answer(200, "OK", std::string(10 * 1024 * 1024 + 1, 'x'))}});
  const FetchOutcome outcome = fetch_one(server.url("/huge"));
  expect_failed(outcome, FetchFailure::kTooLarge, server.url("/huge") + ": the answer is over the 10 MiB limit");
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

TEST(FetchEngine, StopsAGzipBombWithoutHoldingWhatItExpandsTo) {
  const std::string bomb = omvarld::testing::gzip_zeros(64u * 1024 * 1024);
  FaultHttpServer server({{"/bomb.xml", answer(200, "OK", bomb, {{"Content-Encoding", "gzip"}})}});
  EngineOptions options = quick_options();
  options.max_decompressed_bytes = 4 * 1024 * 1024;
  const long rss_before = peak_rss_kib();
  const FetchOutcome outcome = fetch_one(server.url("/bomb.xml"), options);
  const long rss_growth = peak_rss_kib() - rss_before;
  expect_failed(outcome, FetchFailure::kTooLarge,
                server.url("/bomb.xml") + ": decompresses to over 4 MiB (a compression bomb?)");
  EXPECT_LT(outcome.bytes_on_wire, bomb.size() + 1);
  // The 64 MiB never exist: the peak grows by little more than the 4 MiB kept.
  EXPECT_LT(rss_growth, 16 * 1024) << "peak RSS grew by " << rss_growth << " KiB";
  RecordProperty("bomb_gzip_bytes", std::to_string(bomb.size()));
  RecordProperty("peak_rss_growth_kib", std::to_string(rss_growth));
  std::printf("gzip bomb: %zu bytes on the wire, 64 MiB expanded; peak RSS grew by %ld KiB\n", bomb.size(),
              rss_growth);
}

std::vector<FetchRequest> many(const FaultHttpServer& server, const std::string& path, int count) {
  std::vector<FetchRequest> requests;
  for (int i = 0; i < count; ++i) requests.push_back({"source-" + std::to_string(i), server.url(path), {}, {}});
  return requests;
}

TEST(FetchEngine, NeverOpensMoreConnectionsToAHostThanThePerHostLimit) {
  FaultRoute slow = feed();
  slow.delay = 150ms;
  FaultHttpServer server({{"/feed.xml", slow}});
  EngineOptions options = quick_options();
  options.max_transfers = 16;
  options.max_transfers_per_host = 3;
  const auto started = std::chrono::steady_clock::now();
  const auto outcomes = fetch_each(many(server, "/feed.xml", 12), options);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_EQ(outcomes.size(), 12u);
  for (const FetchOutcome& outcome : outcomes) EXPECT_EQ(outcome.status, FetchStatus::kOk) << outcome.error;
  EXPECT_EQ(server.max_simultaneous_connections(), 3);
  EXPECT_EQ(server.max_simultaneous_requests(), 3);
  // Four rounds of three, each on a connection already open.
  EXPECT_EQ(server.connections_accepted(), 3);
  EXPECT_GE(elapsed, 4 * 150ms);
  EXPECT_LT(elapsed, 12 * 150ms);
}

TEST(FetchEngine, NeverRunsMoreTransfersThanTheGlobalLimit) {
  FaultRoute slow = feed();
  slow.delay = 100ms;
  FaultHttpServer server({{"/feed.xml", slow}});
  EngineOptions options = quick_options();
  options.max_transfers = 2;
  options.max_transfers_per_host = 4;
  const auto outcomes = fetch_each(many(server, "/feed.xml", 8), options);
  ASSERT_EQ(outcomes.size(), 8u);
  for (const FetchOutcome& outcome : outcomes) EXPECT_EQ(outcome.status, FetchStatus::kOk) << outcome.error;
  EXPECT_EQ(server.max_simultaneous_requests(), 2);
  EXPECT_EQ(server.max_simultaneous_connections(), 2);
}

// Hosts are taken in turn, so a host with many sources does not keep the
// others waiting: with one place, the first two answers come from both.
TEST(FetchEngine, TakesHostsInTurn) {
  FaultHttpServer first({{"/feed.xml", feed()}});
  FaultHttpServer second({{"/feed.xml", feed()}});
  EngineOptions options = quick_options();
  options.max_transfers = 1;
  std::vector<FetchRequest> requests = many(first, "/feed.xml", 3);
  for (FetchRequest& request : many(second, "/feed.xml", 3)) requests.push_back(request);
  const auto outcomes = fetch_each(requests, options);
  ASSERT_EQ(outcomes.size(), 6u);
  std::vector<std::string> order;
  for (const FetchOutcome& outcome : outcomes) {
    order.push_back(outcome.url == first.url("/feed.xml") ? "first" : "second");
  }
  const std::vector<std::string> alternating = {"first", "second", "first", "second", "first", "second"};
  const std::vector<std::string> alternating_other = {"second", "first", "second", "first", "second", "first"};
  EXPECT_TRUE(order == alternating || order == alternating_other) << ::testing::PrintToString(order);
}

// curl starts a transfer's total timeout when its handle is added, so the
// engine adds a handle only when the transfer may start: six answers of
// 0.2 s, one at a time, all fit a 1 s timeout each. (Handed all at once to
// curl's own queue, the last ones time out.)
TEST(FetchEngine, StartsEachTimeoutWhenItsTransferStartsNotWhenItIsQueued) {
  FaultRoute slow = feed();
  slow.delay = 200ms;
  FaultHttpServer server({{"/feed.xml", slow}});
  EngineOptions options = quick_options();
  options.fetch.total_timeout = 1s;
  options.max_transfers_per_host = 1;
  const auto outcomes = fetch_each(many(server, "/feed.xml", 6), options);
  ASSERT_EQ(outcomes.size(), 6u);
  for (const FetchOutcome& outcome : outcomes) EXPECT_EQ(outcome.status, FetchStatus::kOk) << outcome.error;
}

TEST(FetchEngine, ReusesOneConnectionForRequestsOneAfterAnother) {
  FaultHttpServer server({{"/feed.xml", feed()}, {"/other.xml", feed()}});
  EngineOptions options = quick_options();
  options.max_transfers = 1;
  std::vector<FetchRequest> requests = many(server, "/feed.xml", 3);
  for (FetchRequest& request : many(server, "/other.xml", 3)) requests.push_back(request);
  const auto outcomes = fetch_each(requests, options);
  ASSERT_EQ(outcomes.size(), 6u);
  EXPECT_EQ(server.connections_accepted(), 1);
  for (const auto& request : server.requests()) EXPECT_EQ(request.connection, 1) << request.target;
}

TEST(FetchEngine, AnswersEveryRequestOnceWithItsKey) {
  FaultHttpServer server({{"/feed.xml", feed()}, {"/error", answer(500, "Internal Server Error")}});
  const std::vector<FetchRequest> requests = {
      {"ok", server.url("/feed.xml"), {}, {}},
      {"ftp", "ftp://ftp.example/feed.xml", {}, {}},
      {"error", server.url("/error"), {}, {}},
      {"missing", server.url("/missing"), {}, {}},
  };
  std::map<std::string, FetchStatus> statuses;
  fetch_all(requests, quick_options(), [&statuses](FetchOutcome&& outcome) {
    EXPECT_TRUE(statuses.emplace(outcome.key, outcome.status).second) << outcome.key << " answered twice";
  });
  EXPECT_EQ(statuses, (std::map<std::string, FetchStatus>{{"error", FetchStatus::kFailed},
                                                          {"ftp", FetchStatus::kFailed},
                                                          {"missing", FetchStatus::kFailed},
                                                          {"ok", FetchStatus::kOk}}));
  int calls = 0;
  fetch_all({}, quick_options(), [&calls](FetchOutcome&&) { ++calls; });
  EXPECT_EQ(calls, 0);
}

TEST(FetchEngine, StopsWhenAskedAbandoningTheTransfersInFlight) {
  FaultRoute slow = feed();
  slow.delay = 4s;  // still in flight when the stop comes
  FaultHttpServer server({{"/feed.xml", feed()}, {"/other.xml", feed()}, {"/slow", slow}});
  const std::vector<FetchRequest> requests = {
      {"slow", server.url("/slow"), {}, {}},
      {"fast", server.url("/feed.xml"), {}, {}},
      {"other", server.url("/other.xml"), {}, {}},
  };
  // Asked before each outcome is handed over: true once one was, so the
  // second fast answer is dropped and the slow transfer abandoned.
  std::vector<std::string> delivered;
  const auto started = std::chrono::steady_clock::now();
  const FetchEnd end = fetch_all(
      requests, quick_options(), [&delivered](FetchOutcome&& outcome) { delivered.push_back(outcome.key); },
      [&delivered] { return !delivered.empty(); });
  EXPECT_EQ(end, FetchEnd::kStopped);
  ASSERT_EQ(delivered.size(), 1u);
  EXPECT_NE(delivered[0], "slow");
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s) << "the slow transfer was waited for";

  const FetchEnd all = fetch_all(requests, quick_options(), [](FetchOutcome&&) {}, [] { return false; });
  EXPECT_EQ(all, FetchEnd::kAllDone);
}

TEST(FetchEngine, ReadsAFileUrlOnlyWhenAllowed) {
  TempDir dir;
  const std::string url = "file://" + dir.write("feed.xml", kFeed).string();
  EngineOptions options = quick_options();
  expect_failed(fetch_one(url, options), FetchFailure::kSchemeNotAllowed,
                url + ": file:// URLs are not allowed (set allow_file_urls = true in [daemon])");

  options.fetch.allow_file_urls = true;
  const FetchOutcome outcome = fetch_one(url, options);
  EXPECT_EQ(outcome.status, FetchStatus::kOk);
  EXPECT_EQ(outcome.http_status, 0);
  EXPECT_EQ(outcome.body, kFeed);

  const std::string missing = "file://" + (dir.path() / "missing.xml").string();
  expect_failed(fetch_one(missing, options), FetchFailure::kFile,
                missing + ": Couldn't open file " + (dir.path() / "missing.xml").string());
}

// A FIFO with no writer would block open() for good, and a device never
// ends: neither is opened to wait on or read, and each says what it is.
TEST(FetchEngine, RefusesAFileUrlThatIsNotARegularFileWithoutWaitingOnIt) {
  TempDir dir;
  const std::filesystem::path fifo = dir.path() / "feed.fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::filesystem::create_symlink(fifo, dir.path() / "link-to-fifo.xml");
  std::filesystem::create_directory(dir.path() / "feeds");
  EngineOptions options = quick_options();
  options.fetch.allow_file_urls = true;
  struct Case {
    std::string url;
    std::string error;
  };
  const std::string at = "file://" + dir.path().string();
  const Case cases[] = {
      {at + "/feed.fifo", at + "/feed.fifo: is a FIFO, not a regular file"},
      {at + "/link-to-fifo.xml", at + "/link-to-fifo.xml: is a FIFO, not a regular file"},
      {at + "/feeds", at + "/feeds: is a directory, not a regular file"},
      {"file:///dev/zero", "file:///dev/zero: is a character device, not a regular file"},
      {"file:///dev/urandom", "file:///dev/urandom: is a character device, not a regular file"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.url);
    const auto started = std::chrono::steady_clock::now();
    expect_failed(fetch_one(c.url, options), FetchFailure::kFile, c.error);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
  }
}

TEST(FetchEngine, RefusesAFileOverTheSizeLimit) {
  TempDir dir;
  const std::string url = "file://" + dir.write("big.xml", std::string(2000, 'x')).string();
  EngineOptions options = quick_options();
  options.fetch.allow_file_urls = true;
  options.fetch.max_body_bytes = 1000;
  expect_failed(fetch_one(url, options), FetchFailure::kTooLarge, url + ": the answer is over the 1000 bytes limit");
  options.fetch.max_body_bytes = 2000;
  EXPECT_EQ(fetch_one(url, options).body, std::string(2000, 'x'));
}

// As config::file_url writes them: %XX escapes, and localhost as the host.
TEST(FetchEngine, ReadsAFileUrlByItsDecodedPath) {
  TempDir dir;
  const std::filesystem::path file = dir.write("ett flöde #1.xml", kFeed);
  EngineOptions options = quick_options();
  options.fetch.allow_file_urls = true;
  const std::string escaped = dir.path().string() + "/ett%20flöde%20%231.xml";
  for (const std::string& url : {"file://" + escaped, "file://localhost" + escaped}) {
    SCOPED_TRACE(url);
    const FetchOutcome outcome = fetch_one(url, options);
    EXPECT_EQ(outcome.status, FetchStatus::kOk) << outcome.error;
    EXPECT_EQ(outcome.body, kFeed);
  }
  const std::string elsewhere = "file://example.com" + escaped;
  expect_failed(fetch_one(elsewhere, options), FetchFailure::kFile,
                elsewhere + ": not a local file (expected file:///PATH or file://localhost/PATH)");
}

TEST(FetchEngine, RefusesSchemesOtherThanHttpHttpsAndFile) {
  struct Case {
    const char* url;
    const char* error;
  };
  const Case cases[] = {
      {"ftp://ftp.example/feed.xml", "ftp://ftp.example/feed.xml: scheme \"ftp\" is not allowed (only http and https)"},
      {"gopher://g.example/", "gopher://g.example/: scheme \"gopher\" is not allowed (only http and https)"},
      {"no-scheme", "no-scheme: not a URL (no scheme)"},
      {"/etc/passwd", "/etc/passwd: not a URL (no scheme)"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.url);
    expect_failed(fetch_one(c.url), FetchFailure::kSchemeNotAllowed, c.error);
  }
}

TEST(FetchEngine, NeverFollowsARedirectToAFileEvenWhenFilesAreAllowed) {
  FaultHttpServer server({{"/to-file", redirect(302, "Found", "file:///etc/hostname")}});
  EngineOptions options = quick_options();
  options.fetch.allow_file_urls = true;
  expect_failed(fetch_one(server.url("/to-file"), options), FetchFailure::kSchemeNotAllowed,
                server.url("/to-file") +
                    ": refused to follow a redirect to file:///etc/hostname (only http and https)");
}

TEST(FetchEngine, ReportsATlsFailureWhenHttpsMeetsAPlainHttpServer) {
  FaultHttpServer server({{"/feed.xml", feed()}});
  const std::string url = "https://127.0.0.1:" + std::to_string(server.port()) + "/feed.xml";
  const FetchOutcome outcome = fetch_one(url);
  EXPECT_EQ(outcome.status, FetchStatus::kFailed);
  EXPECT_EQ(outcome.failure, FetchFailure::kTls);
  // The rest is OpenSSL's own wording, which names its version.
  EXPECT_TRUE(outcome.error.starts_with(url + ": TLS failed: ")) << outcome.error;
}

TEST(FetchEngine, RefusesACertificateItCannotVerify) {
  TempDir dir;
  TlsHttpServer server(dir.path() / "ca.pem", kFeed);
  expect_failed(fetch_one(server.url("/feed.xml")), FetchFailure::kTls,
                server.url("/feed.xml") + ": TLS failed: SSL certificate problem: self-signed certificate");
  EXPECT_EQ(server.answers(), 0);
}

TEST(FetchEngine, TrustsTheConfiguredCaFileAndOffersHttp2) {
  TempDir dir;
  TlsHttpServer server(dir.path() / "ca.pem", kFeed);
  EngineOptions options = quick_options();
  options.fetch.ca_file = (dir.path() / "ca.pem").string();
  const FetchOutcome outcome = fetch_one(server.url("/feed.xml"), options);
  EXPECT_EQ(outcome.status, FetchStatus::kOk) << outcome.error;
  EXPECT_EQ(outcome.http_status, 200);
  EXPECT_EQ(outcome.body, kFeed);
  EXPECT_EQ(server.offered_protocols(), std::vector<std::string>{"h2,http/1.1"});
}

TEST(FetchEngine, ReportsARefusedConnection) {
  const std::string url = "http://127.0.0.1:" + std::to_string(closed_port()) + "/feed.xml";
  expect_failed(fetch_one(url), FetchFailure::kConnect, url + ": could not connect: Connection refused");
}

TEST(FetchEngine, ReportsAHostNameThatDoesNotResolve) {
  // RFC 6761: names under .invalid never resolve.
  expect_failed(fetch_one("http://omvarld.invalid/feed.xml"), FetchFailure::kDns,
                "http://omvarld.invalid/feed.xml: Could not resolve host: omvarld.invalid");
}

// --- requests to APIs (sources/json_items.h): POST, bodies, headers -------

// The value of header `name` in a recorded request head ("" when absent),
// and how many times it was sent.
std::vector<std::string> header_values(const std::string& head, const std::string& name) {
  std::vector<std::string> values;
  std::size_t at = head.find("\r\n");
  while (at != std::string::npos) {
    const std::size_t start = at + 2;
    at = head.find("\r\n", start);
    const std::string line = head.substr(start, at == std::string::npos ? std::string::npos : at - start);
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string key = line.substr(0, colon);
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
    if (key == name) values.push_back(line.substr(line.find_first_not_of(' ', colon + 1)));
  }
  return values;
}

// The parts of a multipart/form-data body: each part's headers and value.
struct FormPart {
  std::string headers;
  std::string value;
};

std::vector<FormPart> form_parts(const std::string& body, const std::string& content_type) {
  const std::string boundary = "--" + content_type.substr(content_type.find("boundary=") + 9);
  std::vector<FormPart> parts;
  std::size_t at = body.find(boundary);
  while (at != std::string::npos) {
    const std::size_t start = at + boundary.size();
    if (body.compare(start, 2, "--") == 0) break;  // the closing delimiter
    const std::size_t next = body.find("\r\n" + boundary, start);
    if (next == std::string::npos) break;
    const std::string part = body.substr(start + 2, next - start - 2);
    const std::size_t blank = part.find("\r\n\r\n");
    parts.push_back({part.substr(0, blank), part.substr(blank + 4)});
    at = next + 2;
  }
  return parts;
}

const std::vector<std::pair<std::string, std::string>> kJsonAnswer = {{"Content-Type", "application/json"}};

TEST(FetchEngine, PostsAMultipartFormWithItsPartsTypesAndHeaders) {
  omvarld::testing::LoopbackHttpServer server(
      {{"/search?apiKey=SEDIA&pageSize=50", {200, "OK", kJsonAnswer, R"({"results":[]})"}}});
  FetchRequest request{"eu-ft", server.url("/search?apiKey=SEDIA&pageSize=50"), "\"v1\"",
                       "Wed, 21 Oct 2015 07:28:00 GMT"};
  request.method = "POST";
  request.headers = {"Accept: application/json", "X-Api-Key: hemlig"};
  request.form = {{"query", R"({"bool":{"must":[{"terms":{"status":["31094501"]}}]}})"},
                  {"languages", R"(["en"])"},
                  {"changedSince", "2026-11-30T05:00:00Z"}};
  request.form_types = {"application/json", "application/json"};
  auto outcomes = fetch_each({request}, quick_options());
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].status, FetchStatus::kOk) << outcomes[0].error;
  EXPECT_EQ(outcomes[0].body, R"({"results":[]})");

  const auto heads = server.requests();
  const auto bodies = server.bodies();
  ASSERT_EQ(heads.size(), 1u);
  EXPECT_TRUE(heads[0].starts_with("POST /search?apiKey=SEDIA&pageSize=50 HTTP/1.1\r\n")) << heads[0];
  EXPECT_EQ(header_values(heads[0], "accept"), std::vector<std::string>{"application/json"});
  EXPECT_EQ(header_values(heads[0], "x-api-key"), std::vector<std::string>{"hemlig"});
  // A POST asks anew each time: no validators, and no 100-continue round trip.
  EXPECT_TRUE(header_values(heads[0], "if-none-match").empty());
  EXPECT_TRUE(header_values(heads[0], "if-modified-since").empty());
  EXPECT_TRUE(header_values(heads[0], "expect").empty());
  const auto content_type = header_values(heads[0], "content-type");
  ASSERT_EQ(content_type.size(), 1u);
  ASSERT_TRUE(content_type[0].starts_with("multipart/form-data; boundary=")) << content_type[0];

  const std::vector<FormPart> parts = form_parts(bodies[0], content_type[0]);
  ASSERT_EQ(parts.size(), 3u) << bodies[0];
  EXPECT_NE(parts[0].headers.find("Content-Disposition: form-data; name=\"query\""), std::string::npos);
  EXPECT_NE(parts[0].headers.find("Content-Type: application/json"), std::string::npos);
  EXPECT_EQ(parts[0].value, request.form[0].second);
  EXPECT_NE(parts[1].headers.find("name=\"languages\""), std::string::npos);
  EXPECT_EQ(parts[1].value, R"(["en"])");
  EXPECT_NE(parts[2].headers.find("name=\"changedSince\""), std::string::npos);
  EXPECT_EQ(parts[2].headers.find("Content-Type"), std::string::npos) << parts[2].headers;
  EXPECT_EQ(parts[2].value, "2026-11-30T05:00:00Z");
}

TEST(FetchEngine, PostsARawBodyAsItsTypeAndSendsValidatorsWithAGetOnly) {
  omvarld::testing::LoopbackHttpServer server({{"/api", {200, "OK", kJsonAnswer, "[]"}}});
  FetchRequest post{"post", server.url("/api"), "\"v1\"", ""};
  post.method = "POST";
  post.body = R"({"changedAfter":"2026-11-29"})";
  post.body_type = "application/json; charset=utf-8";
  FetchRequest get{"get", server.url("/api"), "\"v1\"", ""};
  get.headers = {"Accept: application/json"};
  ASSERT_EQ(fetch_each({post}, quick_options()).at(0).status, FetchStatus::kOk);
  ASSERT_EQ(fetch_each({get}, quick_options()).at(0).status, FetchStatus::kOk);

  const auto heads = server.requests();
  const auto bodies = server.bodies();
  ASSERT_EQ(heads.size(), 2u);
  EXPECT_TRUE(heads[0].starts_with("POST /api HTTP/1.1")) << heads[0];
  EXPECT_EQ(header_values(heads[0], "content-type"),
            std::vector<std::string>{"application/json; charset=utf-8"});
  EXPECT_EQ(bodies[0], post.body);
  EXPECT_TRUE(header_values(heads[0], "if-none-match").empty());
  EXPECT_TRUE(heads[1].starts_with("GET /api HTTP/1.1")) << heads[1];
  EXPECT_EQ(header_values(heads[1], "if-none-match"), std::vector<std::string>{"\"v1\""});
  EXPECT_EQ(header_values(heads[1], "accept"), std::vector<std::string>{"application/json"});
  EXPECT_EQ(bodies[1], "");
}

TEST(FetchEngine, ReadsAFileUrlWhateverTheMethodAndRefusesMethodsOtherThanGetAndPost) {
  TempDir dir;
  const auto file = dir.write("answer.json", "[]");
  EngineOptions options = quick_options();
  options.fetch.allow_file_urls = true;
  FetchRequest post{"file", "file://" + file.string(), "", ""};
  post.method = "POST";
  post.form = {{"q", "x"}};
  const auto read = fetch_each({post}, options);
  ASSERT_EQ(read.size(), 1u);
  EXPECT_EQ(read[0].status, FetchStatus::kOk) << read[0].error;
  EXPECT_EQ(read[0].body, "[]");

  FetchRequest put{"put", "http://127.0.0.1:1/api", "", ""};
  put.method = "PUT";
  const auto refused = fetch_each({put}, options);
  ASSERT_EQ(refused.size(), 1u);
  expect_failed(refused[0], FetchFailure::kOther,
                "http://127.0.0.1:1/api: method \"PUT\" is not supported (GET or POST)");
}

}  // namespace
}  // namespace omvarld::net
