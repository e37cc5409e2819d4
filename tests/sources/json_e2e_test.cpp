// kind = "json" through the real binary: the Funding & Tenders example
// (examples/api/funding-tenders.toml) pointed at a loopback server that
// answers its multipart POST search like the real API, `poll --once` into
// a real SQLite file, what the server received (method, form parts and
// their types, headers), the items in `items --json` with their deadlines;
// "changed since" sent on the second poll from the first poll's success;
// and an answer that is not JSON failing with kind "json" in `status`.

#include <chrono>
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
#include "tests/support/utc_time.h"

namespace omvarld::sources {
namespace {

using omvarld::testing::CannedResponse;
using omvarld::testing::format_utc;
using omvarld::testing::LoopbackHttpServer;
using omvarld::testing::OmvarldCli;
using omvarld::testing::parse_utc;
using omvarld::testing::ProcessResult;
using omvarld::testing::TempDir;

constexpr const char* kApiHost = "https://api.tech.ec.europa.eu";
constexpr const char* kSearch =
    "/search-api/prod/rest/search?apiKey=SEDIA&text=***&pageSize=50&pageNumber=1";

std::string source_file(std::string_view relative) {
  return omvarld::testing::read_whole_file(std::string(OMVARLD_SOURCE_DIR) + "/" +
                                           std::string(relative));
}

LoopbackHttpServer serve_search(const std::string& body, const std::string& type = "application/json") {
  return LoopbackHttpServer(std::map<std::string, CannedResponse>{
      {kSearch, {200, "OK", {{"Content-Type", type}}, body, true}}});
}

// The value of header `name` (lower case) in a request head, "" when absent.
std::string header_of(const std::string& head, const std::string& name) {
  std::size_t at = head.find("\r\n");
  while (at != std::string::npos) {
    const std::size_t start = at + 2;
    at = head.find("\r\n", start);
    std::string line = head.substr(start, at == std::string::npos ? std::string::npos : at - start);
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string key = line.substr(0, colon);
    for (char& c : key) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (key == name) return line.substr(line.find_first_not_of(' ', colon + 1));
  }
  return {};
}

// name → (part headers, value) of a multipart/form-data body.
std::map<std::string, std::pair<std::string, std::string>> form_of(const std::string& body,
                                                                   const std::string& content_type) {
  const std::string boundary = "--" + content_type.substr(content_type.find("boundary=") + 9);
  std::map<std::string, std::pair<std::string, std::string>> parts;
  for (std::size_t at = body.find(boundary); at != std::string::npos;) {
    const std::size_t start = at + boundary.size() + 2;
    const std::size_t next = body.find("\r\n" + boundary, start);
    if (next == std::string::npos) break;
    const std::string part = body.substr(start, next - start);
    const std::size_t blank = part.find("\r\n\r\n");
    const std::string headers = part.substr(0, blank);
    const std::size_t name = headers.find("name=\"") + 6;
    parts[headers.substr(name, headers.find('"', name) - name)] = {headers, part.substr(blank + 4)};
    at = next + 2;
  }
  return parts;
}

class JsonSourceE2e : public ::testing::Test {
 protected:
  // The shipped Funding & Tenders example with its host replaced by the
  // loopback server's, `extra` added to its [source.json], and a nämnd
  // that reads renovation and Erasmus+.
  void configure(const LoopbackHttpServer& server, const std::string& extra = "") {
    std::string example = source_file("examples/api/funding-tenders.toml");
    example.replace(example.find(kApiHost), std::string_view(kApiHost).size(),
                    server.url(""));
    if (!extra.empty()) example.replace(example.find("[source.json]\n") + 14, 0, extra + "\n");
    dir_.write("omvarld.toml", R"toml([daemon]
database = "omvarld.db"
first_digest_reach = "3650d"

[mail]
transport = "directory"
directory = "outbox"

[[namnd]]
id = "linkoping/kommunstyrelsen"
name = "Kommunstyrelsen"
recipients = ["ks@example.se"]
any = ["renovation", "Erasmus+"]

)toml" + example);
  }

  TempDir dir_;
  OmvarldCli cli_{dir_.path() / "omvarld.toml"};
};

TEST_F(JsonSourceE2e, PostsTheFundingAndTendersSearchAndStoresTheCallsWithDeadlines) {
  const LoopbackHttpServer api = serve_search(source_file("tests/testdata/api/ft-search.json"));
  configure(api);
  const ProcessResult polled = cli_.run({"poll", "--once"});
  ASSERT_EQ(polled.exit_code, 0) << polled.err;
  EXPECT_NE(polled.err.find("eu-funding-tenders: 3 items, 3 new (HTTP 200)"), std::string::npos)
      << polled.err;

  const auto heads = api.requests();
  const auto bodies = api.bodies();
  ASSERT_EQ(heads.size(), 1u);
  EXPECT_TRUE(heads[0].starts_with(std::string("POST ") + kSearch + " HTTP/1.1")) << heads[0];
  EXPECT_EQ(header_of(heads[0], "accept"), "application/json");
  EXPECT_EQ(header_of(heads[0], "if-none-match"), "");
  const std::string content_type = header_of(heads[0], "content-type");
  ASSERT_TRUE(content_type.starts_with("multipart/form-data; boundary=")) << content_type;
  const auto form = form_of(bodies[0], content_type);
  ASSERT_EQ(form.size(), 3u) << bodies[0];
  EXPECT_EQ(form.at("query").second,
            R"({"bool":{"must":[{"terms":{"type":["1","2"]}},{"terms":{"status":["31094501","31094502"]}}]}})");
  EXPECT_EQ(form.at("languages").second, R"(["en"])");
  EXPECT_EQ(form.at("sort").second, R"({"field":"sortStatus","order":"ASC"})");
  for (const auto& [name, part] : form) {
    EXPECT_NE(part.first.find("Content-Type: application/json"), std::string::npos) << name;
  }

  const nlohmann::json items = cli_.run_json({"items", "--json"});
  ASSERT_TRUE(items.is_array()) << items.dump();
  ASSERT_EQ(items.size(), 3u) << items.dump(2);
  std::map<std::string, nlohmann::json> by_key;
  for (const nlohmann::json& item : items) by_key[item["key"]] = item;
  ASSERT_TRUE(by_key.contains("HORIZON-CL5-2027-01-D4-02")) << items.dump(2);
  const nlohmann::json& horizon = by_key["HORIZON-CL5-2027-01-D4-02"];
  EXPECT_EQ(horizon["title"], "Energy-efficient renovation of public buildings in cities & regions");
  EXPECT_EQ(horizon["link"],
            "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/"
            "topic-details/HORIZON-CL5-2027-01-D4-02");
  EXPECT_EQ(horizon["published"], "2026-11-12T00:00:00Z");
  EXPECT_EQ(horizon["deadline"], "2027-03-15");
  EXPECT_EQ(horizon["matches"][0]["namnd"], "linkoping/kommunstyrelsen");
  EXPECT_EQ(by_key["ERASMUS-EDU-2027-PEX-COVE"]["deadline"], "2027-09-04");
  EXPECT_EQ(by_key["LIFE-2027-CET-LOCAL"]["deadline"], "2027-01-28");

  const nlohmann::json status = cli_.source_status("eu-funding-tenders");
  EXPECT_EQ(status["failure_kind"], "");
  EXPECT_EQ(status["items"], 3);
}

TEST_F(JsonSourceE2e, SendsChangedSinceFromTheFirstPollsSuccessOnTheNextPoll) {
  const LoopbackHttpServer api = serve_search(source_file("tests/testdata/api/ft-search.json"));
  configure(api, "since_param = \"modifiedSince\"");
  ASSERT_EQ(cli_.run({"poll", "--once"}).exit_code, 0);
  const std::string first_success = cli_.source_status("eu-funding-tenders")["last_success"];
  ASSERT_EQ(cli_.run({"poll", "--once"}).exit_code, 0);

  const auto heads = api.requests();
  const auto bodies = api.bodies();
  ASSERT_EQ(heads.size(), 2u);
  // The first poll has no success to start from: the API's own default.
  const auto first = form_of(bodies[0], header_of(heads[0], "content-type"));
  EXPECT_EQ(first.size(), 3u);
  EXPECT_FALSE(first.contains("modifiedSince"));
  // The second asks for what changed since then, less an hour's overlap.
  const auto second = form_of(bodies[1], header_of(heads[1], "content-type"));
  ASSERT_TRUE(second.contains("modifiedSince")) << bodies[1];
  EXPECT_EQ(second.at("modifiedSince").second,
            format_utc(parse_utc(first_success) - std::chrono::hours(1)));
  EXPECT_EQ(second.at("languages").second, R"(["en"])");
}

TEST_F(JsonSourceE2e, AnAnswerThatIsNotJsonIsAFailureOfKindJson) {
  const LoopbackHttpServer api =
      serve_search("<!DOCTYPE html><html><body>Maintenance</body></html>", "text/html");
  configure(api);
  const ProcessResult polled = cli_.run({"poll", "--once"});
  EXPECT_EQ(polled.exit_code, 3) << "the only source failed: " << polled.err;
  const nlohmann::json status = cli_.source_status("eu-funding-tenders");
  EXPECT_EQ(status["failure_kind"], "json");
  EXPECT_EQ(status["last_error"],
            "the answer is not JSON: syntax error at byte 1 (it looks like HTML or XML)");
}

}  // namespace
}  // namespace omvarld::sources
