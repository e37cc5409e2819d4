// ItemStore::backup_to: an online copy of the database (`omvarld backup`).

#include <fcntl.h>
#include <stdlib.h>  // mkstemp
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <thread>

#include "storage/connection.h"
#include "storage/item_store.h"
#include "storage/sqlite.h"

namespace omvarld::storage {
namespace {

namespace fs = std::filesystem;

// Pages copied per step: small enough that a writer waiting on the source
// is not held up, large enough that a big database is copied in few steps.
constexpr int kPagesPerStep = 256;
// How long to keep retrying while the source or target is busy or locked.
constexpr auto kBusyPatience = std::chrono::seconds(30);
constexpr auto kBusyPause = std::chrono::milliseconds(10);

struct BackupFinisher {
  void operator()(sqlite3_backup* backup) const noexcept { sqlite3_backup_finish(backup); }
};

// Removes the temporary file unless released after the rename.
class TemporaryFile {
 public:
  explicit TemporaryFile(fs::path path) : path_(std::move(path)) {}
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  ~TemporaryFile() {
    if (path_.empty()) return;
    std::error_code ignored;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
      fs::remove(fs::path(path_.string() + suffix), ignored);
    }
  }
  const fs::path& path() const { return path_; }
  void release() { path_.clear(); }

 private:
  fs::path path_;
};

std::string errno_text(int error) { return std::generic_category().message(error); }

// Whether `target` names the database file (or its WAL) itself, also
// through another spelling or a link.
bool is_the_database(const fs::path& target, const std::string& database) {
  std::error_code error;
  const fs::path db = fs::weakly_canonical(database, error);
  if (error) return false;
  const fs::path canonical = fs::weakly_canonical(target, error);
  if (error) return false;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    if (canonical == fs::path(db.string() + suffix)) return true;
  }
  return false;
}

// Makes a fresh empty file beside `target` for the copy.
Result<fs::path> make_temporary(const fs::path& target, const sqlite::Task& task) {
  const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string pattern = (directory / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  const int fd = mkstemp(pattern.data());
  if (fd < 0) {
    const int error = errno;
    return unexpected<Error>(sqlite::storage_error(
        task, "cannot create a file in " + directory.string() + ": " + errno_text(error)));
  }
  close(fd);
  return fs::path(pattern);
}

Result<void> sync_path(const fs::path& path, int flags, const sqlite::Task& task) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    return unexpected<Error>(
        sqlite::storage_error(task, "cannot open " + path.string() + ": " + errno_text(error)));
  }
  const int synced = fsync(fd);
  const int error = errno;
  close(fd);
  if (synced != 0) {
    return unexpected<Error>(
        sqlite::storage_error(task, "cannot sync " + path.string() + ": " + errno_text(error)));
  }
  return {};
}

// Copies every page of `source` into `destination`, pausing while either
// is busy. Returns when done or on the first real error.
Result<void> copy_pages(sqlite3* source, sqlite3* destination, const sqlite::Task& task) {
  std::unique_ptr<sqlite3_backup, BackupFinisher> backup(
      sqlite3_backup_init(destination, "main", source, "main"));
  if (!backup) return unexpected<Error>(sqlite::storage_error(task, destination));
  const auto give_up = std::chrono::steady_clock::now() + kBusyPatience;
  for (;;) {
    const int stepped = sqlite3_backup_step(backup.get(), kPagesPerStep);
    if (stepped == SQLITE_DONE) break;
    if (stepped == SQLITE_OK) continue;
    if ((stepped == SQLITE_BUSY || stepped == SQLITE_LOCKED) &&
        std::chrono::steady_clock::now() < give_up) {
      std::this_thread::sleep_for(kBusyPause);
      continue;
    }
    return unexpected<Error>(sqlite::storage_error(task, sqlite3_errstr(stepped)));
  }
  const int finished = sqlite3_backup_finish(backup.release());
  if (finished != SQLITE_OK) return unexpected<Error>(sqlite::storage_error(task, destination));
  return {};
}

}  // namespace

Result<void> ItemStore::backup_to(const std::string& target) const {
  const sqlite::Task task{"back up database", connection_->path + " to " + target};
  if (is_the_database(target, connection_->path)) {
    return unexpected<Error>(
        sqlite::storage_error(task, "the target is the database itself; name another file"));
  }
  auto temporary_path = make_temporary(target, task);
  if (!temporary_path) return unexpected<Error>(temporary_path.error());
  TemporaryFile temporary(*temporary_path);

  {
    auto destination = sqlite::open(temporary.path().string());
    if (!destination) return unexpected<Error>(destination.error());
    // A read transaction on the source pins one snapshot (WAL) for the whole
    // copy: without it, every commit of another connection between two
    // steps would restart the backup, and a busy daemon could starve it.
    sqlite3* source = connection_->db.get();
    if (auto begun = sqlite::execute(source, "BEGIN; SELECT COUNT(*) FROM sqlite_schema", task);
        !begun) {
      return begun;
    }
    auto copied = copy_pages(source, destination->get(), task);
    // Only reads happened; ending them cannot lose anything.
    (void)sqlite::execute(source, "COMMIT", task);
    if (!copied) return copied;
  }  // closes the copy, so every page is in the file before it is synced

  if (auto synced = sync_path(temporary.path(), O_RDONLY, task); !synced) return synced;
  std::error_code error;
  fs::rename(temporary.path(), target, error);
  if (error) {
    return unexpected<Error>(sqlite::storage_error(task, "cannot rename " +
                                                             temporary.path().string() + ": " +
                                                             error.message()));
  }
  temporary.release();
  // The rename itself is durable once the directory is synced.
  const fs::path target_path(target);
  return sync_path(target_path.has_parent_path() ? target_path.parent_path() : fs::path("."),
                   O_RDONLY | O_DIRECTORY, task);
}

}  // namespace omvarld::storage
