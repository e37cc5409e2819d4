// tests/systemd/service_files.h
//
// What the systemd and install tests share: the paths of the unit and the
// tools (the built binary's is omvarld_binary() of omvarld_cli.h), and a
// failure that names a missing tool's Debian package instead of skipping.
// The target defines OMVARLD_SOURCE_DIR, OMVARLD_BINARY_DIR,
// OMVARLD_SYSTEMD_ANALYZE, OMVARLD_DPKG_DEB, OMVARLD_CMAKE and OMVARLD_CPACK
// and links nlohmann/json. Header-only.

#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "tests/support/omvarld_cli.h"
#include "tests/support/process.h"

namespace omvarld::testing {

inline std::filesystem::path source_path(std::string_view relative) {
  return std::filesystem::path(OMVARLD_SOURCE_DIR) / relative;
}

// True when `tool` (an absolute path found at configure time) can be run;
// otherwise records a failure naming the Debian package that provides it.
inline bool require_tool(const std::string& tool, std::string_view name,
                         std::string_view package) {
  if (!tool.empty() && access(tool.c_str(), X_OK) == 0) return true;
  ADD_FAILURE() << name << " not found: install Debian's " << package
                << " package (scripts/install-deps.sh) and re-run cmake";
  return false;
}

// Replaces every `from` in `text` by `to`.
inline std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// systemd/omvarld.service with ExecStart at the built binary, written to
// `dir`/omvarld.service: systemd-analyze verify checks that commands exist.
inline std::filesystem::path unit_for_built_binary(const std::filesystem::path& dir) {
  const std::string unit = replace_all(read_whole_file(source_path("systemd/omvarld.service")),
                                       "/usr/bin/omvarld", omvarld_binary());
  const auto path = dir / "omvarld.service";
  std::ofstream(path, std::ios::binary) << unit;
  return path;
}

}  // namespace omvarld::testing
