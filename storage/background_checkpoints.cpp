#include "storage/background_checkpoints.h"

#include <string>
#include <system_error>
#include <utility>

namespace omvarld::storage {

Result<std::unique_ptr<BackgroundCheckpoints>> BackgroundCheckpoints::start(
    sqlite3* writer, const std::string& path) {
  // "" for ":memory:" and its URI forms alike.
  const char* file = sqlite3_db_filename(writer, "main");
  if (file == nullptr || *file == '\0') return nullptr;
  const sqlite::Task task{"start the checkpoint thread", path};
  auto own = sqlite::open(file);
  if (!own) return unexpected<Error>(own.error());
  // A connection learns that the file is in WAL mode when it first reads
  // it; until then a checkpoint does nothing.
  if (auto read = sqlite::execute(own->get(), "PRAGMA schema_version", task); !read) {
    return unexpected<Error>(read.error());
  }
  if (auto limited = sqlite::execute(
          writer, "PRAGMA journal_size_limit = " + std::to_string(kLogFileBytesKept), task);
      !limited) {
    return unexpected<Error>(limited.error());
  }
  std::unique_ptr<BackgroundCheckpoints> checkpoints(
      new BackgroundCheckpoints(writer, std::move(*own)));
  try {
    checkpoints->thread_ = std::thread([raw = checkpoints.get()] { raw->copy_when_due(); });
  } catch (const std::system_error& error) {
    return unexpected<Error>(sqlite::storage_error(task, error.what()));
  }
  // Replaces SQLite's automatic checkpoint, which is a WAL hook too.
  sqlite3_wal_hook(writer, &BackgroundCheckpoints::after_commit, checkpoints.get());
  return checkpoints;
}

BackgroundCheckpoints::BackgroundCheckpoints(sqlite3* writer, sqlite::Database own)
    : writer_(writer), own_(std::move(own)) {}

BackgroundCheckpoints::~BackgroundCheckpoints() {
  sqlite3_wal_autocheckpoint(writer_, kPagesWorthACheckpoint);  // removes our hook
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  woken_.notify_all();
  if (thread_.joinable()) thread_.join();  // not when starting it failed
}

int BackgroundCheckpoints::after_commit(void* self, sqlite3* writer, const char* schema,
                                        int pages) noexcept {
  auto& checkpoints = *static_cast<BackgroundCheckpoints*>(self);
  if (pages >= kMostPagesInTheLog) {
    // The thread fell behind the commits, or never had the whole log
    // copied before the next write began (only then does the log start
    // again from its beginning): copy it here, as SQLite's own hook does,
    // once the thread is done with its copy, which would make this one fail
    // as busy. A failure leaves the log to a later commit.
    std::unique_lock<std::mutex> lock(checkpoints.mutex_);
    checkpoints.woken_.wait(lock, [&] { return !checkpoints.copying_; });
    checkpoints.due_ = false;
    sqlite3_wal_checkpoint_v2(writer, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  } else if (pages >= kPagesWorthACheckpoint) {
    {
      const std::lock_guard<std::mutex> lock(checkpoints.mutex_);
      checkpoints.due_ = true;
    }
    checkpoints.woken_.notify_all();
  }
  return SQLITE_OK;
}

void BackgroundCheckpoints::copy_when_due() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    woken_.wait(lock, [this] { return due_ || stopping_; });
    if (stopping_) return;
    due_ = false;
    copying_ = true;
    lock.unlock();
    // A failure (another process's checkpoint holds the lock, an I/O
    // error) leaves the log as it was: the next commit past the threshold
    // asks again, and the writer's own close copies what is left.
    if (sqlite3_wal_checkpoint_v2(own_.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr,
                                  nullptr) == SQLITE_OK) {
      ++copies_;
    }
    lock.lock();
    copying_ = false;
    woken_.notify_all();  // a commit may wait to copy the rest itself
  }
}

}  // namespace omvarld::storage
