// A coordinator changes a nämnd's filter on a running installation, through
// the real binary on a copy of examples/: `filter test --since` shows what
// the change would catch without storing anything, `reclassify` stores it,
// and the next digest holds exactly the newly caught items — nothing that
// was delivered before.

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/demo_copy.h"
#include "tests/support/process.h"

namespace omvarld::e2e {
namespace {

namespace fs = std::filesystem;
using omvarld::testing::ProcessResult;

constexpr const char* kUtbildning = "linkoping/utbildning";
constexpr const char* kPackaging = "Parliament adopts new rules on packaging waste";
constexpr const char* kForskola = "Nya siffror: fler barn än någonsin går i förskola";

class Reclassify : public ::testing::Test {
 protected:
  ProcessResult run(std::vector<std::string> args) {
    args.insert(args.begin(), "-q");
    return demo_copy_.run(std::move(args));
  }

  void run_ok(const std::vector<std::string>& args) {
    const ProcessResult result = run(args);
    ASSERT_EQ(result.exit_code, 0) << result.err;
  }

  // Edits utbildning's `any` list in conf.d/20-linkoping.toml.
  void replace_in_config(const std::string& from, const std::string& to) {
    const fs::path file = demo_ / "conf.d" / "20-linkoping.toml";
    std::string text = omvarld::testing::read_whole_file(file);
    const std::size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
    std::ofstream(file, std::ios::trunc) << text;
  }

  // The titles of the items waiting for the nämnd's next digest.
  std::vector<std::string> pending_titles(const std::string& namnd) {
    const ProcessResult preview = run({"digest", "preview", "--namnd", namnd, "--format", "text"});
    EXPECT_EQ(preview.exit_code, 0) << preview.err;
    std::vector<std::string> found;
    for (const char* title : {kPackaging, kForskola}) {
      if (preview.out.find(title) != std::string::npos) found.emplace_back(title);
    }
    return found;
  }

  // The digests of nämnder in the outbox ("…-linkoping-utbildning.eml"),
  // not the coordinators' reports.
  std::vector<fs::path> outbox_digests() {
    std::vector<fs::path> found;
    if (!fs::exists(demo_ / "outbox")) return found;
    for (const auto& entry : fs::directory_iterator(demo_ / "outbox")) {
      const std::string name = entry.path().filename().string();
      const bool of_namnd = name.find("-linkoping-") != std::string::npos ||
                            name.find("-norrkoping-") != std::string::npos;
      if (entry.path().extension() == ".eml" && of_namnd) found.push_back(entry.path());
    }
    return found;
  }

  omvarld::testing::DemoCopy demo_copy_;
  const fs::path& demo_ = demo_copy_.dir();
};

TEST_F(Reclassify, FilterTestSinceShowsTheChangeAndStoresNothing) {
  run_ok({"poll", "--once"});
  replace_in_config("\"vuxenutbildning\",", "\"vuxenutbildning\",\n  \"plastic\",");

  const ProcessResult tested = run({"filter", "test", "--since", "3650d", "--namnd", kUtbildning, "--json"});
  ASSERT_EQ(tested.exit_code, 0) << tested.err;
  const auto json = nlohmann::json::parse(tested.out);
  ASSERT_EQ(json["namnder"].size(), 1U);
  const auto& namnd = json["namnder"][0];
  EXPECT_EQ(namnd["namnd"], kUtbildning);
  EXPECT_EQ(namnd["new"], 1);
  EXPECT_EQ(namnd["dropped"], 0);
  EXPECT_EQ(namnd["matches"], namnd["stored"].get<int>() + 1);
  bool shown = false;
  for (const auto& item : namnd["top"]) {
    if (item["title"] == kPackaging) {
      shown = true;
      EXPECT_EQ(item["new"], true);
      EXPECT_EQ(item["terms"], nlohmann::json::array({"plastic"}));
      EXPECT_EQ(item["title_terms"], nlohmann::json::array());  // in the summary only
    }
  }
  EXPECT_TRUE(shown) << tested.out;
  // Only a look: the next digest is as it was.
  EXPECT_EQ(pending_titles(kUtbildning), std::vector<std::string>{kForskola});
}

TEST_F(Reclassify, NewMatchesJoinTheNextDigestAndNothingDeliveredComesAgain) {
  run_ok({"poll", "--once"});
  run_ok({"digest", "send", "--all", "--now"});
  const std::size_t first_round = outbox_digests().size();
  ASSERT_GT(first_round, 0U);

  // Catch plastic packaging, and stop catching förskola (already delivered).
  replace_in_config("\"vuxenutbildning\",", "\"vuxenutbildning\",\n  \"plastic\",");
  replace_in_config("  \"förskola\",\n", "");
  const ProcessResult reclassified = run({"reclassify", "--since", "3650d"});
  ASSERT_EQ(reclassified.exit_code, 0) << reclassified.err;
  EXPECT_NE(reclassified.out.find(": 1 nya träffar"), std::string::npos) << reclassified.out;
  EXPECT_NE(reclassified.out.find("1 träffar inte längre men är redan skickade (behålls)"), std::string::npos)
      << reclassified.out;

  EXPECT_EQ(pending_titles(kUtbildning), std::vector<std::string>{kPackaging});
  run_ok({"digest", "send", "--all", "--now"});
  const std::vector<fs::path> emls = outbox_digests();
  ASSERT_EQ(emls.size(), first_round + 1) << "only utbildning has something new";

  // A second run changes nothing and sends nothing.
  EXPECT_EQ(run({"reclassify", "--since", "3650d"}).exit_code, 1);
  run_ok({"digest", "send", "--all", "--now"});
  EXPECT_EQ(outbox_digests().size(), first_round + 1);
}

TEST_F(Reclassify, DropsUndeliveredMatchesTheFiltersNoLongerFind) {
  run_ok({"poll", "--once"});
  ASSERT_EQ(pending_titles(kUtbildning), std::vector<std::string>{kForskola});
  replace_in_config("  \"förskola\",\n", "");
  const ProcessResult reclassified = run({"reclassify", "--since", "3650d"});
  ASSERT_EQ(reclassified.exit_code, 0) << reclassified.err;
  EXPECT_NE(reclassified.out.find("1 borttagna"), std::string::npos) << reclassified.out;
  EXPECT_EQ(pending_titles(kUtbildning), std::vector<std::string>{});
}

TEST_F(Reclassify, RejectsABadDurationAndAnUnknownNamnd) {
  run_ok({"poll", "--once"});
  const ProcessResult bad_age = run({"reclassify", "--since", "30 days"});
  EXPECT_EQ(bad_age.exit_code, 2);
  EXPECT_NE(bad_age.err.find("--since: väntade en tidslängd som \"30d\", fick \"30 days\""), std::string::npos)
      << bad_age.err;
  const ProcessResult unknown = run({"filter", "test", "--since", "30d", "--namnd", "linkoping/okand"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("--namnd: det finns ingen nämnd ”linkoping/okand” i konfigurationen"), std::string::npos)
      << unknown.err;
}

}  // namespace
}  // namespace omvarld::e2e
