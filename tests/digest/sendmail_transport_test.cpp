// Tests for digest::SendmailTransport. Each test writes a small fake
// sendmail (a shell script) into a temporary directory and the transport
// runs it for real, through posix_spawn and execve: the script records its
// arguments and stdin, or fails the way a real sendmail does.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "digest/sendmail_transport.h"
#include "tests/digest/sample_digest.h"
#include "tests/support/process.h"

namespace omvarld::digest {
namespace {

namespace fs = std::filesystem;
using omvarld::testing::read_whole_file;
using omvarld::testing::TempDir;
using testing::sample_entries;
using testing::sample_now;
using testing::sample_recipient;

Message sample_message() {
  const Recipient recipient = sample_recipient();
  return to_message(recipient, compose(recipient, sample_entries(), sample_now()), sample_now(),
                    "<0123456789abcdef@linkoping.se>");
}

// Writes an executable /bin/sh script called "sendmail" into `dir`.
fs::path fake_sendmail(const TempDir& dir, std::string_view body) {
  const fs::path script = dir.write("bin/sendmail", "#!/bin/sh\n" + std::string(body));
  fs::permissions(script, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
  return script;
}

constexpr std::string_view kRecordingSendmail =
    "dir=$(dirname \"$0\")\n"
    "printf '%s\\n' \"$@\" > \"$dir/argv.txt\"\n"
    "cat > \"$dir/stdin.txt\"\n";

std::string without_cr(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != '\r') out += c;
  }
  return out;
}

TEST(SendmailTransport, RunsSendmailWithTheEnvelopeAndTheMessageWithLfLineEnds) {
  TempDir temp;
  const fs::path program = fake_sendmail(temp, kRecordingSendmail);
  SendmailTransport transport(program);
  const Message message = sample_message();

  const Result<void> delivered = transport.deliver(message);

  ASSERT_TRUE(delivered) << delivered.error().message;
  EXPECT_EQ(read_whole_file(temp.path() / "bin/argv.txt"),
            "-i\n-f\nomvarld@linkoping.se\n--\nutbildning.omvarld@linkoping.se\n"
            "asa.oberg@linkoping.se\n");
  const std::string input = read_whole_file(temp.path() / "bin/stdin.txt");
  EXPECT_EQ(input, without_cr(message.eml));
  EXPECT_EQ(input.find('\r'), std::string::npos);
}

TEST(SendmailTransport, ReportsTheExitStatusAndTheFirstLineOfStderr) {
  TempDir temp;
  const fs::path program = fake_sendmail(temp,
                                         "cat > /dev/null\n"
                                         "echo 'sendmail: fatal: queue file write error' >&2\n"
                                         "echo 'and more detail' >&2\n"
                                         "exit 75\n");
  SendmailTransport transport(program);

  const Result<void> delivered = transport.deliver(sample_message());

  ASSERT_FALSE(delivered);
  EXPECT_EQ(delivered.error().code, Errc::kDeliveryFailed);
  EXPECT_EQ(delivered.error().message,
            "sendmail " + program.string() +
                ": exit status 75: sendmail: fatal: queue file write error");
}

TEST(SendmailTransport, ReportsFailuresThatAreNotAnExitStatus) {
  struct Case {
    const char* name;
    const char* script;  // nullptr: no program at all
    std::string message_body;
    const char* error;  // after "sendmail PATH: "
  };
  // More than a pipe holds, so a program that reads nothing blocks the writer.
  const std::string big(512 * 1024, 'x');
  const Case cases[] = {
      {"no such program", nullptr, "", "cannot run: No such file or directory"},
      {"killed", "kill -9 $$\n", "", "killed by signal 9"},
      {"stops reading", "exit 0\n", big, "stopped reading the message before its end"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    TempDir temp;
    const fs::path program =
        c.script ? fake_sendmail(temp, c.script) : temp.path() / "bin/no-sendmail";
    SendmailTransport transport(program);
    Message message = sample_message();
    message.eml += c.message_body;

    const Result<void> delivered = transport.deliver(message);

    ASSERT_FALSE(delivered);
    EXPECT_EQ(delivered.error().code, Errc::kDeliveryFailed);
    EXPECT_EQ(delivered.error().message, "sendmail " + program.string() + ": " + c.error);
  }
}

// "-" would make an address an option, a line break would split it.
TEST(SendmailTransport, RefusesAnEnvelopeAddressThatCouldBeReadAsAnOption) {
  struct Case {
    const char* name;
    std::string from;
    std::string to;
    const char* error;
  };
  const Case cases[] = {
      {"option as recipient", "omvarld@linkoping.se", "-oQ/tmp/evil",
       "recipient address \"-oQ/tmp/evil\" starts with \"-\""},
      {"option as sender", "-Cevil.cf", "a@linkoping.se",
       "sender address \"-Cevil.cf\" starts with \"-\""},
      {"line break", "omvarld@linkoping.se", "a@linkoping.se\nb@example.com",
       "recipient address \"a@linkoping.se\\nb@example.com\" holds a space, control character "
       "or angle bracket"},
  };
  TempDir temp;
  const fs::path program = fake_sendmail(temp, kRecordingSendmail);
  SendmailTransport transport(program);
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Message message = sample_message();
    message.envelope_from = c.from;
    message.envelope_to = {c.to};

    const Result<void> delivered = transport.deliver(message);

    ASSERT_FALSE(delivered);
    EXPECT_EQ(delivered.error().message, "sendmail " + program.string() + ": " + c.error);
  }
  EXPECT_FALSE(fs::exists(temp.path() / "bin/argv.txt"));
}

}  // namespace
}  // namespace omvarld::digest
