// History and everyday commands through the real binary on a copy of
// examples/: `digest show` of a digest already sent, `items` saying what was
// sent when, unknown nämnd ids with a did-you-mean, `items --search` finding
// inflections, and local times.

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/demo_copy.h"
#include "tests/support/process.h"
#include "tests/support/sql_text.h"

namespace omvarld::e2e {
namespace {

namespace fs = std::filesystem;
using omvarld::testing::ProcessResult;
using omvarld::testing::sql_text;

constexpr const char* kUtbildning = "linkoping/utbildning";
constexpr const char* kVard = "norrkoping/vard-och-omsorg";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The one file in `directory` whose name contains `part` and ends in `extension`.
fs::path outbox_file(const fs::path& directory, const std::string& part,
                     const std::string& extension) {
  fs::path found;
  for (const auto& entry : fs::directory_iterator(directory)) {
    const std::string name = entry.path().filename().string();
    if (name.find(part) != std::string::npos && entry.path().extension() == extension) {
      EXPECT_TRUE(found.empty()) << "two files for " << part;
      found = entry.path();
    }
  }
  EXPECT_FALSE(found.empty()) << "no " << extension << " for " << part;
  return found;
}

class HistoryE2e : public ::testing::Test {
 protected:
  ProcessResult run(std::vector<std::string> args) {
    args.insert(args.begin(), "-q");
    return demo_copy_.run(std::move(args));
  }

  void run_ok(std::vector<std::string> args) {
    const ProcessResult result = run(std::move(args));
    ASSERT_EQ(result.exit_code, 0) << result.err;
  }

  std::string sql(const std::string& statement) { return sql_text(demo_ / "demo.db", statement); }

  omvarld::testing::DemoCopy demo_copy_;
  const fs::path& demo_ = demo_copy_.dir();
};

TEST_F(HistoryE2e, DigestShowPrintsTheLatestDigestAsItWasSent) {
  run_ok({"poll", "--once"});
  const ProcessResult before = run({"digest", "show", "--namnd", kUtbildning});
  EXPECT_EQ(before.exit_code, 1);
  EXPECT_EQ(before.out, "");
  EXPECT_NE(before.err.find("linkoping/utbildning: ingen sammanställning har skickats till nämnden än"),
            std::string::npos)
      << before.err;

  run_ok({"digest", "send", "--all", "--now"});
  const std::string subject =
      sql("SELECT subject FROM digests WHERE namnd = 'linkoping/utbildning'");
  ASSERT_FALSE(subject.empty());

  const ProcessResult text = run({"digest", "show", "--namnd", kUtbildning});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  const std::string items =
      sql("SELECT COUNT(*) FROM digest_items WHERE namnd = 'linkoping/utbildning'");
  EXPECT_TRUE(text.out.starts_with("Skickad 20")) << text.out;
  EXPECT_NE(text.out.find(" till linkoping/utbildning, " + items + " nyheter\nÄmne: " + subject +
                          "\n\n"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find(sql("SELECT text_body FROM digests WHERE namnd = "
                              "'linkoping/utbildning'")),
            std::string::npos);

  // The HTML exactly as the transport wrote it.
  const ProcessResult html = run({"digest", "show", "--namnd", kUtbildning, "--format", "html"});
  ASSERT_EQ(html.exit_code, 0) << html.err;
  const fs::path outbox = demo_ / "outbox";
  EXPECT_EQ(html.out, read_file(outbox_file(outbox, "linkoping-utbildning", ".html")));
}

TEST_F(HistoryE2e, DigestShowListsTheDaysWithADigestWhenTheDayAskedForHasNone) {
  run_ok({"poll", "--once"});
  run_ok({"digest", "send", "--all", "--now"});
  // A week earlier, as if sent then.
  sql("UPDATE digests SET delivered_at = 1764576000 WHERE namnd = 'linkoping/utbildning'");

  const ProcessResult none = run({"digest", "show", "--namnd", kUtbildning, "--date", "2025-12-02"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("linkoping/utbildning: ingen sammanställning skickades 2025-12-02; "
                          "sammanställningar skickades: 2025-12-01\n"),
            std::string::npos)
      << none.err;

  // 2025-12-01 08:00 UTC is 09:00 in Stockholm.
  const ProcessResult found = run({"digest", "show", "--namnd", kUtbildning, "--date", "2025-12-01"});
  ASSERT_EQ(found.exit_code, 0) << found.err;
  EXPECT_TRUE(found.out.starts_with("Skickad 2025-12-01 09:00 till linkoping/utbildning")) << found.out;

  const ProcessResult bad = run({"digest", "show", "--namnd", kUtbildning, "--date", "1 dec"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--date: ”1 dec” är inget datum som 2026-12-06"), std::string::npos)
      << bad.err;
}

TEST_F(HistoryE2e, ADigestSentBeforeBodiesWereKeptIsNamedButNotShown) {
  run_ok({"poll", "--once"});
  run_ok({"digest", "send", "--all", "--now"});
  sql("UPDATE digests SET text_body = NULL, html_body = NULL");
  const std::string subject =
      sql("SELECT subject FROM digests WHERE namnd = 'linkoping/utbildning'");

  const ProcessResult old = run({"digest", "show", "--namnd", kUtbildning});
  EXPECT_EQ(old.exit_code, 1);
  EXPECT_EQ(old.out, "");
  EXPECT_NE(old.err.find("(”" + subject + "”) skickades av en tidigare version av omvarld, som inte "
                         "sparade vad sammanställningarna innehöll; den kan inte visas"),
            std::string::npos)
      << old.err;
}

TEST_F(HistoryE2e, AnUnknownNamndIsAUsageErrorWithTheIdItProbablyMeant) {
  run_ok({"poll", "--once"});
  const std::vector<std::vector<std::string>> commands = {
      {"items", "--namnd", "linkoping/utbilding"},
      {"items", "--namnd", "linkoping/utbilding", "--search", "skola"},
      {"digest", "show", "--namnd", "linkoping/utbilding"},
      {"digest", "preview", "--namnd", "linkoping/utbilding"},
      {"digest", "send", "--now", "--namnd", "linkoping/utbilding"},
      {"filter", "test", "--since", "30d", "--namnd", "linkoping/utbilding"},
  };
  for (const auto& command : commands) {
    SCOPED_TRACE(command[0] + " " + command[1]);
    const ProcessResult result = run(command);
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.err.find("--namnd: det finns ingen nämnd ”linkoping/utbilding” i "
                              "konfigurationen (menade du ”linkoping/utbildning”?)\n"),
              std::string::npos)
        << result.err;
  }
  const ProcessResult far = run({"items", "--namnd", "x"});
  EXPECT_EQ(far.exit_code, 2);
  EXPECT_NE(far.err.find("; nämnderna är: linkoping/utbildning, "), std::string::npos)
      << far.err;
  EXPECT_FALSE(fs::exists(demo_ / "outbox")) << "nothing was sent";
}

TEST_F(HistoryE2e, ItemsSayWhetherAndWhenEachNamndWasSentThem) {
  run_ok({"poll", "--once"});
  const ProcessResult pending = run({"items", "--namnd", kVard});
  ASSERT_EQ(pending.exit_code, 0) << pending.err;
  EXPECT_NE(pending.out.find("    → norrkoping/vard-och-omsorg (varför: "), std::string::npos)
      << pending.out;
  EXPECT_NE(pending.out.find("); inte skickad än\n"), std::string::npos) << pending.out;
  EXPECT_EQ(pending.out.find("→ linkoping/"), std::string::npos)
      << "only the nämnd asked for:\n" << pending.out;

  run_ok({"digest", "send", "--now", "--namnd", kVard});
  // Sent at 2025-12-01 08:00 UTC, 09:00 in Stockholm.
  sql("UPDATE digests SET delivered_at = 1764576000");
  const ProcessResult sent = run({"items", "--namnd", kVard});
  ASSERT_EQ(sent.exit_code, 0) << sent.err;
  EXPECT_NE(sent.out.find("); skickad 2025-12-01 09:00\n"), std::string::npos) << sent.out;
  EXPECT_EQ(sent.out.find("inte skickad än"), std::string::npos) << sent.out;
  // Each item with its link, and its time in Stockholm (09:31 +0100).
  EXPECT_NE(sent.out.find("\n    https://skr.example.se/"), std::string::npos) << sent.out;

  const ProcessResult all = run({"items", "--json"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  const auto json = nlohmann::json::parse(all.out);
  int sent_matches = 0;
  int unsent_matches = 0;
  for (const auto& item : json) {
    ASSERT_TRUE(item.contains("link"));
    for (const auto& match : item["matches"]) {
      ASSERT_TRUE(match.contains("sent_at"));
      if (match["namnd"] == kVard) {
        EXPECT_EQ(match["sent_at"], "2025-12-01T08:00:00Z");
        ++sent_matches;
      } else {
        EXPECT_TRUE(match["sent_at"].is_null());
        ++unsent_matches;
      }
    }
  }
  EXPECT_GT(sent_matches, 0);
  EXPECT_GT(unsent_matches, 0);
}

TEST_F(HistoryE2e, SearchFindsInflectionsAndSaysWhenNothingMatched) {
  run_ok({"poll", "--once"});
  const ProcessResult found = run({"items", "--search", "äldreomsorg"});
  ASSERT_EQ(found.exit_code, 0) << found.err;
  EXPECT_NE(found.out.find("Så kan kommunerna klara kompetensförsörjningen i äldreomsorgen\n"),
            std::string::npos)
      << found.out;
  // Published Tue, 24 Nov 2026 10:15:00 +0100: shown in Stockholm time.
  EXPECT_TRUE(found.out.starts_with("2026-11-24 10:15  skr-nyheter  Så kan kommunerna"))
      << found.out;

  // Quoted, a word is searched as written.
  const ProcessResult exact = run({"items", "--search", "\"äldreomsorg\""});
  EXPECT_EQ(exact.exit_code, 1);
  EXPECT_EQ(exact.out, "");
  EXPECT_NE(exact.err.find("Inga nyheter matchade ”\"äldreomsorg\"”"), std::string::npos) << exact.err;

  const ProcessResult nothing = run({"items", "--search", "zyxwvutsrq"});
  EXPECT_EQ(nothing.exit_code, 1);
  EXPECT_NE(nothing.err.find("Inga nyheter matchade ”zyxwvutsrq”\n"), std::string::npos)
      << nothing.err;
}

}  // namespace
}  // namespace omvarld::e2e
