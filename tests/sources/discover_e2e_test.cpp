// `omvarld source discover URL` through the real binary against a loopback
// HTTP server: a page that advertises its feed, a page without one where
// /feed/ exists, a page with nothing, a URL that is a feed itself, and the
// exit codes for an unreachable page and a URL of another scheme; a saved
// page read over file://, an http page that links to a file, a page whose
// only feed is a JSON Feed, candidates that could not be reached told apart
// from those that are no feed, and the [[source]] block printed for the
// feed found, pasted into a configuration that check-config accepts.

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/loopback_http_server.h"
#include "tests/support/omvarld_cli.h"
#include "tests/support/process.h"

namespace omvarld::sources {
namespace {

using omvarld::testing::CannedResponse;
using omvarld::testing::LoopbackHttpServer;
using omvarld::testing::ProcessResult;
using omvarld::testing::TempDir;

constexpr const char* kRss = R"(<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>EU-kontoret – nyheter</title><link>https://eukontor.example.se/</link>
<description>Nyheter</description>
<item><title>Ny utlysning inom Interreg</title><link>https://eukontor.example.se/1</link></item>
<item><title>Veckobrev från Bryssel</title><link>https://eukontor.example.se/2</link></item>
</channel></rss>
)";

constexpr const char* kAtom = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Kommunen</title><id>urn:x</id>
<updated>2026-11-20T10:00:00Z</updated>
<entry><title>Budget 2027</title><id>urn:x:1</id><updated>2026-11-20T10:00:00Z</updated>
<link href="https://kommun.example.se/1"/></entry>
</feed>
)";

CannedResponse html(std::string body) {
  return {200, "OK", {{"Content-Type", "text/html; charset=utf-8"}}, std::move(body), true};
}

CannedResponse xml(std::string body) {
  return {200, "OK", {{"Content-Type", "application/xml"}}, std::move(body), true};
}

class DiscoverE2e : public ::testing::Test {
 protected:
  ProcessResult discover(const std::string& url, bool json) {
    std::vector<std::string> args = {"--config", (scratch_.path() / "none.toml").string(),
                                     "source", "discover", url};
    if (json) args.push_back("--json");
    return omvarld::testing::run_omvarld(args, scratch_.path());
  }

  nlohmann::json discover_json(const std::string& url, int expected_exit) {
    const ProcessResult result = discover(url, true);
    EXPECT_EQ(result.exit_code, expected_exit) << result.err;
    const nlohmann::json json = nlohmann::json::parse(result.out, nullptr, false);
    EXPECT_FALSE(json.is_discarded()) << result.out << result.err;
    return json;
  }

  static bool requested(const LoopbackHttpServer& server, const std::string& path) {
    const auto heads = server.requests();
    return std::any_of(heads.begin(), heads.end(), [&](const std::string& head) {
      return head.starts_with("GET " + path + " ");
    });
  }

  TempDir scratch_;
};

TEST_F(DiscoverE2e, ListsTheFeedsAPageAdvertisesEachCheckedByParsingIt) {
  const LoopbackHttpServer server({
      {"/eu/", html(R"(<!DOCTYPE html><html><head><title>EU-kontoret</title>
<link rel="alternate" type="application/rss+xml" title="Nyheter" href="/eu/nyheter/rss.xml">
<link rel="alternate" type="application/atom+xml" title="Gammal" href="/eu/borttagen.atom">
</head><body><p>Välkommen</p></body></html>)")},
      {"/eu/nyheter/rss.xml", xml(kRss)},
      {"/feed/", xml(kAtom)},
  });
  const nlohmann::json answer = discover_json(server.url("/eu/"), 0);
  EXPECT_EQ(answer["page"], server.url("/eu/"));
  ASSERT_EQ(answer["feeds"].size(), 1u) << answer.dump(2);
  EXPECT_EQ(answer["feeds"][0], (nlohmann::json{{"url", server.url("/eu/nyheter/rss.xml")},
                                                {"format", "RSS 2.0"},
                                                {"title", "EU-kontoret – nyheter"},
                                                {"items", 2},
                                                {"found_by", "link-alternate"}}));
  ASSERT_EQ(answer["rejected"].size(), 1u) << answer.dump(2);
  EXPECT_EQ(answer["rejected"][0]["url"], server.url("/eu/borttagen.atom"));
  EXPECT_EQ(answer["rejected"][0]["failure"], "unreachable");
  EXPECT_EQ(answer["rejected"][0]["error"], "HTTP 404 Not Found") << answer.dump(2);
  EXPECT_EQ(answer["source"]["id"], "eu-kontoret-nyheter") << answer.dump(2);
  EXPECT_EQ(answer["source"]["url"], server.url("/eu/nyheter/rss.xml"));
  EXPECT_FALSE(requested(server, "/feed/")) << "a page that names a working feed is not probed";

  const ProcessResult text = discover(server.url("/eu/"), false);
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(text.out, server.url("/eu/") + ": 1 flöde\n  " + server.url("/eu/nyheter/rss.xml") +
                          "\n    RSS 2.0, \"EU-kontoret – nyheter\", 2 nyheter (angiven med "
                          "<link rel=\"alternate\">)\n  kunde inte nås: " +
                          server.url("/eu/borttagen.atom") + " (HTTP 404 Not Found)\n\nLägg till " +
                          server.url("/eu/nyheter/rss.xml") +
                          " genom att klistra in det här i konfigurationen och köra omvarld "
                          "check-config:\n\n"
                          "[[source]]\nid = \"eu-kontoret-nyheter\"\nname = \"EU-kontoret – nyheter\"\n"
                          "url = \"" + server.url("/eu/nyheter/rss.xml") + "\"\nkind = \"feed\"\n");
}

TEST_F(DiscoverE2e, FindsAFeedAtACommonPathWhenThePageNamesNone) {
  const LoopbackHttpServer server({
      {"/kommun/nyheter", html("<html><body><h1>Nyheter</h1><a href='/om'>Om</a></body></html>")},
      {"/feed/", xml(kAtom)},
  });
  const nlohmann::json answer = discover_json(server.url("/kommun/nyheter"), 0);
  ASSERT_EQ(answer["feeds"].size(), 1u) << answer.dump(2);
  EXPECT_EQ(answer["feeds"][0]["url"], server.url("/feed/"));
  EXPECT_EQ(answer["feeds"][0]["format"], "Atom 1.0");
  EXPECT_EQ(answer["feeds"][0]["items"], 1);
  EXPECT_EQ(answer["feeds"][0]["found_by"], "common-path");
  EXPECT_TRUE(requested(server, "/kommun/nyheter/rss_sv"));
  EXPECT_TRUE(requested(server, "/?feed=rss2"));
}

TEST_F(DiscoverE2e, SaysAProfileIsNeededWhenThereIsNoFeedAnywhere) {
  const LoopbackHttpServer server({{"/nyheter/", html("<html><body><ul><li>Nyhet</li></ul></body></html>")}});
  const ProcessResult result = discover(server.url("/nyheter/"), false);
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(result.out, server.url("/nyheter/") +
                            ": inget flöde, och inget flöde hittades bakom sidan (15 adresser "
                            "provade). Lägg till sidan med kind = \"html\" och en "
                            "[source.html]-profil.\n");
}

// The poll reads JSON Feed as it reads RSS and Atom, so discover recommends
// one like any other feed.
TEST_F(DiscoverE2e, RecommendsAJsonFeedThePageAdvertises) {
  const LoopbackHttpServer server({
      {"/nyheter/", html(R"(<!DOCTYPE html><html><head><title>Kommunen</title>
<link rel="alternate" type="application/feed+json" title="Nyheter" href="/nyheter/feed.json">
</head><body><p>Välkommen</p></body></html>)")},
      {"/nyheter/feed.json",
       {200, "OK", {{"Content-Type", "application/feed+json"}},
        R"({"version": "https://jsonfeed.org/version/1.1", "title": "Kommunen Åtvidaberg",
            "items": [{"id": "1", "url": "https://kommun.example.se/1", "title": "Budget"}]})",
        true}},
  });
  const nlohmann::json answer = discover_json(server.url("/nyheter/"), 0);
  ASSERT_EQ(answer["feeds"].size(), 1u) << answer.dump(2);
  EXPECT_EQ(answer["feeds"][0], (nlohmann::json{{"url", server.url("/nyheter/feed.json")},
                                                {"format", "JSON Feed 1.1"},
                                                {"title", "Kommunen Åtvidaberg"},
                                                {"items", 1},
                                                {"found_by", "link-alternate"}}));
  EXPECT_EQ(answer["source"]["id"], "kommunen-atvidaberg");
  EXPECT_EQ(answer["source"]["kind"], "feed");
  EXPECT_FALSE(requested(server, "/feed/")) << "a page that names a working feed is not probed";
}

// "could not reach" (the network or HTTP said no) is not "not a feed" (an
// answer came, and it is no feed): the first may pass, the second needs a
// profile or another URL.
TEST_F(DiscoverE2e, TellsACandidateItCouldNotReachFromOneThatIsNoFeed) {
  std::string refused;  // a port nothing listens on any more
  {
    const LoopbackHttpServer closed({});
    refused = closed.url("/stangd.xml");
  }
  const LoopbackHttpServer server({
      {"/", html("<html><head>"
                 "<link rel='alternate' type='application/rss+xml' href='/saknas.xml'>"
                 "<link rel='alternate' type='application/rss+xml' href='/sida.xml'>"
                 "<link rel='alternate' type='application/rss+xml' href='" + refused + "'>"
                 "</head><body><a href='/nyheter.json'>RSS</a></body></html>")},
      {"/sida.xml", html("<html><head><title>Logga in</title></head><body></body></html>")},
      {"/nyheter.json", {200, "OK", {{"Content-Type", "application/json"}}, R"({"data": []})", true}},
  });
  const nlohmann::json answer = discover_json(server.url("/"), 1);
  std::map<std::string, std::string> failures;
  for (const nlohmann::json& rejected : answer["rejected"]) {
    if (rejected["found_by"] != "common-path") failures[rejected["url"]] = rejected["failure"];
  }
  EXPECT_EQ(failures, (std::map<std::string, std::string>{{server.url("/saknas.xml"), "unreachable"},
                                                          {refused, "unreachable"},
                                                          {server.url("/sida.xml"), "not-a-feed"},
                                                          {server.url("/nyheter.json"), "not-a-feed"}}))
      << answer.dump(2);
  EXPECT_FALSE(answer.contains("source")) << "nothing to paste";

  const ProcessResult text = discover(server.url("/"), false);
  EXPECT_NE(text.out.find("  kunde inte nås: " + server.url("/saknas.xml") + " (HTTP 404 Not Found)\n"),
            std::string::npos) << text.out;
  EXPECT_NE(text.out.find("  inget flöde: " + server.url("/sida.xml") +
                          " (not a feed: got an HTML page (<title>Logga in</title>))\n"),
            std::string::npos) << text.out;
  EXPECT_NE(text.out.find("  inget flöde: " + server.url("/nyheter.json") +
                          " (not a feed: JSON without a JSON Feed \"version\""),
            std::string::npos) << text.out;

  const ProcessResult page = discover(refused, false);
  EXPECT_EQ(page.exit_code, 3);
  EXPECT_TRUE(page.err.starts_with("source discover: kunde inte nå " + refused + ": could not connect"))
      << page.err;
}

// The block discover prints is pasted, as it is, into a configuration that
// check-config accepts and whose poll then reads the feed (a JSON Feed).
TEST_F(DiscoverE2e, PrintsASourceBlockThatCheckConfigAcceptsAndThePollReads) {
  const LoopbackHttpServer server({{"/feed.json", {200, "OK", {{"Content-Type", "application/feed+json"}},
                                                   R"({"version": "https://jsonfeed.org/version/1",
    "title": "Linköpings kommun: \"Nyheter\" \\ Äldreomsorg",
    "items": [{"id": "u-1", "url": "https://x.se/1", "title": "Ny utlysning inom Interreg",
               "content_html": "<p>Sök senast <b>15 mars</b>.</p>"}]})",
                                                   true}}});
  const ProcessResult result = discover(server.url("/feed.json"), false);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::size_t block = result.out.find("[[source]]");
  ASSERT_NE(block, std::string::npos) << result.out;
  EXPECT_EQ(result.out.substr(block),
            "[[source]]\nid = \"linkopings-kommun-nyheter-aldreomsorg\"\n"
            "name = \"Linköpings kommun: \\\"Nyheter\\\" \\\\ Äldreomsorg\"\n"
            "url = \"" + server.url("/feed.json") + "\"\nkind = \"feed\"\n");
  const auto config = scratch_.write("omvarld.toml", "[daemon]\ndatabase = \"omvarld.db\"\n\n" +
                                                         result.out.substr(block) +
                                                         "\n[[namnd]]\nid = \"linkoping/kf\"\n"
                                                         "name = \"Kommunfullmäktige\"\n"
                                                         "recipients = [\"kf@linkoping.se\"]\n"
                                                         "schedule = \"måndag 07:00\"\n"
                                                         "any = [\"utlysning\"]\n");
  const std::string config_path = config.string();
  const ProcessResult checked =
      omvarld::testing::run_omvarld({"--config", config_path, "check-config"}, scratch_.path());
  EXPECT_EQ(checked.exit_code, 0) << checked.out << checked.err;

  const ProcessResult polled =
      omvarld::testing::run_omvarld({"--config", config_path, "-q", "poll", "--once"}, scratch_.path());
  EXPECT_EQ(polled.exit_code, 0) << polled.out << polled.err;
  const ProcessResult listed =
      omvarld::testing::run_omvarld({"--config", config_path, "-q", "items", "--json"}, scratch_.path());
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("Ny utlysning inom Interreg"), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("\"key\": \"u-1\""), std::string::npos) << listed.out;
  // The deadline is found in the text of content_html.
  EXPECT_NE(listed.out.find("\"deadline\": \"2027-03-15\""), std::string::npos) << listed.out;
}

TEST_F(DiscoverE2e, SaysWhenTheUrlIsAFeedAlready) {
  const LoopbackHttpServer server({{"/rss.xml", xml(kRss)}});
  const nlohmann::json answer = discover_json(server.url("/rss.xml"), 0);
  ASSERT_EQ(answer["feeds"].size(), 1u) << answer.dump(2);
  EXPECT_EQ(answer["feeds"][0]["found_by"], "page");
  EXPECT_EQ(answer["feeds"][0]["items"], 2);
  EXPECT_EQ(server.requests().size(), 1u) << "nothing else is fetched";
}

TEST_F(DiscoverE2e, ReadsASavedPageAndTheFeedFileItLinksTo) {
  scratch_.write("sparad/nyheter.html",
                 "<html><head><link rel='alternate' type='application/rss+xml' href='rss.xml'>"
                 "</head><body></body></html>");
  scratch_.write("sparad/rss.xml", kRss);
  const nlohmann::json answer =
      discover_json("file://" + (scratch_.path() / "sparad/nyheter.html").string(), 0);
  ASSERT_EQ(answer["feeds"].size(), 1u) << answer.dump(2);
  EXPECT_EQ(answer["feeds"][0]["url"], "file://" + (scratch_.path() / "sparad/rss.xml").string());
  EXPECT_EQ(answer["feeds"][0]["format"], "RSS 2.0");
  EXPECT_TRUE(answer["rejected"].empty()) << "no common paths for a file" << answer.dump(2);
}

TEST_F(DiscoverE2e, NeverReadsAFileThatAWebPageLinksTo) {
  scratch_.write("hemlig.xml", kRss);
  const std::string file_url = "file://" + (scratch_.path() / "hemlig.xml").string();
  const LoopbackHttpServer server({{"/", html("<html><head><link rel='alternate' "
                                             "type='application/rss+xml' href='" + file_url +
                                             "'></head></html>")}});
  const nlohmann::json answer = discover_json(server.url("/"), 1);
  // Not even a candidate: only links of the page's own kind are
  // (sources/web_link.h); the common paths are tried instead.
  for (const nlohmann::json& rejected : answer["rejected"]) {
    EXPECT_NE(rejected["url"], file_url) << answer.dump(2);
    EXPECT_EQ(rejected["found_by"], "common-path") << answer.dump(2);
  }
  EXPECT_TRUE(answer["feeds"].empty()) << answer.dump(2);
}

TEST_F(DiscoverE2e, FailsWithExitCodesForAnUnreachablePageAndAnotherScheme) {
  const LoopbackHttpServer server({});
  const ProcessResult missing = discover(server.url("/finns-inte"), false);
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_NE(missing.err.find("HTTP 404"), std::string::npos) << missing.err;

  const ProcessResult ftp = discover("ftp://example.se/", false);
  EXPECT_EQ(ftp.exit_code, 2);
  EXPECT_EQ(ftp.err, "source discover: väntade en adress som börjar med http://, https:// eller "
                     "file://, fick \"ftp://example.se/\"\n");
}

}  // namespace
}  // namespace omvarld::sources
