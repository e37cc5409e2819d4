// kind = "html" through the real binary: a news page served over HTTP by a
// loopback server, `poll --once` into a real SQLite file, the items in
// `items --json` and `filter test --since`; then the site changes its
// markup, and `status --json` shows the source failing with kind
// "profile" — never "no news".

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
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
using omvarld::testing::OmvarldCli;
using omvarld::testing::ProcessResult;
using omvarld::testing::TempDir;

std::string read_page(std::string_view name) {
  return omvarld::testing::read_whole_file(std::string(OMVARLD_SOURCE_DIR) +
                                           "/tests/testdata/pages/" + std::string(name));
}

LoopbackHttpServer serve_page(std::string_view name) {
  return LoopbackHttpServer(std::map<std::string, CannedResponse>{
      {"/kommun-och-politik/nyheter/",
       {200, "OK", {{"Content-Type", "text/html; charset=utf-8"}}, read_page(name), true}}});
}

class HtmlSourceE2e : public ::testing::Test {
 protected:
  // One html source at `url`, and a nämnd that reads förskola.
  void configure(const std::string& url) {
    dir_.write("omvarld.toml", R"toml([daemon]
database = "omvarld.db"
first_digest_reach = "3650d"

[mail]
transport = "directory"
directory = "outbox"

[[source]]
id = "exempelkommun"
name = "Exempelkommun – nyheter"
url = ")toml" + url + R"toml("
kind = "html"

[source.html]
items = "//ul[@class='nyhetslista']/li[@class='nyhet']"
title = ".//h2"
link = ".//h2/a/@href"
date = ".//p[@class='nyhet__datum']"
date_format = "%d %B %Y"
summary = ".//p[@class='nyhet__ingress']"

[[namnd]]
id = "linkoping/utbildning"
name = "Utbildningsnämnden"
recipients = ["utbildning@example.se"]
any = ["förskola"]
)toml");
  }

  TempDir dir_;
  OmvarldCli cli_{dir_.path() / "omvarld.toml"};
};

TEST_F(HtmlSourceE2e, StoresThePagesItemsAndReportsAProfileFailureWhenTheMarkupChanges) {
  {
    const LoopbackHttpServer site = serve_page("kommun-nyheter.html");
    configure(site.url("/kommun-och-politik/nyheter/"));
    const ProcessResult polled = cli_.run({"poll", "--once"});
    ASSERT_EQ(polled.exit_code, 0) << polled.err;
    EXPECT_NE(polled.err.find("exempelkommun: 4 items, 4 new (HTTP 200)"), std::string::npos)
        << polled.err;
  }

  const nlohmann::json items = cli_.run_json({"items", "--json"});
  ASSERT_TRUE(items.is_array()) << items.dump();
  ASSERT_EQ(items.size(), 4u) << items.dump(2);
  std::map<std::string, nlohmann::json> by_title;
  for (const nlohmann::json& item : items) by_title[item["title"]] = item;
  ASSERT_TRUE(by_title.contains("Ny förskola i Berga öppnar i höst")) << items.dump(2);
  const nlohmann::json& forskola = by_title["Ny förskola i Berga öppnar i höst"];
  EXPECT_EQ(forskola["key"],
            "https://www.exempelkommun.se/kommun-och-politik/nyheter/2027/ny-forskola-i-berga.html");
  EXPECT_EQ(forskola["published"], "2027-03-15T00:00:00Z");
  EXPECT_EQ(forskola["matches"][0]["namnd"], "linkoping/utbildning");
  EXPECT_TRUE(by_title.contains("Erasmus+ delegation visits our schools"));

  const ProcessResult caught = cli_.run({"filter", "test", "--since", "30d"});
  EXPECT_EQ(caught.exit_code, 0) << caught.err;
  EXPECT_NE(caught.out.find("exempelkommun  Ny förskola i Berga öppnar i höst"), std::string::npos)
      << caught.out;

  const nlohmann::json healthy = cli_.source_status("exempelkommun");
  EXPECT_EQ(healthy["failure_kind"], "");
  EXPECT_EQ(healthy["items"], 4);

  {
    // The site is redesigned: the same news in other markup.
    const LoopbackHttpServer site = serve_page("kommun-nyheter-ny-design.html");
    configure(site.url("/kommun-och-politik/nyheter/"));
    const ProcessResult polled = cli_.run({"poll", "--once"});
    EXPECT_EQ(polled.exit_code, 3) << "the only source failed: " << polled.err;
    EXPECT_NE(polled.err.find("matched nothing on the page — has its markup changed?"),
              std::string::npos)
        << polled.err;
  }
  const nlohmann::json failing = cli_.source_status("exempelkommun");
  EXPECT_EQ(failing["failure_kind"], "profile");
  EXPECT_EQ(failing["error_streak"], 1);
  EXPECT_EQ(failing["last_error"],
            "items \"//ul[@class='nyhetslista']/li[@class='nyhet']\" matched nothing on the page "
            "— has its markup changed?");
  EXPECT_EQ(failing["items"], 4) << "what was stored stays";

  const ProcessResult text = cli_.run({"status"});
  EXPECT_NE(text.out.find("matched nothing on the page"), std::string::npos) << text.out;
}

}  // namespace
}  // namespace omvarld::sources
