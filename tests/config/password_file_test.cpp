// Password files with real files and modes: reading them (bounded, never a
// FIFO or a device), and what check-config says about each one, located at
// its key's value in the configuration.

#include "config/password_file.h"

#include <sys/stat.h>
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/config/error_messages.h"
#include "tests/support/temp_dir.h"

namespace omvarld::config {
namespace {

namespace fs = std::filesystem;
using omvarld::testing::TempDir;
using Severity = PasswordFileProblem::Severity;

// A file with `content` and mode `mode`.
std::string secret(const TempDir& dir, const std::string& name, const std::string& content,
                   mode_t mode = 0600) {
  const fs::path path = dir.write(name, content);
  EXPECT_EQ(::chmod(path.c_str(), mode), 0);
  return path.string();
}

std::vector<std::string> described(const std::vector<PasswordFileProblem>& problems) {
  std::vector<std::string> lines;
  for (const PasswordFileProblem& problem : problems) {
    lines.push_back(std::string(problem.severity == Severity::kError ? "error: " : "warning: ") +
                    problem.message);
  }
  return lines;
}

TEST(ReadPasswordFile, GivesThePasswordWithoutItsLineEnd) {
  TempDir dir;
  auto password = read_password_file(secret(dir, "p", "hemligt ord\r\n"));
  ASSERT_TRUE(password) << password.error().message;
  EXPECT_EQ(*password, "hemligt ord");
}

TEST(ReadPasswordFile, ReadsAFileOfTheLargestSize) {
  TempDir dir;
  auto password = read_password_file(secret(dir, "p", std::string(kMaxPasswordFileBytes, 'x')));
  ASSERT_TRUE(password) << password.error().message;
  EXPECT_EQ(password->size(), kMaxPasswordFileBytes);
}

TEST(ReadPasswordFile, RefusesWhatItCannotOrMustNotRead) {
  TempDir dir;
  const std::string large = secret(dir, "large", std::string(kMaxPasswordFileBytes + 1, 'x'));
  const std::string fifo = (dir.path() / "fifo").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const std::string missing = (dir.path() / "missing").string();
  const std::string through_a_file = large + "/x";
  struct Case {
    std::string path;
    std::string message;
  };
  const std::vector<Case> cases = {
      {missing, missing + ": kan inte läsas: No such file or directory"},
      {through_a_file, through_a_file + ": kan inte läsas: Not a directory"},
      {large, large + ": larger than 4096 bytes"},
      {fifo, fifo + ": är inte en vanlig fil"},  // and it does not wait for a writer
      {"/dev/zero", "/dev/zero: är inte en vanlig fil"},
      {dir.path().string(), dir.path().string() + ": är inte en vanlig fil"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.path);
    auto password = read_password_file(c.path);
    ASSERT_FALSE(password);
    EXPECT_EQ(password.error().code, Errc::kInvalidConfig);
    EXPECT_EQ(password.error().message, c.message);
  }
}

TEST(CheckPasswordFile, SaysWhatIsWrongWithEachFile) {
  TempDir dir;
  const std::string private_file = secret(dir, "private", "pw\n", 0600);
  const std::string owner_only_read = secret(dir, "read-only", "pw\n", 0400);
  const std::string group = secret(dir, "group", "pw\n", 0640);
  const std::string others = secret(dir, "others", "pw\n", 0604);
  const std::string both = secret(dir, "both", "pw\n", 0644);
  const std::string large = secret(dir, "large", std::string(5000, 'x'), 0644);
  const std::string fifo = (dir.path() / "fifo").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const std::string missing = (dir.path() / "missing").string();
  struct Case {
    std::string path;
    std::vector<std::string> problems;
  };
  const std::vector<Case> cases = {
      {private_file, {}},
      {owner_only_read, {}},
      {group,
       {"warning: " + group + " kan läsas av filens grupp (rättigheter 0640); gör den privat: chmod 600 " +
        group}},
      {others,
       {"warning: " + others + " kan läsas av alla andra (rättigheter 0604); gör den privat: chmod 600 " +
        others}},
      {both,
       {"warning: " + both +
        " kan läsas av gruppen och alla andra (rättigheter 0644); gör den privat: chmod 600 " + both}},
      {large,
       {"error: " + large + " är 5000 byte; en lösenordsfil innehåller bara lösenordet (högst 4096 byte)",
        "warning: " + large +
            " kan läsas av gruppen och alla andra (rättigheter 0644); gör den privat: chmod 600 " + large}},
      {missing, {"error: kan inte läsa " + missing + ": No such file or directory"}},
      {fifo, {"error: " + fifo + " är ingen vanlig fil"}},
      {"/dev/null", {"error: /dev/null är ingen vanlig fil"}},
      {"/run/credentials/omvarld-test-none.service/smtp-password",
       {"warning: /run/credentials/omvarld-test-none.service/smtp-password är en systemd-credential, som bara finns medan tjänsten körs: kontrolleras inte"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.path);
    EXPECT_EQ(described(check_password_file(c.path)), c.problems);
  }
}

TEST(CheckPasswordFiles, LocatesEachProblemAtItsKeyInTheConfiguration) {
  TempDir dir;
  secret(dir, "smtp-password", "pw\n", 0644);
  secret(dir, "conf.d/imap-ok", "pw\n", 0600);
  const std::string config_file = dir.write("omvarld.toml", R"toml(
[mail]
transport = "smtp"
smtp_url = "smtp://relay.example.se:587"
username = "omvarld"
password_file = "smtp-password"

[[source]]
id = "brev"
url = "imaps://imap.example.se/Nyhetsbrev"
kind = "imap"
[source.imap]
username = "omvarld"
password_file =   "imap-missing"
)toml").string();
  const std::string drop_in = dir.write("conf.d/50-imap.toml", R"toml(
[[source]]
id = "brev2"
url = "imaps://imap.example.se/Andra"
kind = "imap"
[source.imap]
username = "omvarld"
password_file = "imap-ok"
)toml").string();
  auto config = load_config(config_file);
  ASSERT_TRUE(config) << to_string(config.error()[0]);

  const PasswordFileFindings findings = check_password_files(*config);
  EXPECT_EQ(messages_of(findings.errors, config_file),
            std::vector<std::string>{"14:19: password_file: kan inte läsa " +
                                     (dir.path() / "imap-missing").string() +
                                     ": No such file or directory"});
  EXPECT_EQ(messages_of(findings.warnings, config_file),
            std::vector<std::string>{"6:17: password_file: " + (dir.path() / "smtp-password").string() +
                                     " kan läsas av gruppen och alla andra (rättigheter 0644); gör den privat: chmod 600 " +
                                     (dir.path() / "smtp-password").string()});
  (void)drop_in;
}

}  // namespace
}  // namespace omvarld::config
