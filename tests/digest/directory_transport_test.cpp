// Tests for digest::DirectoryTransport: it writes the .eml and .html
// atomically into a directory, never overwrites, reports what failed, and
// what it writes is a mail that Python's email package reads as intended.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "digest/transport.h"
#include "tests/digest/sample_digest.h"
#include "tests/support/process.h"

namespace omvarld::digest {
namespace {

namespace fs = std::filesystem;
using omvarld::testing::read_whole_file;
using omvarld::testing::run_process;
using omvarld::testing::TempDir;
using testing::sample_entries;
using testing::sample_now;
using testing::sample_recipient;

Message sample_message() {
  const Recipient recipient = sample_recipient();
  const Digest digest = compose(recipient, sample_entries(), sample_now());
  return to_message(recipient, digest, sample_now(), new_message_id(recipient.from));
}

std::set<std::string> file_names(const fs::path& directory) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(directory))
    names.insert(entry.path().filename().string());
  return names;
}

TEST(DirectoryTransport, WritesTheMessageAndItsHtmlUnderTheDateAndNamnd) {
  TempDir temp;
  const fs::path outbox = temp.path() / "outbox" / "nested";
  DirectoryTransport transport(outbox);
  const Message message = sample_message();

  ASSERT_TRUE(transport.deliver(message));
  EXPECT_EQ(file_names(outbox),
            (std::set<std::string>{"20261123-060000-linkoping-utbildning.eml",
                                   "20261123-060000-linkoping-utbildning.html"}));
  EXPECT_EQ(read_whole_file(outbox / "20261123-060000-linkoping-utbildning.eml"), message.eml);
  EXPECT_EQ(read_whole_file(outbox / "20261123-060000-linkoping-utbildning.html"), message.html);
}

TEST(DirectoryTransport, GivesASecondDeliveryItsOwnNameAndLeavesNoTemporaryFile) {
  TempDir temp;
  DirectoryTransport transport(temp.path());
  const Message message = sample_message();

  ASSERT_TRUE(transport.deliver(message));
  ASSERT_TRUE(transport.deliver(message));
  ASSERT_TRUE(transport.deliver(message));
  EXPECT_EQ(file_names(temp.path()), (std::set<std::string>{
                                         "20261123-060000-linkoping-utbildning.eml",
                                         "20261123-060000-linkoping-utbildning.html",
                                         "20261123-060000-linkoping-utbildning-2.eml",
                                         "20261123-060000-linkoping-utbildning-2.html",
                                         "20261123-060000-linkoping-utbildning-3.eml",
                                         "20261123-060000-linkoping-utbildning-3.html",
                                     }));
}

// Writers at the same time, with the same message and so the same name,
// as two processes sending at once would be: every message is kept whole
// under a name of its own, none overwritten, and no temporary file stays.
TEST(DirectoryTransport, WritersAtTheSameTimeNeverShareATemporaryFileOrAName) {
  constexpr int kWriters = 6;
  constexpr int kEach = 10;
  TempDir temp;
  const Message message = sample_message();
  std::atomic<int> ready{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&] {
      DirectoryTransport transport(temp.path());
      ++ready;
      while (ready.load() < kWriters) std::this_thread::yield();
      for (int i = 0; i < kEach; ++i) {
        if (!transport.deliver(message)) ++failures;
      }
    });
  }
  for (std::thread& writer : writers) writer.join();

  EXPECT_EQ(failures.load(), 0);
  const std::set<std::string> names = file_names(temp.path());
  EXPECT_EQ(names.size(), 2u * kWriters * kEach);
  for (const std::string& name : names) {
    SCOPED_TRACE(name);
    ASSERT_TRUE(name.ends_with(".eml") || name.ends_with(".html"));
    EXPECT_EQ(read_whole_file(temp.path() / name),
              name.ends_with(".eml") ? message.eml : message.html);
    if (name.ends_with(".eml")) {
      const std::string html = name.substr(0, name.size() - 4) + ".html";
      EXPECT_TRUE(names.contains(html));
    }
  }
  EXPECT_TRUE(names.contains("20261123-060000-linkoping-utbildning-60.eml"));
}

TEST(DirectoryTransport, FailsWithTheReasonWhenTheDirectoryCannotBeMade) {
  TempDir temp;
  std::ofstream(temp.path() / "a-file") << "not a directory";
  const fs::path outbox = temp.path() / "a-file" / "outbox";
  DirectoryTransport transport(outbox);

  const Result<void> delivered = transport.deliver(sample_message());
  ASSERT_FALSE(delivered);
  EXPECT_EQ(delivered.error().code, Errc::kDeliveryFailed);
  EXPECT_EQ(delivered.error().message,
            "directory transport: cannot write " + outbox.string() + ": Not a directory");
}

TEST(DirectoryTransport, WritesAMailThatPythonReadsAsMultipartAlternative) {
  TempDir temp;
  const fs::path outbox = temp.path() / "outbox";
  DirectoryTransport transport(outbox);
  const Message message = sample_message();
  ASSERT_TRUE(transport.deliver(message));

  const fs::path script = fs::path(OMVARLD_SOURCE_DIR) / "tests/digest/validate_eml.py";
  const auto checked =
      run_process("/usr/bin/python3",
                  {script.string(), (outbox / "20261123-060000-linkoping-utbildning.eml").string(),
                   "Omvärldsbevakning v. 48 – Utbildningsnämnden, Linköping: 3 nya träffar"},
                  temp.path());
  EXPECT_EQ(checked.exit_code, 0) << checked.out << checked.err;
  EXPECT_EQ(checked.out, "");
}

}  // namespace
}  // namespace omvarld::digest
