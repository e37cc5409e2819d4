// `cmake --install` and the .deb: every file in its place with its mode, the
// unit pointing at the installed binary, a configuration an administrator
// edited kept across reinstalls, and a man page that names every command.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/omvarld_cli.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "tests/systemd/service_files.h"

namespace omvarld::testing {
namespace {

namespace fs = std::filesystem;

ProcessResult install(const fs::path& prefix, const fs::path& scratch,
                      const std::string& destdir = "") {
  std::vector<std::string> args{"DESTDIR=" + destdir, OMVARLD_CMAKE, "--install",
                                OMVARLD_BINARY_DIR, "--prefix", prefix.string()};
  return run_process("/usr/bin/env", args, scratch);
}

fs::perms mode_of(const fs::path& path) {
  return fs::status(path).permissions() & fs::perms::mask;
}

struct InstalledFile {
  const char* path;  // relative to the install root
  fs::perms mode;
};

constexpr auto k0755 = static_cast<fs::perms>(0755);
constexpr auto k0644 = static_cast<fs::perms>(0644);

TEST(Install, PutsEveryFileInPlaceWithItsMode) {
  TempDir dir;
  const fs::path root = dir.path() / "root";
  const auto installed = install(root, dir.path());
  ASSERT_EQ(installed.exit_code, 0) << installed.out << installed.err;

  const InstalledFile kFiles[] = {
      {"bin/omvarld", k0755},
      {"lib/systemd/system/omvarld.service", k0644},
      {"lib/sysusers.d/omvarld.conf", k0644},
      {"share/man/man1/omvarld.1.gz", k0644},
      {"share/doc/omvarld/operations.md", k0644},
      {"share/doc/omvarld/examples/omvarld.toml", k0644},
      {"etc/omvarld/omvarld.toml", k0644},
      {"etc/omvarld/conf.d/README", k0644},
  };
  for (const InstalledFile& file : kFiles) {
    SCOPED_TRACE(file.path);
    ASSERT_TRUE(fs::is_regular_file(root / file.path));
    EXPECT_EQ(mode_of(root / file.path), file.mode);
  }
  EXPECT_EQ(mode_of(root / "etc/omvarld/conf.d"), k0755);
  EXPECT_EQ(read_whole_file(root / "etc/omvarld/omvarld.toml"),
            read_whole_file(source_path("packaging/omvarld.toml")));
  EXPECT_FALSE(fs::exists(root / "share/doc/omvarld/examples/demo.db"));
}

TEST(Install, WritesTheUnitForTheInstalledBinaryAndItVerifies) {
  TempDir dir;
  const fs::path root = dir.path() / "root";
  const auto installed = install(root, dir.path());
  ASSERT_EQ(installed.exit_code, 0) << installed.out << installed.err;
  const fs::path unit = root / "lib/systemd/system/omvarld.service";
  const std::string text = read_whole_file(unit);
  EXPECT_NE(text.find("\nExecStart=" + (root / "bin/omvarld").string() +
                      " run --config /etc/omvarld/omvarld.toml\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("/usr/bin/omvarld"), std::string::npos);

  if (!require_tool(OMVARLD_SYSTEMD_ANALYZE, "systemd-analyze", "systemd")) return;
  const auto verified =
      run_process(OMVARLD_SYSTEMD_ANALYZE, {"verify", "--man=no", unit.string()}, dir.path());
  EXPECT_EQ(verified.exit_code, 0) << verified.err;
  EXPECT_EQ(verified.err, "");
}

TEST(Install, StagedUnderDestdirUsesTheSystemPaths) {
  TempDir dir;
  const fs::path stage = dir.path() / "stage";
  const auto installed = install("/usr", dir.path(), stage.string());
  ASSERT_EQ(installed.exit_code, 0) << installed.out << installed.err;
  EXPECT_TRUE(fs::is_regular_file(stage / "usr/bin/omvarld"));
  EXPECT_TRUE(fs::is_regular_file(stage / "etc/omvarld/omvarld.toml"));
  EXPECT_NE(read_whole_file(stage / "usr/lib/systemd/system/omvarld.service")
                .find("\nExecStart=/usr/bin/omvarld run --config /etc/omvarld/omvarld.toml\n"),
            std::string::npos);
}

TEST(Install, ReinstallKeepsAnEditedConfiguration) {
  TempDir dir;
  const fs::path stage = dir.path() / "stage";
  ASSERT_EQ(install("/usr", dir.path(), stage.string()).exit_code, 0);
  const fs::path config = stage / "etc/omvarld/omvarld.toml";
  const std::string edited = "[daemon]\ntimezone = \"Europe/Stockholm\"  # edited\n";
  std::ofstream(config, std::ios::binary | std::ios::trunc) << edited;

  const auto again = install("/usr", dir.path(), stage.string());
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_EQ(read_whole_file(config), edited);
  EXPECT_NE(again.out.find("-- Keeping: " + config.string() + "\n"), std::string::npos)
      << again.out;
}

TEST(Install, InstalledConfigurationPassesCheckConfig) {
  TempDir dir;
  const fs::path root = dir.path() / "root";
  ASSERT_EQ(install(root, dir.path()).exit_code, 0);
  const auto checked =
      run_omvarld(root / "etc/omvarld/omvarld.toml", {"check-config"}, dir.path());
  EXPECT_EQ(checked.exit_code, 0) << checked.out << checked.err;
}

// The COMMANDS section of docs/omvarld.1 describes each command in a
// paragraph headed ".B name ..." or ".BI "name ..." (roff: "\-" is "-").
bool man_page_describes(const std::string& man_page, const std::string& command) {
  const auto begin = man_page.find("\n.SH COMMANDS\n");
  const auto end = man_page.find("\n.SH ", begin + 1);
  std::istringstream section(
      replace_all(man_page.substr(begin, end - begin), "\\-", "-"));
  std::string line;
  while (std::getline(section, line)) {
    for (const std::string& head : {".B " + command, ".BI \"" + command}) {
      if (line.rfind(head, 0) == 0 &&
          (line.size() == head.size() || line[head.size()] == ' ' || line[head.size()] == '"')) {
        return true;
      }
    }
  }
  return false;
}

// Where `omvarld --help` lists the subcommands (CLI11 writes
// "Subcommands:" or, in older versions, "SUBCOMMANDS:"; in Swedish, the
// default, "Kommandon:"); npos when it does not.
std::string::size_type subcommands_heading(const std::string& help) {
  for (const char* heading : {"Kommandon:", "Subcommands:", "SUBCOMMANDS:"}) {
    if (const auto at = help.find(heading); at != std::string::npos) return at;
  }
  return std::string::npos;
}

// The subcommand names from `omvarld --help`: after the heading, one
// indented "name  description" line each.
std::vector<std::string> help_commands(const std::string& help) {
  std::vector<std::string> commands;
  std::istringstream lines(help.substr(subcommands_heading(help)));
  std::string line;
  std::getline(lines, line);
  while (std::getline(lines, line) && line.rfind("  ", 0) == 0) {
    std::istringstream words(line);
    std::string name;
    words >> name;
    commands.push_back(name);
  }
  return commands;
}

TEST(ManPage, DescribesEveryCommandOfHelp) {
  TempDir dir;
  const auto help = run_omvarld({"--help"}, dir.path());
  ASSERT_EQ(help.exit_code, 0) << help.err;
  ASSERT_NE(subcommands_heading(help.out), std::string::npos) << help.out;
  const std::vector<std::string> commands = help_commands(help.out);
  ASSERT_GE(commands.size(), 10u) << help.out;
  const std::string man_page = read_whole_file(source_path("docs/omvarld.1"));
  for (const std::string& command : commands) {
    SCOPED_TRACE(command);
    EXPECT_TRUE(man_page_describes(man_page, command));
  }
  // The unit starts `omvarld run`, so the page documents it too.
  EXPECT_TRUE(man_page_describes(man_page, "run"));
}

TEST(ManPage, IsInstalledCompressedAndUnchanged) {
  TempDir dir;
  const fs::path root = dir.path() / "root";
  ASSERT_EQ(install(root, dir.path()).exit_code, 0);
  const auto unpacked = run_process(
      "/bin/gzip", {"-dc", (root / "share/man/man1/omvarld.1.gz").string()}, dir.path());
  ASSERT_EQ(unpacked.exit_code, 0) << unpacked.err;
  EXPECT_EQ(unpacked.out, read_whole_file(source_path("docs/omvarld.1")));
}

// Builds the .deb with cpack into `dir` and returns its path, or "" after
// recording why not.
fs::path build_deb(const fs::path& dir) {
  const auto packed = run_process(
      OMVARLD_CPACK,
      {"-G", "DEB", "--config", std::string(OMVARLD_BINARY_DIR) + "/CPackConfig.cmake", "-B",
       dir.string()},
      dir);
  EXPECT_EQ(packed.exit_code, 0) << packed.out << packed.err;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".deb") return entry.path();
  }
  ADD_FAILURE() << "no .deb in " << dir << "\n" << packed.out;
  return {};
}

TEST(DebianPackage, HoldsTheServiceWithConffilesAndMaintainerScripts) {
  if (!require_tool(OMVARLD_DPKG_DEB, "dpkg-deb", "dpkg")) return;
  if (!require_tool("/usr/bin/dpkg-shlibdeps", "dpkg-shlibdeps", "dpkg-dev")) return;
  TempDir dir;
  const fs::path deb = build_deb(dir.path());
  ASSERT_FALSE(deb.empty());
  EXPECT_EQ(deb.filename().string().rfind("omvarld_0.1.0_", 0), 0u) << deb;

  const auto listed = run_process(OMVARLD_DPKG_DEB, {"-c", deb.string()}, dir.path());
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  for (const char* entry :
       {"-rwxr-xr-x root/root ./usr/bin/omvarld", "-rw-r--r-- root/root ./etc/omvarld/omvarld.toml",
        "-rw-r--r-- root/root ./usr/lib/systemd/system/omvarld.service",
        "-rw-r--r-- root/root ./usr/lib/sysusers.d/omvarld.conf",
        "-rw-r--r-- root/root ./usr/share/man/man1/omvarld.1.gz"}) {
    SCOPED_TRACE(entry);
    const std::string mode_and_owner = std::string(entry).substr(0, 20);
    const std::string path = std::string(entry).substr(20);
    bool found = false;
    for (std::istringstream lines(listed.out); !found;) {
      std::string line;
      if (!std::getline(lines, line)) break;
      found = line.rfind(mode_and_owner, 0) == 0 && line.size() > path.size() &&
              line.compare(line.size() - path.size(), path.size(), path) == 0;
    }
    EXPECT_TRUE(found) << listed.out;
  }

  const auto fields =
      run_process(OMVARLD_DPKG_DEB, {"-f", deb.string(), "Package", "Depends"}, dir.path());
  ASSERT_EQ(fields.exit_code, 0) << fields.err;
  EXPECT_NE(fields.out.find("Package: omvarld\n"), std::string::npos) << fields.out;
  // dpkg-shlibdeps found the libraries; the run-time data is declared.
  for (const char* dependency : {"libc6 (>=", "libcurl4", "libsqlite3-0", "hunspell-sv", "procps"}) {
    SCOPED_TRACE(dependency);
    EXPECT_NE(fields.out.find(dependency), std::string::npos) << fields.out;
  }

  const fs::path control = dir.path() / "control";
  ASSERT_EQ(run_process(OMVARLD_DPKG_DEB, {"-e", deb.string(), control.string()}, dir.path())
                .exit_code,
            0);
  EXPECT_EQ(read_whole_file(control / "conffiles"),
            "/etc/omvarld/omvarld.toml\n/etc/omvarld/conf.d/README\n");
  for (const char* script : {"postinst", "prerm", "postrm"}) {
    SCOPED_TRACE(script);
    EXPECT_EQ(mode_of(control / script), k0755);
  }
  // A new installation is not started: postinst reloads systemd's view of
  // the units, and neither enables nor starts the service.
  const std::string postinst = read_whole_file(control / "postinst");
  EXPECT_NE(postinst.find("systemctl --system daemon-reload"), std::string::npos);
  for (const char* command : {"systemctl enable", "systemctl start", "deb-systemd-helper enable",
                              "deb-systemd-invoke start"}) {
    SCOPED_TRACE(command);
    EXPECT_EQ(postinst.find(command), std::string::npos);
  }
}

}  // namespace
}  // namespace omvarld::testing
