// Password files through the real binary: `check-config` names every one
// that is missing, unreadable, not a regular file or too large (exit 2) and
// warns about one that others may read (exit 0); the hostile corpus's
// config whose password files are /dev/zero fails at once in check-config,
// poll --once and digest send instead of reading without end.

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/omvarld_cli.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace omvarld::e2e {
namespace {

namespace fs = std::filesystem;
using omvarld::testing::ProcessResult;
using omvarld::testing::TempDir;

std::string config_with(const std::string& mail_password, const std::string& imap_password) {
  return R"toml([daemon]
database = "omvarld.db"

[mail]
transport = "smtp"
smtp_url = "smtp://127.0.0.1:1"
username = "omvarld"
password_file = ")toml" + mail_password + R"toml("

[[source]]
id = "brev"
url = "imaps://127.0.0.1:1/Nyhetsbrev"
kind = "imap"
[source.imap]
username = "omvarld"
password_file = ")toml" + imap_password + R"toml("
)toml";
}

class PasswordFileE2e : public ::testing::Test {
 protected:
  void SetUp() override { config_ = (dir_.path() / "omvarld.toml").string(); }

  void write_config(const std::string& mail_password, const std::string& imap_password) {
    dir_.write("omvarld.toml", config_with(mail_password, imap_password));
  }

  std::string secret(const std::string& name, const std::string& content, mode_t mode) {
    const fs::path path = dir_.write(name, content);
    EXPECT_EQ(::chmod(path.c_str(), mode), 0);
    return path.string();
  }

  ProcessResult run(const std::vector<std::string>& args) {
    return omvarld::testing::run_omvarld(config_, args, scratch_.path());
  }

  // The same as the user nobody, through setpriv(1).
  ProcessResult run_as_nobody(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"--reuid=65534", "--regid=65534", "--clear-groups",
                                     omvarld::testing::omvarld_binary(), "--config", config_};
    argv.insert(argv.end(), args.begin(), args.end());
    return omvarld::testing::run_process("/usr/bin/setpriv", argv, scratch_.path());
  }

  TempDir dir_;
  TempDir scratch_;
  std::string config_;
};

TEST_F(PasswordFileE2e, CheckConfigNamesEveryBadPasswordFileAtItsLine) {
  const std::string large = secret("large", std::string(5000, 'x'), 0600);
  write_config("missing", "large");
  const ProcessResult checked = run({"check-config"});
  EXPECT_EQ(checked.exit_code, 2) << checked.err;
  EXPECT_NE(checked.err.find(config_ + ":8:17: password_file: kan inte läsa " +
                             (dir_.path() / "missing").string() + ": No such file or directory\n"),
            std::string::npos)
      << checked.err;
  EXPECT_NE(checked.err.find(config_ + ":16:17: password_file: " + large +
                             " är 5000 byte; en lösenordsfil innehåller bara lösenordet (högst 4096 byte)\n"),
            std::string::npos)
      << checked.err;
  EXPECT_NE(checked.err.find(config_ + ": 2 fel i konfigurationen\n"), std::string::npos)
      << checked.err;
  EXPECT_EQ(checked.out, "");
}

TEST_F(PasswordFileE2e, CheckConfigWarnsAboutAFileOthersMayRead) {
  const std::string open = secret("smtp-password", "pw\n", 0644);
  secret("imap-password", "pw\n", 0600);
  write_config("smtp-password", "imap-password");
  const ProcessResult checked = run({"check-config"});
  EXPECT_EQ(checked.exit_code, 0) << checked.err;
  EXPECT_NE(checked.err.find(config_ + ":8:17: password_file: " + open +
                             " kan läsas av gruppen och alla andra (rättigheter 0644); gör den privat: chmod 600 " + open + "\n"),
            std::string::npos)
      << checked.err;
  EXPECT_EQ(checked.out.rfind("konfigurationen är OK: 1 fil, 1 källor", 0), 0u) << checked.out;
}

TEST_F(PasswordFileE2e, CheckConfigSaysWhenTheUserRunningItCannotReadAFile) {
  const std::string unreadable = secret("smtp-password", "pw\n", 0600);
  secret("imap-password", "pw\n", 0600);
  write_config("smtp-password", "imap-password");
  ProcessResult checked;
  if (::geteuid() == 0) {
    // root reads everything: check as nobody, who may read the config only.
    ASSERT_EQ(::chmod(dir_.path().c_str(), 0755), 0);
    ASSERT_EQ(::chmod(config_.c_str(), 0644), 0);
    ASSERT_EQ(::chmod(scratch_.path().c_str(), 0777), 0);
    checked = run_as_nobody({"check-config"});
  } else {
    ASSERT_EQ(::chmod(unreadable.c_str(), 0), 0);
    checked = run({"check-config"});
  }
  EXPECT_EQ(checked.exit_code, 2) << checked.err;
  EXPECT_NE(checked.err.find(config_ + ":8:17: password_file: kan inte läsa " + unreadable +
                             ": Permission denied\n"),
            std::string::npos)
      << checked.err;
}

TEST(HostilePasswordFile, DevZeroFailsAtOnceInsteadOfBeingRead) {
  TempDir dir;
  fs::copy_file(fs::path(OMVARLD_SOURCE_DIR) / "tests/testdata/hostile/edges-password-file.toml",
                dir.path() / "omvarld.toml");
  const std::string config = (dir.path() / "omvarld.toml").string();
  const auto run = [&](const std::vector<std::string>& args) {
    return omvarld::testing::run_omvarld(config, args, dir.path());
  };

  const ProcessResult checked = run({"check-config"});
  EXPECT_EQ(checked.exit_code, 2);
  EXPECT_NE(checked.err.find(config + ":13:17: password_file: /dev/zero är ingen vanlig fil\n"),
            std::string::npos)
      << checked.err;
  EXPECT_NE(checked.err.find(config + ":21:17: password_file: /dev/zero är ingen vanlig fil\n"),
            std::string::npos)
      << checked.err;

  const ProcessResult polled = run({"poll", "--once"});
  EXPECT_EQ(polled.exit_code, 3);
  EXPECT_NE(polled.err.find("brev: [source.imap] password_file /dev/zero: är inte en vanlig fil"),
            std::string::npos)
      << polled.err;

  const ProcessResult sent = run({"digest", "send", "--all", "--now"});
  EXPECT_EQ(sent.exit_code, 3);
  EXPECT_NE(sent.err.find("[mail] password_file /dev/zero: är inte en vanlig fil"), std::string::npos)
      << sent.err;
}

}  // namespace
}  // namespace omvarld::e2e
