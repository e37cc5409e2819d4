// tests/config/config_dir.h
//
// A scratch directory for configuration files, removed when the test ends.
// Each instance gets its own directory under the system temp dir.

#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace omvarld::testing {

class ConfigDir {
 public:
  ConfigDir() {
    static std::atomic<int> counter{0};
    root_ = std::filesystem::temp_directory_path() /
            ("omvarld-config-test-" + std::to_string(::getpid()) + "-" +
             std::to_string(counter++));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
  }
  ~ConfigDir() {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }
  ConfigDir(const ConfigDir&) = delete;
  ConfigDir& operator=(const ConfigDir&) = delete;

  const std::filesystem::path& root() const { return root_; }

  // Writes `content` to `relative` (e.g. "conf.d/10-mail.toml") and returns
  // its path as load_config will name it.
  std::filesystem::path write(const std::filesystem::path& relative, std::string_view content) const {
    const std::filesystem::path path = root_ / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

 private:
  std::filesystem::path root_;
};

}  // namespace omvarld::testing
