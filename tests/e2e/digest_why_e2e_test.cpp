// What an official reads, through the real binary on a copy of examples/:
// `digest preview` names the words found in "varför:" as they stood in the
// item (the demo's SKR item has "förskolelärare", a compound of the term
// `förskola`), never `*` or quotes; the nämnd's own section comes first; the
// first digest does not speak of a previous one, a later one does, and a
// reclassify carries the words found.

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/demo_copy.h"
#include "tests/support/process.h"

namespace omvarld::e2e {
namespace {

namespace fs = std::filesystem;
using omvarld::testing::ProcessResult;

constexpr const char* kUtbildning = "linkoping/utbildning";

class DigestWhy : public ::testing::Test {
 protected:
  ProcessResult run(std::vector<std::string> args) {
    args.insert(args.begin(), "-q");
    return demo_copy_.run(std::move(args));
  }

  std::string preview(const std::string& format) {
    const ProcessResult shown = run({"digest", "preview", "--namnd", kUtbildning, "--format", format});
    EXPECT_EQ(shown.exit_code, 0) << shown.err;
    return shown.out;
  }

  // Every "varför:" line of a body, from the label to the end of its line.
  static std::vector<std::string> why_lines(const std::string& body) {
    std::vector<std::string> lines;
    for (std::size_t at = body.find("varför:"); at != std::string::npos; at = body.find("varför:", at + 1)) {
      lines.push_back(body.substr(at, body.find('\n', at) - at));
    }
    return lines;
  }

  omvarld::testing::DemoCopy demo_copy_;
  const fs::path& demo_ = demo_copy_.dir();
};

TEST_F(DigestWhy, NamesTheWordsFoundWithoutFilterSyntaxOwnSectionFirst) {
  ASSERT_EQ(run({"poll", "--once"}).exit_code, 0);
  const std::string text = preview("text");
  EXPECT_NE(text.find("  varför: förskola, förskolelärare\n"), std::string::npos) << text;
  const std::vector<std::string> lines = why_lines(text);
  ASSERT_GT(lines.size(), 3U) << text;
  for (const std::string& line : lines) {
    EXPECT_EQ(line.find('*'), std::string::npos) << line;
    EXPECT_EQ(line.find('"'), std::string::npos) << line;
  }
  const std::string html = preview("html");
  for (const std::string& line : why_lines(html)) {
    EXPECT_EQ(line.find("&quot;"), std::string::npos) << line;
    EXPECT_EQ(line.find('*'), std::string::npos) << line;
  }
  EXPECT_NE(html.find("varför: förskola, förskolelärare</p>"), std::string::npos);

  const std::size_t own = text.find("\nUtbildningsnämndens bevakning (");
  const std::size_t topic = text.find("\nEU-finansiering och utlysningar (");
  ASSERT_NE(own, std::string::npos) << text;
  ASSERT_NE(topic, std::string::npos) << text;
  EXPECT_LT(own, topic);
  EXPECT_EQ(text.find("\nÖvriga träffar ("), std::string::npos) << "every item has a term or a topic";

  EXPECT_NE(text.find("\nFörsta utskicket: "), std::string::npos) << text;
  EXPECT_EQ(text.find("förra utskicket"), std::string::npos) << text;
}

TEST_F(DigestWhy, ALaterDigestSpeaksOfThePreviousOneAndReclassifyFindsTheWords) {
  ASSERT_EQ(run({"poll", "--once"}).exit_code, 0);
  ASSERT_EQ(run({"digest", "send", "--all", "--now"}).exit_code, 0);
  // Catch plastic packaging (an item the nämnd did not get).
  const fs::path file = demo_ / "conf.d" / "20-linkoping.toml";
  std::ifstream in(file);
  std::string config{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  in.close();
  const std::string after = "\"vuxenutbildning\",";
  const std::size_t at = config.find(after);
  ASSERT_NE(at, std::string::npos);
  config.insert(at + after.size(), "\n  \"plast*\",");
  std::ofstream(file, std::ios::trunc) << config;
  ASSERT_EQ(run({"reclassify", "--since", "3650d"}).exit_code, 0);

  const std::string text = preview("text");
  EXPECT_NE(text.find("\n1 ny träff sedan förra utskicket.\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("Första utskicket"), std::string::npos) << text;
  EXPECT_NE(text.find("  varför: plastic\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace omvarld::e2e
