// Outside text through the real binary: the hostile corpus's feed, JSON
// answer, newsletter and HTML page (tests/testdata/hostile/edges-*) carry
// escape sequences, bidi overrides, zero-width and C1 characters and hosts
// that mix scripts. They are polled into the store, and every command that
// prints them (items, items --search, status, filter test --since, digest
// preview, parse) must leave nothing in its output that acts on a terminal
// or hides what it is; the same for an item stored raw, before the fix.

#include <sqlite3.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/omvarld_cli.h"
#include "tests/support/temp_dir.h"

namespace omvarld::e2e {
namespace {

namespace fs = std::filesystem;
using omvarld::testing::OmvarldCli;
using omvarld::testing::ProcessResult;

const fs::path kHostile = fs::path(OMVARLD_SOURCE_DIR) / "tests/testdata/hostile";

std::string config_for(const fs::path& hostile) {
  return R"toml(
[daemon]
database = "omvarld.db"
allow_file_urls = true
first_digest_reach = "3650d"

[mail]
transport = "directory"
directory = "outbox"

[[source]]
id = "feed"
name = "Ond kanal"
url = ")toml" + (hostile / "edges-text-feed.xml").string() + R"toml("

[[source]]
id = "page"
url = ")toml" + (hostile / "edges-not-a-feed.html").string() + R"toml("

[[source]]
id = "api"
url = ")toml" + (hostile / "edges-text-api.json").string() + R"toml("
kind = "json"
[source.json]
id = "Diarienummer"
title = "Titel"
summary = "Beskrivning"
link = "Utlysningssida"
date = "Publiceringsdatum"

[[source]]
id = "brev"
url = "mail/"
kind = "imap"

[[namnd]]
id = "linkoping/utbildning"
name = "Utbildningsnämnden"
recipients = ["u@linkoping.se"]
any = ["förskola"]
)toml";
}

// Every byte sequence a terminal acts on, or that hides or reorders text:
// one of each class safe_text removes.
void expect_terminal_safe(const std::string& output, const std::string& what) {
  SCOPED_TRACE(what);
  for (std::size_t at = 0; at < output.size(); ++at) {
    const auto byte = static_cast<unsigned char>(output[at]);
    ASSERT_FALSE(byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r')
        << "control " << int(byte) << " at " << at << " in:\n" << output;
    ASSERT_NE(byte, 0x7F) << output;
    if (byte == 0xC2 && at + 1 < output.size()) {
      const auto next = static_cast<unsigned char>(output[at + 1]);
      ASSERT_FALSE(next >= 0x80 && next <= 0x9F) << "C1 at " << at << " in:\n" << output;
    }
  }
  for (const char* hidden : {"\xE2\x80\xAE", "\xE2\x80\xAA", "\xE2\x81\xA6", "\xE2\x81\xA9",
                             "\xE2\x80\x8B", "\xE2\x80\x8E", "\xEF\xBB\xBF", "\xC2\xAD",
                             "\xE2\x80\xA8"}) {
    EXPECT_EQ(output.find(hidden), std::string::npos)
        << ::testing::PrintToString(std::string(hidden)) << " in:\n" << output;
  }
}

class HostileTextE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.write("omvarld.toml", config_for(kHostile));
    fs::create_directories(dir_.path() / "mail");
    fs::copy_file(kHostile / "edges-text-newsletter.eml", dir_.path() / "mail/edges-text-newsletter.eml");
  }

  ProcessResult run(const std::vector<std::string>& args) { return cli_.run(args); }

  // Every printing command, its output checked.
  void expect_every_command_terminal_safe() {
    for (const std::vector<std::string>& args :
         std::vector<std::vector<std::string>>{{"items"},
                                               {"items", "--json"},
                                               {"items", "--search", "förskola"},
                                               {"items", "--search", "förskola", "--json"},
                                               {"status"},
                                               {"status", "--json"},
                                               {"filter", "test", "--since", "3650d"},
                                               {"filter", "test", "--since", "3650d", "--json"},
                                               {"digest", "preview", "--namnd", "linkoping/utbildning"},
                                               {"digest", "preview", "--namnd", "linkoping/utbildning",
                                                "--format", "html"},
                                               {"digest", "preview", "--report"},
                                               {"source", "discover",
                                                "file://" + (kHostile / "edges-text-feed.xml").string()},
                                               {"source", "discover",
                                                "file://" + (kHostile / "edges-not-a-feed.html").string()},
                                               {"source", "discover", "--json",
                                                "file://" + (kHostile / "edges-text-feed.xml").string()}}) {
      const ProcessResult result = run(args);
      const std::string command = ::testing::PrintToString(args);
      expect_terminal_safe(result.out, command + " stdout");
      expect_terminal_safe(result.err, command + " stderr");
    }
  }

  omvarld::testing::TempDir dir_;
  OmvarldCli cli_{dir_.path() / "omvarld.toml"};
};

TEST_F(HostileTextE2e, ItemsOfEveryKindAreStoredWithoutWhatActsOrHides) {
  const ProcessResult polled = run({"poll", "--once"});
  EXPECT_EQ(polled.exit_code, 3) << polled.err;  // the HTML page is not a feed
  expect_terminal_safe(polled.err, "poll log");

  const ProcessResult items = run({"items", "--json"});
  ASSERT_EQ(items.exit_code, 0) << items.err;
  std::map<std::string, std::pair<std::string, std::string>> by_key;
  for (const nlohmann::json& item : nlohmann::json::parse(items.out)) {
    by_key[item["key"].get<std::string>()] = {item["title"], item["link"]};
  }
  EXPECT_EQ(by_key["edges-1"].first, "Röd förskola fdp.exe");
  EXPECT_EQ(by_key["edges-1"].second, "https://\xD0\xB0pple.com/login");
  EXPECT_EQ(by_key["edges-2"].first, "G\xCE\xBFogle-stipendier för förskola");
  EXPECT_EQ(by_key["edges-json-1"].first, "Fet utlysning för förskola dolt");
  EXPECT_EQ(by_key["edges-json-1"].second, "https://\xD0\xB0pple.com/utlysning%E2%80%8B");
}

TEST_F(HostileTextE2e, NoCommandPrintsWhatActsOnATerminal) {
  run({"poll", "--once"});
  expect_every_command_terminal_safe();
}

TEST_F(HostileTextE2e, HostsThatMixScriptsAreShownAsPunycode) {
  run({"poll", "--once"});
  const ProcessResult preview = run({"digest", "preview", "--namnd", "linkoping/utbildning"});
  EXPECT_NE(preview.out.find("  https://xn--pple-43d.com/login\n"), std::string::npos) << preview.out;
  EXPECT_NE(preview.out.find("  https://xn--gogle-rce.se/stipendier\n"), std::string::npos)
      << preview.out;
  const ProcessResult html =
      run({"digest", "preview", "--namnd", "linkoping/utbildning", "--format", "html"});
  EXPECT_NE(html.out.find("href=\"https://xn--pple-43d.com/login\""), std::string::npos);
  const ProcessResult search = run({"items", "--search", "stipendier"});
  // 10:00 UTC is 11:00 in Stockholm, the default [daemon] timezone.
  EXPECT_NE(search.out.find("2026-11-20 11:00  feed  "), std::string::npos) << search.out;
  EXPECT_NE(search.out.find("\n    https://xn--gogle-rce.se/stipendier\n"), std::string::npos)
      << search.out;
}

TEST_F(HostileTextE2e, AFailureQuotingAPageIsShownWithoutItsEscapes) {
  run({"poll", "--once"});
  const nlohmann::json page = cli_.source_status("page");
  EXPECT_EQ(page["last_error"],
            "not a feed: got an HTML page (<title>Inloggning KRITISKT</title>)");
  EXPECT_EQ(page["failure_kind"], "not-a-feed");
}

// What an item stored by an older omvarld looks like: raw text in the table.
void store_raw(const fs::path& database, const std::string& key, const std::string& title,
               const std::string& summary, const std::string& link) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(database.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "UPDATE items SET title = ?1, summary = ?2, link = ?3 WHERE key = ?4",
                               -1, &statement, nullptr),
            SQLITE_OK);
  sqlite3_bind_text(statement, 1, title.c_str(), static_cast<int>(title.size()), SQLITE_TRANSIENT);
  sqlite3_bind_text(statement, 2, summary.c_str(), static_cast<int>(summary.size()), SQLITE_TRANSIENT);
  sqlite3_bind_text(statement, 3, link.c_str(), static_cast<int>(link.size()), SQLITE_TRANSIENT);
  sqlite3_bind_text(statement, 4, key.c_str(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
  EXPECT_EQ(sqlite3_step(statement), SQLITE_DONE);
  EXPECT_EQ(sqlite3_changes(db), 1);
  sqlite3_finalize(statement);
  sqlite3_close(db);
}

TEST_F(HostileTextE2e, ItemsStoredRawBeforeTheFixArePrintedSafely) {
  run({"poll", "--once"});
  store_raw(dir_.path() / "omvarld.db", "edges-2",
            "\x1B]0;pwned\x07\x1B[31mRå förskola\x1B[0m \xE2\x80\xAE" "exe.pdf\xC2\x9B" "2J\xFF",
            "Sammanfattning\x1B[2J om förskola\xE2\x80\x8B\xE2\x81\xA6.",
            "https://\xD0\xB0pple.com/\xE2\x80\xAE\x1B[31m");
  expect_every_command_terminal_safe();
  const ProcessResult search = run({"items", "--search", "sammanfattning"});
  EXPECT_NE(search.out.find("2026-11-20 11:00  feed  Rå förskola exe.pdf\xEF\xBF\xBD\n    "
                            "https://xn--pple-43d.com/%E2%80%AE%1B[31m\n"),
            std::string::npos)
      << search.out;
  // JSON keeps the values: what would act is escaped, not dropped.
  const ProcessResult json = run({"items", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  bool found = false;
  for (const nlohmann::json& item : nlohmann::json::parse(json.out)) {
    if (item["key"] != "edges-2") continue;
    found = true;
    EXPECT_EQ(item["title"], "\x1B]0;pwned\x07\x1B[31mRå förskola\x1B[0m \xE2\x80\xAE"
                             "exe.pdf\xC2\x9B" "2J\xEF\xBF\xBD");
  }
  EXPECT_TRUE(found);
}

TEST(HostileParse, PrintsTheDocumentsStringsWithWhatActsEscaped) {
  omvarld::testing::TempDir scratch;
  const ProcessResult parsed = omvarld::testing::run_omvarld(
      {"parse", (kHostile / "edges-text-feed.xml").string()}, scratch.path());
  ASSERT_EQ(parsed.exit_code, 0) << parsed.err;
  expect_terminal_safe(parsed.out, "parse");
  const nlohmann::json document = nlohmann::json::parse(parsed.out);
  EXPECT_EQ(document["entries"][0]["title"],
            "\x1B]0;pwned\x07\x1B[31mRöd\x1B[0m förskola \xE2\x80\xAE" "fdp.exe");
}

}  // namespace
}  // namespace omvarld::e2e
