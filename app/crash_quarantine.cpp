#include "app/crash_quarantine.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <fstream>
#include <optional>
#include <system_error>

#include <spdlog/spdlog.h>

namespace omvarld::app {

namespace {

namespace fs = std::filesystem;

// A note is a source id and a message UID; anything longer is not ours.
constexpr std::size_t kMaxNoteBytes = 4096;

// The error of the last system call, for messages.
std::string last_error() { return std::strerror(errno); }

// "source\n" or "source\nUID\n". Source ids hold no line break (config
// checks them); a UID (an IMAP number, a file name) is everything after
// the first one, without the final one.
std::string note_of(const core::SourceId& source, std::string_view message_uid) {
  std::string note = source + "\n";
  if (!message_uid.empty()) note += std::string(message_uid) + "\n";
  return note;
}

std::optional<LeftBehind> parse_note(const std::string& note) {
  const std::size_t end = note.find('\n');
  if (end == std::string::npos || end == 0) return std::nullopt;
  LeftBehind left;
  left.source = note.substr(0, end);
  if (end + 1 < note.size()) {
    left.message_uid = note.substr(end + 1);
    if (left.message_uid.back() == '\n') left.message_uid.pop_back();
  }
  return left;
}

// The pid in "omvarld.db-reading.PID.N".
pid_t pid_in(std::string_view name, std::string_view prefix) {
  std::string_view rest = name.substr(prefix.size());
  pid_t pid = 0;
  std::from_chars(rest.data(), rest.data() + rest.size(), pid);
  return pid;
}

// In the skipped-messages file a UID is written with %, tab, CR and LF
// percent-encoded, one message per line: "source\tUID\tunix seconds".
std::string encode_uid(std::string_view uid) {
  std::string encoded;
  for (char c : uid) {
    if (c == '%' || c == '\t' || c == '\n' || c == '\r') {
      constexpr char kHex[] = "0123456789ABCDEF";
      encoded += '%';
      encoded += kHex[static_cast<unsigned char>(c) >> 4];
      encoded += kHex[static_cast<unsigned char>(c) & 0x0F];
    } else {
      encoded += c;
    }
  }
  return encoded;
}

std::string decode_uid(std::string_view encoded) {
  std::string uid;
  for (std::size_t at = 0; at < encoded.size(); ++at) {
    unsigned value = 0;
    if (encoded[at] == '%' && at + 2 < encoded.size() &&
        std::from_chars(encoded.data() + at + 1, encoded.data() + at + 3, value, 16).ptr ==
            encoded.data() + at + 3) {
      uid += static_cast<char>(value);
      at += 2;
    } else {
      uid += encoded[at];
    }
  }
  return uid;
}

// A name no other marker has, in this process or another: the pid, and a
// count within the process.
std::string unique_suffix() {
  static std::atomic<unsigned> count{0};
  return std::to_string(getpid()) + "." + std::to_string(count.fetch_add(1));
}

}  // namespace

CrashQuarantine::CrashQuarantine(const std::string& database) {
  if (database.empty() || database == ":memory:" || database.rfind("file:", 0) == 0) return;
  const fs::path path(database);
  directory_ = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  marker_prefix_ = path.filename().string() + "-reading.";
  skipped_path_ = path.string() + "-skipped-messages";
  // O_EXCL: never take over a marker another process (same pid in another
  // pid namespace, say) left behind; collect_left_behind() reads those.
  for (int attempt = 0; attempt < 4 && fd_ < 0; ++attempt) {
    marker_ = directory_ / (marker_prefix_ + unique_suffix());
    fd_ = ::open(marker_.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd_ < 0 && errno != EEXIST) break;
  }
  if (fd_ < 0) {
    spdlog::warn("{}: cannot create: {}; a source that crashes omvarld is not set aside",
                 marker_.string(), last_error());
    return;
  }
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    spdlog::warn("{}: cannot lock: {}; a source that crashes omvarld is not set aside",
                 marker_.string(), last_error());
    ::close(fd_);
    ::unlink(marker_.c_str());
    fd_ = -1;
  }
}

CrashQuarantine::~CrashQuarantine() {
  if (fd_ < 0) return;
  ::unlink(marker_.c_str());
  ::close(fd_);
}

CrashQuarantine::Reading::Reading(CrashQuarantine& quarantine, std::string previous)
    : quarantine_(quarantine), previous_(std::move(previous)) {}

CrashQuarantine::Reading::~Reading() { quarantine_.write_note(previous_); }

CrashQuarantine::Reading CrashQuarantine::reading(const core::SourceId& source,
                                                  std::string_view message_uid) {
  std::string previous = note_;
  write_note(note_of(source, message_uid));
  return Reading(*this, std::move(previous));
}

void CrashQuarantine::write_note(const std::string& note) {
  note_ = note;
  if (fd_ < 0) return;
  // The new note first, then the length: a process killed between the two
  // leaves the longer of the two notes, which names the same source.
  if (!note.empty() && ::pwrite(fd_, note.data(), note.size(), 0) < 0) {
    spdlog::warn("{}: cannot write: {}", marker_.string(), last_error());
  }
  if (::ftruncate(fd_, static_cast<off_t>(note.size())) != 0) {
    spdlog::warn("{}: cannot truncate: {}", marker_.string(), last_error());
  }
}

std::vector<LeftBehind> CrashQuarantine::collect_left_behind() {
  std::vector<LeftBehind> found;
  if (fd_ < 0) return found;
  std::error_code error;
  for (fs::directory_iterator it(directory_, error), end; !error && it != end;
       it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(marker_prefix_, 0) != 0 || it->path() == marker_) continue;
    const int fd = ::open(it->path().c_str(), O_RDWR | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) continue;
    struct stat status {};
    // Held: its process lives. Unlinked meanwhile: another poll took it.
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0 || ::fstat(fd, &status) != 0 ||
        status.st_nlink == 0 || !S_ISREG(status.st_mode)) {
      ::close(fd);
      continue;
    }
    std::string note(kMaxNoteBytes, '\0');
    const ssize_t got = ::pread(fd, note.data(), note.size(), 0);
    note.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
    ::unlink(it->path().c_str());
    ::close(fd);
    if (auto left = parse_note(note)) {
      left->pid = pid_in(name, marker_prefix_);
      left->noted_at = core::TimePoint(std::chrono::seconds(status.st_mtim.tv_sec));
      found.push_back(std::move(*left));
    }
  }
  if (error) spdlog::warn("{}: cannot list: {}", directory_.string(), error.message());
  return found;
}

Result<std::vector<SkippedMessage>> CrashQuarantine::skipped_messages() const {
  std::vector<SkippedMessage> skipped;
  if (skipped_path_.empty()) return skipped;
  std::error_code missing;
  if (!fs::exists(skipped_path_, missing) && !missing) return skipped;
  std::ifstream in(skipped_path_, std::ios::binary);
  if (!in) return fail(Errc::kStorage, skipped_path_.string() + ": cannot read: " + last_error());
  std::string line;
  while (std::getline(in, line)) {
    const std::size_t first_tab = line.find('\t');
    const std::size_t second_tab = line.find('\t', first_tab + 1);
    if (first_tab == std::string::npos || second_tab == std::string::npos) continue;
    long long seconds = 0;
    std::from_chars(line.data() + second_tab + 1, line.data() + line.size(), seconds);
    skipped.push_back({line.substr(0, first_tab),
                       decode_uid(std::string_view(line).substr(first_tab + 1,
                                                                second_tab - first_tab - 1)),
                       core::TimePoint(std::chrono::seconds(seconds))});
  }
  return skipped;
}

Result<void> CrashQuarantine::skip_message(const SkippedMessage& message) {
  if (skipped_path_.empty()) return {};
  auto skipped = skipped_messages();
  if (!skipped) return unexpected<Error>(skipped.error());
  skipped->push_back(message);
  std::string content;
  for (const SkippedMessage& each : *skipped) {
    content += each.source + "\t" + encode_uid(each.uid) + "\t" +
               std::to_string(each.since.time_since_epoch().count()) + "\n";
  }
  const fs::path temporary = skipped_path_.string() + ".tmp." + unique_suffix();
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return fail(Errc::kStorage, temporary.string() + ": cannot create: " + last_error());
  }
  const bool written = ::write(fd, content.data(), content.size()) ==
                           static_cast<ssize_t>(content.size()) &&
                       ::fsync(fd) == 0;
  const std::string reason = last_error();
  ::close(fd);
  if (!written || ::rename(temporary.c_str(), skipped_path_.c_str()) != 0) {
    const std::string why = written ? last_error() : reason;
    ::unlink(temporary.c_str());
    return fail(Errc::kStorage, skipped_path_.string() + ": cannot write: " + why);
  }
  return {};
}

}  // namespace omvarld::app
