// fetch_all against a real, misbehaving HTTP server on 127.0.0.1: one test
// per row of the fault table (validators, gzip, redirects, statuses,
// Retry-After, slow and stalled servers, oversized bodies, a gzip bomb),
// the limits on concurrent connections, connection reuse, and stopping.
// fetch_engine_sources_test.cpp has files, schemes, TLS and request bodies.

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
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "tests/support/fault_http_server.h"
#include "tests/support/gzip.h"
#include "tests/support/loopback_http_server.h"
#include "tests/support/temp_dir.h"
#include "tests/net/fetch_engine_helpers.h"
#include "tests/support/tls_http_server.h"

namespace omvarld::net {
namespace {

using omvarld::testing::FaultHttpServer;
using omvarld::testing::FaultRoute;
using omvarld::testing::TempDir;
using omvarld::testing::TlsHttpServer;
using namespace std::chrono_literals;
using namespace fetch_test;

// libcurl's global setup runs once per process, as main() does it in the daemon.
class CurlEnvironment final : public ::testing::Environment {
 public:
  void SetUp() override { ASSERT_EQ(curl_global_init(CURL_GLOBAL_DEFAULT), CURLE_OK); }
  void TearDown() override { curl_global_cleanup(); }
};

const auto* const kCurlEnvironment = ::testing::AddGlobalTestEnvironment(new CurlEnvironment);


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

}  // namespace
}  // namespace omvarld::net

namespace omvarld::net {
namespace {

using fetch_test::feed;
using fetch_test::quick_options;
using omvarld::testing::FaultHttpServer;
using omvarld::testing::FaultRoute;
using namespace std::chrono_literals;

// The poll commits its batch of writes in on_idle: it must hear of every
// wait for the network, on and on while it lasts, and never in the middle
// of handing over an outcome. (Whether the fast answer comes before the
// first wait is loopback's affair.)
TEST(FetchEngineIdle, OnIdleIsCalledBeforeAndWhileTheEngineWaitsForTheNetwork) {
  FaultRoute late = feed();
  late.delay = 600ms;
  FaultHttpServer server({{"/slow", late}, {"/feed.xml", feed()}});
  const std::vector<FetchRequest> requests = {
      {"slow", server.url("/slow"), {}, {}},
      {"fast", server.url("/feed.xml"), {}, {}},
  };
  std::vector<std::string> events;  // "idle" and the keys delivered, in order
  bool inside_on_done = false;
  bool idle_inside_on_done = false;
  const FetchEnd end = fetch_all(
      requests, quick_options(),
      [&](FetchOutcome&& outcome) {
        inside_on_done = true;
        EXPECT_EQ(outcome.status, FetchStatus::kOk) << outcome.error;
        events.push_back(outcome.key);
        inside_on_done = false;
      },
      {},
      [&] {
        idle_inside_on_done = idle_inside_on_done || inside_on_done;
        events.push_back("idle");
      });
  EXPECT_EQ(end, FetchEnd::kAllDone);
  EXPECT_FALSE(idle_inside_on_done);
  const auto fast = std::find(events.begin(), events.end(), "fast");
  const auto slow = std::find(events.begin(), events.end(), "slow");
  ASSERT_NE(fast, events.end());
  ASSERT_NE(slow, events.end());
  ASSERT_LT(fast, slow);
  // 600 ms of waiting with a call at least every 25 ms; a loaded machine
  // may be late, never silent.
  const auto idle_while_waiting = std::count(fast, slow, std::string("idle"));
  EXPECT_GE(idle_while_waiting, 4) << "idle calls between the fast and the slow answer";
}

TEST(FetchEngineIdle, WithoutOnIdleTheOutcomesAreTheSame) {
  FaultHttpServer server({{"/feed.xml", feed()}});
  std::vector<FetchRequest> requests;
  for (int i = 0; i < 6; ++i) requests.push_back({"s" + std::to_string(i), server.url("/feed.xml"), {}, {}});
  for (const bool with_idle : {false, true}) {
    int delivered = 0;
    int idle = 0;
    const std::function<void()> on_idle = [&idle] { ++idle; };
    const FetchEnd end = fetch_all(
        requests, quick_options(), [&delivered](FetchOutcome&& outcome) {
          EXPECT_EQ(outcome.status, FetchStatus::kOk) << outcome.error;
          ++delivered;
        },
        {}, with_idle ? on_idle : std::function<void()>{});
    EXPECT_EQ(end, FetchEnd::kAllDone);
    EXPECT_EQ(delivered, 6);  // whether any wait came between them is loopback's affair
  }
}

}  // namespace
}  // namespace omvarld::net
