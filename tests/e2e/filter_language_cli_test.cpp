// Every row of the filter language (docs/reference.md, "Filter language"),
// through `omvarld filter test` as a coordinator runs it: one nämnd per term
// (and one with a query), the real binary with Debian's hunspell
// dictionaries, text in and nämnder out.

#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/omvarld_cli.h"
#include "tests/support/process.h"

namespace omvarld::testing {
namespace {

// Nämnd id → its one term, as a TOML basic string's contents.
struct Rule {
  const char* namnd;
  const char* any;  // empty: the nämnd has `query` instead
  const char* query;
};

const std::vector<Rule> kRules = {
    {"k/forskola", R"(förskola)", ""},
    {"k/regions", R"(regions)", ""},
    {"k/skol", R"(skol*)", ""},
    {"k/skola", R"(*skola)", ""},
    {"k/klimat", R"(*klimat*)", ""},
    {"k/social-ekonomi", R"(\"social ekonomi\")", ""},
    {"k/eu", R"(=EU)", ""},
    {"k/titel", R"(title:skola)", ""},
    {"k/query", "", R"(digitalisering OCH (skola ELLER utbildning) INTE högskola)"},
};

std::string config_text() {
  std::string text = "[[source]]\nid = \"s\"\nurl = \"https://example.eu/rss\"\n";
  for (const Rule& rule : kRules) {
    text += std::string("\n[[namnd]]\nid = \"") + rule.namnd + "\"\nname = \"N\"\n" +
            "recipients = [\"n@linkoping.se\"]\n";
    text += *rule.any ? std::string("any = [\"") + rule.any + "\"]\n"
                      : std::string("query = \"") + rule.query + "\"\n";
  }
  return text;
}

struct Case {
  const char* title;
  const char* summary;
  std::set<std::string> namnder;
};

TEST(FilterLanguage, EveryRowOfTheContractThroughFilterTest) {
  TempDir dir;
  const auto config = dir.write("omvarld.toml", config_text());
  const Case cases[] = {
      {"Fler förskolor i Linköping", "", {"k/forskola", "k/skola"}},
      {"Förskolornas lokaler", "", {"k/forskola", "k/skola"}},
      {"Stöd till varje region", "", {"k/regions"}},
      // title:skola finds the compound that begins with it (skol|verket); *skola does not.
      {"Skolverket informerar", "", {"k/skol", "k/titel"}},
      {"Förskoleklassen börjar", "", {"k/forskola"}},  // a compound that begins with förskola
      {"Högskolan växer", "", {"k/skola"}},            // a compound that ends with it: only *skola
      {"Nyheter", "Grundskolan får mer pengar", {"k/skola"}},  // through its base form grundskola
      {"Ny förskola", "", {"k/forskola", "k/skola"}},
      {"EU-klimatlagen antagen", "", {"k/klimat", "k/eu"}},
      {"Den sociala ekonomin växer", "", {"k/social-ekonomi"}},
      {"Ekonomi och socialt arbete", "", {}},
      {"EU:s budget", "", {"k/eu"}},
      {"Europeiska unionen", "", {}},
      {"Skola i fokus", "", {"k/titel", "k/skol", "k/skola"}},
      {"Nyheter", "En skola i fokus", {"k/skol", "k/skola"}},
      {"Digitalisering i skolan", "", {"k/query", "k/skol", "k/skola", "k/titel"}},
      // INTE högskola also excludes its inflection högskolan.
      {"Digitalisering i högskolan och skolan", "", {"k/skol", "k/skola", "k/titel"}},
      {"Digitalisering i vården", "", {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.title) + " / " + c.summary);
    std::vector<std::string> args = {"--config", config.string(), "filter", "test", "--json", "--title", c.title};
    if (*c.summary) args.insert(args.end(), {"--summary", c.summary});
    const ProcessResult result = run_omvarld(args, dir.path());
    EXPECT_EQ(result.exit_code, c.namnder.empty() ? 1 : 0) << result.err;
    std::set<std::string> found;
    const auto json = nlohmann::json::parse(result.out);
    for (const auto& match : json["matches"]) {
      found.insert(match["namnd"].get<std::string>());
    }
    EXPECT_EQ(found, c.namnder) << result.out;
  }
}

TEST(FilterLanguage, ABadQueryIsAConfigErrorAtItsColumn) {
  TempDir dir;
  const auto config = dir.write("omvarld.toml",
                                "[[source]]\nid = \"s\"\nurl = \"https://example.eu/rss\"\n\n"
                                "[[namnd]]\nid = \"k/n\"\nname = \"N\"\nrecipients = [\"n@linkoping.se\"]\n"
                                "query = \"skola OCH (förskola ELLER\"\n");
  const ProcessResult result =
      run_omvarld({"--config", config.string(), "filter", "test", "--title", "Skola"}, dir.path());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find(config.string() + ":9:"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace omvarld::testing
