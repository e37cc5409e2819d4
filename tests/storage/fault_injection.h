// tests/storage/fault_injection.h
//
// Faults a storage test can switch on and off around one call, and that work
// when the tests run as root (CI runs in a container as root, where chmod
// stops nothing):
//
//  - FileSizeLimit lowers RLIMIT_FSIZE, which binds root too: a write that
//    would grow a file past the limit is cut short, as on a full disk. It is
//    per process and is inherited by children spawned meanwhile.
//  - Unwritable makes a directory's files read-only for this process: as
//    root by taking the effective uid of "nobody" (the saved uid lets it
//    come back), otherwise by chmod.
//
// Both restore everything when destroyed. Header-only; use from the test's
// main thread only, with no other thread writing files.

#pragma once

#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <system_error>
#include <utility>

#include <gtest/gtest.h>

namespace omvarld::storage::testing {

// The size of the largest file of the database at `path` (with its -wal and
// -shm), for a FileSizeLimit just above what is there.
inline std::uintmax_t largest_database_file(const std::string& path) {
  std::uintmax_t largest = 0;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::error_code missing;
    const std::uintmax_t size = std::filesystem::file_size(path + suffix, missing);
    if (!missing) largest = std::max(largest, size);
  }
  return largest;
}

class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    EXPECT_EQ(getrlimit(RLIMIT_FSIZE, &saved_), 0);
    // A write past the limit raises SIGXFSZ, which would kill the process;
    // ignored, the write fails with EFBIG instead, as SQLite expects.
    saved_handler_ = signal(SIGXFSZ, SIG_IGN);
    rlimit lowered = saved_;
    lowered.rlim_cur = bytes;
    EXPECT_EQ(setrlimit(RLIMIT_FSIZE, &lowered), 0);
  }
  ~FileSizeLimit() {
    setrlimit(RLIMIT_FSIZE, &saved_);
    signal(SIGXFSZ, saved_handler_);
  }
  FileSizeLimit(const FileSizeLimit&) = delete;
  FileSizeLimit& operator=(const FileSizeLimit&) = delete;

 private:
  rlimit saved_{};
  sighandler_t saved_handler_ = SIG_DFL;
};

class Unwritable {
 public:
  static constexpr uid_t kNobody = 65534;

  explicit Unwritable(std::filesystem::path dir) : dir_(std::move(dir)), as_root_(geteuid() == 0) {
    namespace fs = std::filesystem;
    using fs::perms;
    // As nobody, the files may be read (the directory entered) but not written.
    const perms file_mode = as_root_ ? perms(0644) : perms(0444);
    const perms dir_mode = as_root_ ? perms(0755) : perms(0555);
    for (const auto& entry : fs::directory_iterator(dir_)) {
      fs::permissions(entry.path(), file_mode, fs::perm_options::replace);
    }
    fs::permissions(dir_, dir_mode, fs::perm_options::replace);
    if (as_root_) {
      EXPECT_EQ(seteuid(kNobody), 0);
    }
  }
  ~Unwritable() {
    namespace fs = std::filesystem;
    if (as_root_) {
      if (seteuid(0) != 0) ADD_FAILURE() << "cannot become root again";
    }
    std::error_code ignored;
    fs::permissions(dir_, fs::perms(0755), fs::perm_options::replace, ignored);
    for (const auto& entry : fs::directory_iterator(dir_, ignored)) {
      fs::permissions(entry.path(), fs::perms(0644), fs::perm_options::replace, ignored);
    }
  }
  Unwritable(const Unwritable&) = delete;
  Unwritable& operator=(const Unwritable&) = delete;

 private:
  std::filesystem::path dir_;
  bool as_root_;
};

}  // namespace omvarld::storage::testing
