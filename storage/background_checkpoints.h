// storage/background_checkpoints.h
//
// The write-ahead log copied into the database file on a thread of its
// own. SQLite does it by itself inside the commit that takes the log past
// 1,000 pages, and that commit waits for the copy and two fsyncs: 0.13 s
// of a cold poll's storing, on the one core that stores. Here the writer's
// commits only say how long the log is; a thread with its own connection
// copies what it can meanwhile (a PASSIVE checkpoint, which waits for no
// reader or writer). Internal to storage/ (ItemStore::checkpoint_in_background).

#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/result.h"
#include "storage/sqlite.h"

namespace omvarld::storage {

class BackgroundCheckpoints {
 public:
  // The log length (in pages) at which a commit wakes the thread: SQLite's
  // own threshold for its automatic checkpoint.
  static constexpr int kPagesWorthACheckpoint = 1000;
  // Past this length the commit copies the log itself, as SQLite would, so
  // that the log starts again from its beginning: it has a bound (16 MiB
  // and a commit) also when commits follow each other too closely for the
  // thread ever to have copied all of it.
  static constexpr int kMostPagesInTheLog = 4 * kPagesWorthACheckpoint;

  // The size the log file is cut back to when it starts again from its
  // beginning (PRAGMA journal_size_limit), so that its bound costs disk
  // space only while a poll writes.
  static constexpr int kLogFileBytesKept = 4 * 1024 * 1024;

  // Opens a second connection to `writer`'s file for the thread, starts
  // it, and takes `writer`'s checkpoints over; nullptr for a database in
  // memory, which has no log. Fails when that connection cannot be opened
  // or the thread cannot start (`path` names the file in the message);
  // `writer` then keeps SQLite's own.
  static Result<std::unique_ptr<BackgroundCheckpoints>> start(sqlite3* writer,
                                                              const std::string& path);

  // How many checkpoints the thread has taken so far (for tests).
  int copies() const { return copies_.load(); }

  // Gives `writer` SQLite's own checkpoints back, then waits for the
  // thread, which finishes a checkpoint it is in the middle of.
  ~BackgroundCheckpoints();
  BackgroundCheckpoints(const BackgroundCheckpoints&) = delete;
  BackgroundCheckpoints& operator=(const BackgroundCheckpoints&) = delete;

 private:
  BackgroundCheckpoints(sqlite3* writer, sqlite::Database own);

  // sqlite3_wal_hook: runs on the writer's thread after each commit.
  static int after_commit(void* self, sqlite3* writer, const char* schema, int pages) noexcept;
  void copy_when_due();

  sqlite3* writer_;
  sqlite::Database own_;  // used by the thread only, once started
  std::mutex mutex_;
  std::condition_variable woken_;
  bool due_ = false;      // a commit took the log past the threshold
  bool copying_ = false;  // the thread is in a checkpoint
  bool stopping_ = false;
  std::atomic<int> copies_ = 0;
  std::thread thread_;  // last: started once the members above exist
};

}  // namespace omvarld::storage
