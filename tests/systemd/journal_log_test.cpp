// The binary's log lines where systemd runs it: syslog priority prefixes and
// no time for the journal, time and level in words everywhere else.

#include <sys/stat.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/demo_copy.h"
#include "tests/support/process.h"
#include "tests/systemd/service_files.h"

namespace omvarld::testing {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool has_line(const std::vector<std::string>& lines, const std::string& wanted) {
  for (const std::string& line : lines) {
    if (line == wanted) return true;
  }
  return false;
}

// `poll --once` on the demo with ec-press's file gone, so one source warns
// (and the command exits 3),
// under `env` with `environment` ("NAME=value", or "-u NAME" pairs).
ProcessResult poll_demo(const DemoCopy& demo, std::vector<std::string> environment) {
  fs::remove(demo.dir() / "feeds/ec-press.xml");
  std::vector<std::string> args{"-u", "JOURNAL_STREAM", "-u", "INVOCATION_ID"};
  args.insert(args.end(), environment.begin(), environment.end());
  for (std::string arg :
       {omvarld_binary(), std::string("--config"), (demo.dir() / "omvarld.toml").string(),
        std::string("poll"), std::string("--once")}) {
    args.push_back(arg);
  }
  return run_process("/usr/bin/env", args, demo.scratch());
}

std::string missing_feed_warning(const DemoCopy& demo) {
  const std::string file = (demo.dir() / "feeds/ec-press.xml").string();
  return "ec-press: file://" + file + ": Couldn't open file " + file +
         " (failure 1 in a row; next attempt ";
}

void expect_journal_lines(const DemoCopy& demo, const ProcessResult& polled) {
  ASSERT_EQ(polled.exit_code, 3) << polled.err;
  const auto lines = lines_of(polled.err);
  ASSERT_FALSE(lines.empty());
  for (const std::string& line : lines) {
    SCOPED_TRACE(line);
    ASSERT_GE(line.size(), 4u);
    EXPECT_TRUE(line[0] == '<' && std::isdigit(static_cast<unsigned char>(line[1])) &&
                line[2] == '>');
  }
  EXPECT_EQ(lines[0].rfind("<4>" + missing_feed_warning(demo), 0), 0u) << lines[0];
  EXPECT_TRUE(has_line(lines, "<6>ep-news: 7 items, 7 new")) << polled.err;
}

TEST(JournalLog, StartedBySystemdEachLineCarriesItsPriorityAndNoTime) {
  DemoCopy demo;
  expect_journal_lines(demo, poll_demo(demo, {"INVOCATION_ID=0123456789abcdef"}));
}

TEST(JournalLog, OnTheJournalStreamEachLineCarriesItsPriority) {
  DemoCopy demo;
  // run_process opens scratch/stderr.txt with O_TRUNC, keeping this inode.
  const fs::path stderr_file = demo.scratch() / "stderr.txt";
  std::ofstream(stderr_file).close();
  struct stat status {};
  ASSERT_EQ(stat(stderr_file.c_str(), &status), 0);
  const std::string stream =
      std::to_string(status.st_dev) + ":" + std::to_string(status.st_ino);
  expect_journal_lines(demo, poll_demo(demo, {"JOURNAL_STREAM=" + stream}));
}

// "2026-11-28 07:00:00 " at the start of `line`.
bool starts_with_time(const std::string& line) {
  const std::string shape = "dddd-dd-dd dd:dd:dd ";
  if (line.size() < shape.size()) return false;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    const bool digit = std::isdigit(static_cast<unsigned char>(line[i])) != 0;
    if (shape[i] == 'd' ? !digit : line[i] != shape[i]) return false;
  }
  return true;
}

TEST(JournalLog, InAFileLinesKeepTimeAndLevel) {
  DemoCopy demo;
  // A journal stream that names another file: stderr was redirected.
  const auto polled = poll_demo(demo, {"JOURNAL_STREAM=1:1", "INVOCATION_ID=0123456789abcdef"});
  ASSERT_EQ(polled.exit_code, 3) << polled.err;
  const auto lines = lines_of(polled.err);
  ASSERT_FALSE(lines.empty());
  for (const std::string& line : lines) {
    SCOPED_TRACE(line);
    EXPECT_TRUE(starts_with_time(line));
  }
  EXPECT_EQ(lines[0].substr(20).rfind("warning " + missing_feed_warning(demo), 0), 0u)
      << lines[0];
  bool found = false;
  for (const std::string& line : lines) {
    found = found || line.substr(20) == "info  ep-news: 7 items, 7 new";
  }
  EXPECT_TRUE(found) << polled.err;
}

}  // namespace
}  // namespace omvarld::testing
