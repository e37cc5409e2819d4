#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <system_error>

#include "digest/transport.h"

namespace omvarld::digest {

namespace {

namespace fs = std::filesystem;

Error write_error(const fs::path& path, int error_number) {
  return Error{
      Errc::kDeliveryFailed,
      "directory transport: cannot write " + path.string() + ": " + std::strerror(error_number),
      std::nullopt};
}

// "20261123-060000-linkoping-utbildning": the message date in UTC and the
// nämnd, with "/" (and anything else a file name should not hold) as "-".
std::string base_name(const Message& message) {
  const auto day = std::chrono::floor<std::chrono::days>(message.date);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss time{message.date - day};
  char stamp[48];
  std::snprintf(stamp, sizeof stamp, "%04d%02u%02u-%02d%02d%02d", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  std::string name = stamp;
  name += '-';
  for (char c : message.namnd) {
    const auto byte = static_cast<unsigned char>(c);
    name += (c == '/' || c == '\\' || byte < 0x20 || byte == 0x7F) ? '-' : c;
  }
  if (message.namnd.empty()) name += "digest";
  return name;
}

bool is_taken(const fs::path& path) {
  std::error_code error;
  return fs::symlink_status(path, error).type() != fs::file_type::not_found;
}

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  // Closes now and reports the error close() gives (a late write failure).
  int close() {
    const int result = ::close(fd_);
    fd_ = -1;
    return result;
  }

 private:
  int fd_;
};

// Writes `contents` to `temporary`, flushes it to disk, and renames it to
// `target`; on failure removes the temporary file and returns errno.
int write_atomically(const fs::path& temporary, const fs::path& target, std::string_view contents) {
  FileDescriptor file(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (file.get() < 0) return errno;
  int error = 0;
  std::size_t written = 0;
  while (written < contents.size() && error == 0) {
    const ssize_t n = ::write(file.get(), contents.data() + written, contents.size() - written);
    if (n < 0 && errno != EINTR) error = errno;
    if (n > 0) written += static_cast<std::size_t>(n);
  }
  if (error == 0 && ::fsync(file.get()) != 0) error = errno;
  if (file.close() != 0 && error == 0) error = errno;
  if (error == 0 && ::rename(temporary.c_str(), target.c_str()) != 0) error = errno;
  if (error != 0) ::unlink(temporary.c_str());
  return error;
}

// Makes the renames themselves durable.
void sync_directory(const fs::path& directory) {
  FileDescriptor dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() >= 0) ::fsync(dir.get());
}

}  // namespace

DirectoryTransport::DirectoryTransport(std::filesystem::path directory)
    : directory_(std::move(directory)) {}

Result<void> DirectoryTransport::deliver(const Message& message) {
  std::error_code created;
  fs::create_directories(directory_, created);
  if (created) return unexpected<Error>(write_error(directory_, created.value()));

  // The first free name: NAME.eml, NAME-2.eml, NAME-3.eml… The daemon is
  // the only writer, so checking before renaming is enough.
  const std::string base = base_name(message);
  std::string name = base;
  for (int n = 2; is_taken(directory_ / (name + ".eml")) || is_taken(directory_ / (name + ".html"));
       ++n) {
    name = base + "-" + std::to_string(n);
  }
  const fs::path eml = directory_ / (name + ".eml");
  const fs::path html = directory_ / (name + ".html");

  // The HTML copy first, so that whoever sees the .eml finds it beside.
  if (int error = write_atomically(directory_ / (name + ".html.tmp"), html, message.html);
      error != 0) {
    return unexpected<Error>(write_error(html, error));
  }
  if (int error = write_atomically(directory_ / (name + ".eml.tmp"), eml, message.eml);
      error != 0) {
    ::unlink(html.c_str());
    return unexpected<Error>(write_error(eml, error));
  }
  sync_directory(directory_);
  return {};
}

}  // namespace omvarld::digest
