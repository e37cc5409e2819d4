// fetch against a real HTTP server on the loopback interface, and against
// file:// URLs in a scratch directory.

#include "net/fetcher.h"

#include <curl/curl.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/loopback_http_server.h"
#include "tests/support/temp_dir.h"

namespace omvarld::net {
namespace {

using omvarld::testing::CannedResponse;
using omvarld::testing::LoopbackHttpServer;
using omvarld::testing::TempDir;

// libcurl's global setup runs once per process, as main() does it in the daemon.
class CurlEnvironment final : public ::testing::Environment {
 public:
  void SetUp() override { ASSERT_EQ(curl_global_init(CURL_GLOBAL_DEFAULT), CURLE_OK); }
  void TearDown() override { curl_global_cleanup(); }
};

const auto* const kCurlEnvironment = ::testing::AddGlobalTestEnvironment(new CurlEnvironment);

const std::string kFeed = "<rss version=\"2.0\"><channel><title>T</title></channel></rss>";

std::map<std::string, CannedResponse> routes() {
  return {
      {"/feed.xml", {200, "OK", {{"Content-Type", "application/rss+xml; charset=utf-8"}}, kFeed}},
      {"/moved", {301, "Moved Permanently", {{"Location", "/feed.xml"}}, ""}},
      {"/loop", {302, "Found", {{"Location", "/loop"}}, ""}},
      {"/to-file", {302, "Found", {{"Location", "file:///etc/hostname"}}, ""}},
      {"/large", {200, "OK", {}, std::string(2000, 'x')}},
      {"/large-unannounced", {200, "OK", {}, std::string(2000, 'x'), false}},
      {"/error", {500, "Internal Server Error", {}, "oops"}},
  };
}

TEST(Fetch, ReturnsTheBodyAndContentTypeOfA200) {
  LoopbackHttpServer server(routes());
  auto fetched = fetch(server.url("/feed.xml"), FetchOptions{});
  ASSERT_TRUE(fetched) << fetched.error().message;
  EXPECT_EQ(fetched->http_status, 200);
  EXPECT_EQ(fetched->body, kFeed);
  EXPECT_EQ(fetched->content_type, "application/rss+xml; charset=utf-8");
  EXPECT_EQ(fetched->effective_url, server.url("/feed.xml"));
}

TEST(Fetch, SendsTheUserAgentAndAcceptsCompression) {
  LoopbackHttpServer server(routes());
  FetchOptions options;
  options.user_agent = "omvarld/0.1 (+https://example.se)";
  ASSERT_TRUE(fetch(server.url("/feed.xml"), options));
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_NE(requests[0].find("\r\nUser-Agent: omvarld/0.1 (+https://example.se)\r\n"), std::string::npos)
      << requests[0];
  EXPECT_NE(requests[0].find("\r\nAccept-Encoding: "), std::string::npos) << requests[0];
}

TEST(Fetch, ReportsAnAnswerOutside2xxAsHttpStatus) {
  LoopbackHttpServer server(routes());
  for (const char* path : {"/missing", "/error"}) {
    SCOPED_TRACE(path);
    auto fetched = fetch(server.url(path), FetchOptions{});
    ASSERT_FALSE(fetched);
    EXPECT_EQ(fetched.error().code, Errc::kHttpStatus);
    const std::string status = std::string(path) == "/missing" ? "404 Not Found" : "500 Internal Server Error";
    EXPECT_EQ(fetched.error().message, "fetch " + server.url(path) + ": HTTP " + status);
  }
}

TEST(Fetch, FollowsRedirectsAndReportsWhereItEnded) {
  LoopbackHttpServer server(routes());
  auto fetched = fetch(server.url("/moved"), FetchOptions{});
  ASSERT_TRUE(fetched) << fetched.error().message;
  EXPECT_EQ(fetched->body, kFeed);
  EXPECT_EQ(fetched->effective_url, server.url("/feed.xml"));
}

TEST(Fetch, GivesUpAfterFiveRedirects) {
  LoopbackHttpServer server(routes());
  auto fetched = fetch(server.url("/loop"), FetchOptions{});
  ASSERT_FALSE(fetched);
  EXPECT_EQ(fetched.error().code, Errc::kFetchFailed);
  EXPECT_EQ(fetched.error().message, "fetch " + server.url("/loop") + ": more than 5 redirects (a redirect loop?)");
  EXPECT_EQ(server.requests().size(), 6u);
}

TEST(Fetch, NeverFollowsARedirectToAFile) {
  LoopbackHttpServer server(routes());
  FetchOptions options;
  options.allow_file_urls = true;
  auto fetched = fetch(server.url("/to-file"), options);
  ASSERT_FALSE(fetched);
  EXPECT_EQ(fetched.error().code, Errc::kFetchFailed);
  EXPECT_EQ(fetched.error().message,
            "fetch " + server.url("/to-file") +
                ": refused to follow a redirect to file:///etc/hostname (only http and https)");
}

TEST(Fetch, RefusesABodyOverTheLimit) {
  LoopbackHttpServer server(routes());
  FetchOptions options;
  options.max_body_bytes = 1000;
  for (const char* path : {"/large", "/large-unannounced"}) {
    SCOPED_TRACE(path);
    auto fetched = fetch(server.url(path), options);
    ASSERT_FALSE(fetched);
    EXPECT_EQ(fetched.error().code, Errc::kFetchFailed);
    EXPECT_EQ(fetched.error().message,
              "fetch " + server.url(path) + ": the answer is over the 1000 bytes limit");
  }
}

TEST(Fetch, ReadsAFileUrlWhenAllowed) {
  TempDir dir;
  const std::filesystem::path feed = dir.write("feed.xml", kFeed);
  FetchOptions options;
  options.allow_file_urls = true;
  auto fetched = fetch("file://" + feed.string(), options);
  ASSERT_TRUE(fetched) << fetched.error().message;
  EXPECT_EQ(fetched->http_status, 0);
  EXPECT_EQ(fetched->body, kFeed);
}

TEST(Fetch, RefusesFileUrlsUnlessAllowed) {
  TempDir dir;
  const std::filesystem::path feed = dir.write("feed.xml", kFeed);
  const std::string url = "file://" + feed.string();
  auto fetched = fetch(url, FetchOptions{});
  ASSERT_FALSE(fetched);
  EXPECT_EQ(fetched.error().code, Errc::kFetchFailed);
  EXPECT_EQ(fetched.error().message, "fetch " + url + ": file:// URLs are not allowed (set allow_file_urls = true in [daemon])");
}

TEST(Fetch, ReportsAMissingFile) {
  FetchOptions options;
  options.allow_file_urls = true;
  auto fetched = fetch("file:///nonexistent/omvarld/feed.xml", options);
  ASSERT_FALSE(fetched);
  EXPECT_EQ(fetched.error().code, Errc::kFetchFailed);
  EXPECT_EQ(fetched.error().message,
            "fetch file:///nonexistent/omvarld/feed.xml: Couldn't open file /nonexistent/omvarld/feed.xml");
}

TEST(Fetch, RefusesUnsupportedSchemes) {
  struct Case {
    const char* url;
    const char* message;
  };
  const Case cases[] = {
      {"ftp://ftp.example/feed.xml", "fetch ftp://ftp.example/feed.xml: scheme \"ftp\" is not allowed (only http, https and file)"},
      {"gopher://g.example/", "fetch gopher://g.example/: scheme \"gopher\" is not allowed (only http, https and file)"},
      {"no-scheme", "fetch no-scheme: not a URL (no scheme)"},
      {"/etc/passwd", "fetch /etc/passwd: not a URL (no scheme)"},
  };
  FetchOptions options;
  options.allow_file_urls = true;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.url);
    auto fetched = fetch(c.url, options);
    ASSERT_FALSE(fetched);
    EXPECT_EQ(fetched.error().code, Errc::kFetchFailed);
    EXPECT_EQ(fetched.error().message, c.message);
  }
}

}  // namespace
}  // namespace omvarld::net
