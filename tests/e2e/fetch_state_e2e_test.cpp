// Fetch state through the real binary against a loopback HTTP server
// (tests/support/fault_http_server.h): conditional GET, unchanged bodies,
// permanent and temporary redirects, 410 Gone, 429 with Retry-After,
// repeated 5xx, and a 202 HTML challenge page — what `poll --once` sends
// and records, and what `status` then says.

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/fault_http_server.h"
#include "tests/support/omvarld_cli.h"
#include "tests/support/process.h"
#include "tests/support/utc_time.h"

namespace omvarld::e2e {
namespace {

namespace fs = std::filesystem;
using omvarld::testing::FaultHttpServer;
using omvarld::testing::FaultRoute;
using omvarld::testing::parse_utc;
using omvarld::testing::ProcessResult;
using omvarld::testing::TempDir;

constexpr const char* kFeed = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Kommissionen</title><link>https://ec.example.eu/</link>
<item><title>Erasmus+ call for proposals 2027</title><link>https://ec.example.eu/1</link>
<guid>ec-1</guid><pubDate>Tue, 24 Nov 2026 12:00:00 +0100</pubDate></item>
<item><title>Simpler public procurement</title><link>https://ec.example.eu/2</link>
<guid>ec-2</guid><pubDate>Wed, 25 Nov 2026 12:00:00 +0100</pubDate></item>
</channel></rss>
)";

constexpr const char* kChallengePage =
    "<!DOCTYPE html><html><head><title>Just a moment...</title></head>"
    "<body>Checking your browser before accessing ec.example.eu.</body></html>";

FaultRoute feed_route() {
  FaultRoute route;
  route.headers = {{"Content-Type", "application/rss+xml; charset=utf-8"}};
  route.body = kFeed;
  return route;
}

FaultRoute status_route(int status, std::string reason,
                        std::vector<std::pair<std::string, std::string>> headers = {}) {
  FaultRoute route;
  route.status = status;
  route.reason = std::move(reason);
  route.headers = std::move(headers);
  route.body = "no feed here";
  return route;
}

std::chrono::sys_seconds now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

class FetchStateE2e : public ::testing::Test {
 protected:
  // Writes omvarld.toml with one [[source]] per (id, url), polled every 30
  // minutes, and one nämnd that reads them all.
  void configure(const std::vector<std::pair<std::string, std::string>>& sources) {
    std::string toml = R"toml([daemon]
database = "omvarld.db"
user_agent = "omvarld-test/1.0 (+mailto:test@example.se)"
default_interval = "30m"

[mail]
transport = "directory"
directory = "outbox"
from = "Omvärldsbevakning <omvarld@example.se>"
)toml";
    for (const auto& [id, url] : sources) {
      toml += "\n[[source]]\nid = \"" + id + "\"\nname = \"" + id + "\"\nurl = \"" + url + "\"\n";
    }
    toml += R"(
[[namnd]]
id = "linkoping/utbildning"
name = "Utbildningsnämnden"
recipients = ["utbildning@example.se"]
schedule = "mon 07:00"
any = ["erasmus+"]
)";
    dir_.write("omvarld.toml", toml);
  }

  ProcessResult poll(int expected_exit = 0) {
    ProcessResult result = cli_.run({"poll", "--once"});
    EXPECT_EQ(result.exit_code, expected_exit) << result.err;
    return result;
  }

  static int requests_for(const FaultHttpServer& server, const std::string& target) {
    const auto requests = server.requests();
    return static_cast<int>(std::count_if(requests.begin(), requests.end(),
                                          [&](const auto& request) { return request.target == target; }));
  }

  TempDir dir_;
  omvarld::testing::OmvarldCli cli_{dir_.path() / "omvarld.toml"};
};

TEST_F(FetchStateE2e, SendsTheValidatorsBackAndA304ParsesAndStoresNothing) {
  FaultRoute route = feed_route();
  route.etag = "\"v1\"";
  route.last_modified = "Wed, 25 Nov 2026 10:00:00 GMT";
  FaultHttpServer server({{"/feed.xml", route}});
  configure({{"ec", server.url("/feed.xml")}});

  poll();
  const ProcessResult second = poll();

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].header("If-None-Match"), "");
  EXPECT_EQ(requests[0].header("User-Agent"), "omvarld-test/1.0 (+mailto:test@example.se)");
  EXPECT_EQ(requests[1].header("If-None-Match"), "\"v1\"");
  EXPECT_EQ(requests[1].header("If-Modified-Since"), "Wed, 25 Nov 2026 10:00:00 GMT");
  EXPECT_NE(second.err.find("ec: not modified (HTTP 304)"), std::string::npos) << second.err;
  EXPECT_NE(second.err.find("poll: 1 källor, 1 ok (0 oförändrade, 1 inte ändrade enligt servern), "
                            "0 misslyckades, 0 avstängda, 0 nya nyheter"),
            std::string::npos)
      << second.err;

  const nlohmann::json status = cli_.source_status("ec");
  EXPECT_EQ(status["http_status"], 304);
  EXPECT_EQ(status["items"], 2) << "the first poll's items, nothing more";
  EXPECT_EQ(status["error_streak"], 0);
  EXPECT_NE(status["last_unchanged"], "");
}

TEST_F(FetchStateE2e, TheSameBodyWithoutValidatorsIsNotParsedAgain) {
  FaultHttpServer server({{"/feed.xml", feed_route()}});
  configure({{"ec", server.url("/feed.xml")}});

  const ProcessResult first = poll();
  EXPECT_NE(first.err.find("ec: 2 items, 2 new (HTTP 200)"), std::string::npos) << first.err;
  const ProcessResult second = poll();

  EXPECT_NE(second.err.find("ec: unchanged (the same document as before)"), std::string::npos)
      << second.err;
  EXPECT_EQ(second.err.find("ec: 2 items"), std::string::npos) << "parsed again: " << second.err;
  EXPECT_NE(second.err.find("1 ok (1 oförändrade, 0 inte ändrade enligt servern)"), std::string::npos)
      << second.err;
  EXPECT_EQ(server.requests().size(), 2u);
  EXPECT_EQ(cli_.source_status("ec")["items"], 2);
}

TEST_F(FetchStateE2e, APermanentRedirectMovesTheSourceAndATemporaryOneDoesNot) {
  FaultHttpServer server({{"/old.xml", status_route(301, "Moved Permanently", {{"Location", "/new.xml"}})},
                          {"/new.xml", feed_route()},
                          {"/temp.xml", status_route(302, "Found", {{"Location", "/elsewhere.xml"}})},
                          {"/elsewhere.xml", feed_route()}});
  configure({{"moved", server.url("/old.xml")}, {"temporary", server.url("/temp.xml")}});

  const ProcessResult first = poll();
  EXPECT_NE(first.err.find("moved moved permanently to " + server.url("/new.xml") +
                           "; update the config"),
            std::string::npos)
      << first.err;
  EXPECT_EQ(first.err.find("temporary moved permanently"), std::string::npos) << first.err;
  poll();

  EXPECT_EQ(requests_for(server, "/old.xml"), 1) << "the second poll goes to the new URL";
  EXPECT_EQ(requests_for(server, "/new.xml"), 2);
  EXPECT_EQ(requests_for(server, "/temp.xml"), 2);
  EXPECT_EQ(requests_for(server, "/elsewhere.xml"), 2);
  EXPECT_EQ(cli_.source_status("moved")["moved_to"], server.url("/new.xml"));
  EXPECT_EQ(cli_.source_status("moved")["fetch_url"], server.url("/new.xml"));
  EXPECT_FALSE(cli_.source_status("temporary").contains("moved_to"));

  const ProcessResult text = cli_.run({"status"});
  EXPECT_NE(text.out.find("    flyttad permanent till " + server.url("/new.xml") +
                          "; uppdatera konfigurationen\n"),
            std::string::npos)
      << text.out;
}

TEST_F(FetchStateE2e, GoneDisablesTheSourceAndTheNextPollSkipsIt) {
  FaultHttpServer server({{"/gone.xml", status_route(410, "Gone")}, {"/feed.xml", feed_route()}});
  configure({{"gone", server.url("/gone.xml")}, {"ok", server.url("/feed.xml")}});

  // A source gone, and then disabled, is a poll that did not fully succeed.
  poll(3);
  const ProcessResult second = poll(3);

  EXPECT_EQ(requests_for(server, "/gone.xml"), 1);
  EXPECT_NE(second.err.find("gone: disabled since "), std::string::npos) << second.err;
  EXPECT_NE(second.err.find("; not polled until its url changes in the config"), std::string::npos)
      << second.err;
  EXPECT_NE(second.err.find("poll: 1 källor, 1 ok (1 oförändrade, 0 inte ändrade enligt servern), "
                            "0 misslyckades, 1 avstängda, 0 nya nyheter"),
            std::string::npos)
      << second.err;

  const nlohmann::json status = cli_.source_status("gone");
  EXPECT_EQ(status["disabled"], true);
  EXPECT_EQ(status["http_status"], 410);
  EXPECT_EQ(status["next_poll"], "");
  EXPECT_EQ(status["disabled_reason"], status["last_error"]);
  const ProcessResult text = cli_.run({"status"});
  // The text says the time on Stockholm's clocks, to the minute, which
  // differs from the JSON's UTC by the hour or two of the offset.
  const std::string utc = status["disabled_at"].get<std::string>();
  const std::string disabled = "    AVSTÄNGD sedan ";
  const std::size_t since = text.out.find(disabled + "20");
  ASSERT_NE(since, std::string::npos) << text.out;
  // "YYYY-MM-DD HH:MM": the minutes are UTC's.
  EXPECT_EQ(text.out.substr(since + disabled.size() + 13, 4), ":" + utc.substr(14, 2) + ":")
      << text.out;
  EXPECT_NE(text.out.find(": " +
                          status["last_error"].get<std::string>() +
                          "; hämtas inte förrän dess url ändras i konfigurationen\n"),
            std::string::npos)
      << text.out;
}

TEST_F(FetchStateE2e, TooManyRequestsWaitsAtLeastItsRetryAfter) {
  FaultHttpServer server(
      {{"/busy.xml", status_route(429, "Too Many Requests", {{"Retry-After", "7200"}})}});
  configure({{"busy", server.url("/busy.xml")}});

  const auto before = now();
  poll(3);

  const nlohmann::json status = cli_.source_status("busy");
  EXPECT_EQ(status["http_status"], 429);
  EXPECT_EQ(status["retry_after_seconds"], 7200);
  EXPECT_EQ(status["failure_kind"], "http-status");
  EXPECT_GE(parse_utc(status["next_poll"]), before + std::chrono::seconds(7200));
  EXPECT_LE(parse_utc(status["next_poll"]), now() + std::chrono::seconds(7200));
}

TEST_F(FetchStateE2e, RepeatedServerErrorsRaiseTheStreakAndBackOff) {
  FaultHttpServer server({{"/broken.xml", status_route(500, "Internal Server Error")}});
  configure({{"broken", server.url("/broken.xml")}});

  poll(3);
  const nlohmann::json first = cli_.source_status("broken");
  poll(3);
  const nlohmann::json second = cli_.source_status("broken");

  EXPECT_EQ(first["error_streak"], 1);
  EXPECT_EQ(second["error_streak"], 2);
  EXPECT_EQ(second["failure_kind"], "http-status");
  EXPECT_EQ(second["disabled"], false);
  // 30 min ± 10 % after the first failure, twice that after the second.
  const auto first_next = parse_utc(first["next_poll"]);
  const auto second_next = parse_utc(second["next_poll"]);
  EXPECT_GE(second_next - parse_utc(second["last_attempt"]), std::chrono::minutes(54));
  EXPECT_LE(first_next - parse_utc(first["last_attempt"]), std::chrono::minutes(33));
  EXPECT_GT(second_next, first_next);
}

TEST_F(FetchStateE2e, AnHtmlChallengePageIsAFailureNamingItsStatusAndTitle) {
  FaultRoute challenge = status_route(202, "Accepted", {{"Content-Type", "text/html; charset=utf-8"}});
  challenge.body = kChallengePage;
  FaultHttpServer server({{"/feed.xml", challenge}});
  configure({{"ec", server.url("/feed.xml")}});

  const ProcessResult polled = poll(3);

  const std::string error =
      "HTTP 202: not a feed: got an HTML page (<title>Just a moment...</title>)";
  EXPECT_NE(polled.err.find("ec: " + error + " (failure 1 in a row; next attempt "),
            std::string::npos)
      << polled.err;
  const nlohmann::json status = cli_.source_status("ec");
  EXPECT_EQ(status["last_error"], error);
  EXPECT_EQ(status["http_status"], 202);
  EXPECT_EQ(status["failure_kind"], "not-a-feed");
  EXPECT_EQ(status["items"], 0);
  const ProcessResult text = cli_.run({"status"});
  EXPECT_NE(text.out.find("  ec  MISSLYCKAS x1: " + error + "  senast lyckad aldrig, 0 nyheter\n"),
            std::string::npos)
      << text.out;
}

}  // namespace
}  // namespace omvarld::e2e
