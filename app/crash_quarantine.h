// app/crash_quarantine.h
//
// The crash quarantine keeps one input that crashes omvarld (a segfault in a
// parser, an abort, the kernel's OOM killer) from crashing it on every poll.
// Before the poll cycle reads a source's document or a newsletter message,
// it notes which in this process's marker file beside the database
// ("omvarld.db-reading.PID.N"), and blanks the note when it is done. The
// process holds a lock (flock) on its marker while it lives; the kernel
// drops the lock when the process dies, however it dies. A later poll, of
// this process or another (the daemon restarted by systemd, a `poll --once`
// by hand), finds a note in a marker nobody holds and hands it back once:
// the poll cycle then records the source as failing with kind "crash" and
// backs it off; a newsletter message also joins the skipped messages
// ("omvarld.db-skipped-messages"), which are left unread and not read again.
//
// A note is one pwrite(2) and blanking it one ftruncate(2), without fsync:
// it has to outlive the process, not the machine, and the page cache keeps
// it for the next process to read. Use an instance from one thread. Without
// a database file (":memory:"), or when the marker cannot be created, it
// notes nothing and finds nothing.

#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/item.h"
#include "core/result.h"

namespace omvarld::app {

// A note a process left behind when it died.
struct LeftBehind {
  core::SourceId source;
  std::string message_uid;  // "" when the source as a whole was being read
  pid_t pid = 0;            // the process that died
  core::TimePoint noted_at;  // when it began reading (the marker's mtime)
};

// A newsletter message that crashed omvarld: never read again.
struct SkippedMessage {
  core::SourceId source;
  std::string uid;
  core::TimePoint since;
};

class CrashQuarantine {
 public:
  // Creates this process's marker beside `database` (a path, or ":memory:").
  // Never fails: a marker that cannot be created is logged as a warning,
  // and then nothing is noted.
  explicit CrashQuarantine(const std::string& database);
  ~CrashQuarantine();  // removes the marker
  CrashQuarantine(const CrashQuarantine&) = delete;
  CrashQuarantine& operator=(const CrashQuarantine&) = delete;

  // The note for as long as it lives; on destruction the note is what it was
  // before (the source again after one of its messages, else nothing).
  class Reading {
   public:
    ~Reading();
    Reading(const Reading&) = delete;
    Reading& operator=(const Reading&) = delete;

   private:
    friend class CrashQuarantine;
    Reading(CrashQuarantine& quarantine, std::string previous);
    CrashQuarantine& quarantine_;
    std::string previous_;
  };

  // Notes that `source`, or its message `message_uid`, is being read.
  [[nodiscard]] Reading reading(const core::SourceId& source, std::string_view message_uid = {});

  // The notes of processes that died while reading, each returned once (its
  // marker is removed); markers still held by a live process are left.
  std::vector<LeftBehind> collect_left_behind();

  // The messages skipped for good, in the order they were added; none when
  // there is no such file. Fails with kStorage when it cannot be read.
  Result<std::vector<SkippedMessage>> skipped_messages() const;

  // Adds `message` to the skipped messages (the file is replaced whole,
  // written and synced first). Fails with kStorage.
  Result<void> skip_message(const SkippedMessage& message);

  // Where the skipped messages are kept ("" without a database file).
  const std::filesystem::path& skipped_messages_path() const { return skipped_path_; }

 private:
  void write_note(const std::string& note);

  std::filesystem::path directory_;
  std::string marker_prefix_;  // "omvarld.db-reading."
  std::filesystem::path marker_;
  std::filesystem::path skipped_path_;
  int fd_ = -1;
  std::string note_;
};

}  // namespace omvarld::app
