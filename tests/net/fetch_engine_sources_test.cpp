// fetch_all beyond plain HTTP answers: file:// URLs and what they may not
// be, refused schemes and redirects, TLS verification and a configured CA,
// refused connections and unknown hosts, and the methods, headers and bodies
// of JSON API requests; against real servers on 127.0.0.1.

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

#include "tests/net/fetch_engine_helpers.h"
#include "tests/support/fault_http_server.h"
#include "tests/support/loopback_http_server.h"
#include "tests/support/temp_dir.h"
#include "tests/support/tls_http_server.h"

namespace omvarld::net {
namespace {

using omvarld::testing::FaultHttpServer;
using omvarld::testing::TempDir;
using omvarld::testing::TlsHttpServer;
using namespace std::chrono_literals;
using namespace fetch_test;

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
