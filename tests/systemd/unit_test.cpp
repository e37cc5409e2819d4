// systemd/omvarld.service as systemd sees it: valid, hardened, and the
// contract the daemon's `run` keeps (notify, watchdog, SIGHUP reload).

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "tests/systemd/service_files.h"

namespace omvarld::testing {
namespace {

constexpr double kMaxExposure = 2.0;

// The "✗" lines of `systemd-analyze security`: what still counts against
// the unit, for the failure message.
std::string open_settings(const std::string& report) {
  std::istringstream lines(report);
  std::string line;
  std::string open;
  while (std::getline(lines, line)) {
    if (line.rfind("\xE2\x9C\x97", 0) == 0) open += line + "\n";
  }
  return open;
}

TEST(ServiceUnit, PassesSystemdAnalyzeVerifyWithoutAWord) {
  if (!require_tool(OMVARLD_SYSTEMD_ANALYZE, "systemd-analyze", "systemd")) return;
  TempDir dir;
  const auto unit = unit_for_built_binary(dir.path());
  // --man=no: the man page is checked by the install test, not installed here.
  const auto verified =
      run_process(OMVARLD_SYSTEMD_ANALYZE, {"verify", "--man=no", unit.string()}, dir.path());
  EXPECT_EQ(verified.exit_code, 0) << verified.err;
  EXPECT_EQ(verified.err, "");
}

TEST(ServiceUnit, ExposureIsAtMostTwo) {
  if (!require_tool(OMVARLD_SYSTEMD_ANALYZE, "systemd-analyze", "systemd")) return;
  TempDir dir;
  const auto unit = unit_for_built_binary(dir.path());
  const auto assessed = run_process(
      OMVARLD_SYSTEMD_ANALYZE, {"security", "--offline=true", "--no-pager", unit.string()},
      dir.path());
  ASSERT_EQ(assessed.exit_code, 0) << assessed.err;
  const std::string marker = "Overall exposure level for omvarld.service: ";
  const auto at = assessed.out.find(marker);
  ASSERT_NE(at, std::string::npos) << assessed.out;
  const double exposure = std::strtod(assessed.out.c_str() + at + marker.size(), nullptr);
  EXPECT_GT(exposure, 0.0) << "unparsable: " << assessed.out.substr(at);
  EXPECT_LE(exposure, kMaxExposure) << "open settings:\n" << open_settings(assessed.out);
}

TEST(ServiceUnit, RunsTheDaemonAsANotifyServiceWithWatchdogAndReload) {
  const std::string unit = read_whole_file(source_path("systemd/omvarld.service"));
  for (const char* line : {"Type=notify\n",
                           "ExecStart=/usr/bin/omvarld run --config /etc/omvarld/omvarld.toml\n",
                           "ExecReload=/bin/kill -HUP $MAINPID\n", "Restart=on-failure\n",
                           "WatchdogSec=60s\n", "TimeoutStopSec=10s\n", "StateDirectory=omvarld\n",
                           "ConfigurationDirectory=omvarld\n"}) {
    SCOPED_TRACE(line);
    EXPECT_NE(unit.find(std::string("\n") + line), std::string::npos);
  }
}

TEST(ServiceUnit, KeepsTheDefaultDatabaseInsideItsStateDirectory) {
  // StateDirectory=omvarld is /var/lib/omvarld, the only place the service
  // may write; the installed configuration keeps the database there.
  const std::string config = read_whole_file(source_path("packaging/omvarld.toml"));
  EXPECT_NE(config.find("\ndatabase = \"/var/lib/omvarld/omvarld.db\""), std::string::npos);
  EXPECT_NE(config.find("\ndirectory = \"/var/lib/omvarld/outbox\""), std::string::npos);
}

TEST(SystemUser, IsCreatedBySysusersWithTheStateDirectoryAsHome) {
  if (!require_tool("/usr/bin/systemd-sysusers", "systemd-sysusers", "systemd")) return;
  TempDir root;
  std::filesystem::create_directory(root.path() / "etc");  // sysusers adds to etc/passwd there
  const auto created = run_process(
      "/usr/bin/systemd-sysusers",
      {"--root=" + root.path().string(), source_path("systemd/sysusers.d/omvarld.conf").string()},
      root.path());
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const std::string passwd = "\n" + read_whole_file(root.path() / "etc/passwd");
  const auto at = passwd.find("\nomvarld:x:");
  ASSERT_NE(at, std::string::npos) << passwd;
  const std::string entry = passwd.substr(at + 1, passwd.find('\n', at + 1) - at - 1);
  EXPECT_NE(entry.find(":omvarld daemon:/var/lib/omvarld:/usr/sbin/nologin"), std::string::npos)
      << entry;
  const std::string group = "\n" + read_whole_file(root.path() / "etc/group");
  EXPECT_NE(group.find("\nomvarld:x:"), std::string::npos) << group;
}

}  // namespace
}  // namespace omvarld::testing
