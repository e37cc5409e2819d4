// Deadlines through the real binary on a copy of examples/: `poll --once`
// reads them from the sample feeds' text, `items --json` shows them.

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/demo_copy.h"
#include "tests/support/process.h"

namespace omvarld::e2e {
namespace {

using omvarld::testing::ProcessResult;

TEST(DeadlinesE2e, ItemsJsonGivesTheDeadlinesReadFromTheFeedsText) {
  omvarld::testing::DemoCopy demo;
  const ProcessResult polled = demo.run({"-q", "poll", "--once"});
  ASSERT_EQ(polled.exit_code, 0) << polled.err;
  const ProcessResult listed = demo.run({"-q", "items", "--json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;

  std::map<std::string, std::string> deadline_of;  // title → deadline
  int without = 0;
  for (const nlohmann::json& item : nlohmann::json::parse(listed.out)) {
    if (item.contains("deadline")) {
      deadline_of[item["title"].get<std::string>()] = item["deadline"].get<std::string>();
    } else {
      ++without;
    }
  }
  // "The first deadline is 19 February 2027" in the summary.
  EXPECT_EQ(deadline_of["Commission opens the 2027 Erasmus+ call for proposals"], "2027-02-19");
  // "– sista dag 15 januari" in a title dated 26 November 2026: next year's.
  EXPECT_EQ(deadline_of["Ny utlysning inom Interreg Central Baltic – sista dag 15 januari"],
            "2027-01-15");
  // "synpunkter från kommunerna senast den 11 januari".
  EXPECT_EQ(deadline_of["Remiss: ny lag om kommunal vuxenutbildning"], "2027-01-11");
  // Items that state no deadline have no key.
  EXPECT_GT(without, 0);
}

}  // namespace
}  // namespace omvarld::e2e
