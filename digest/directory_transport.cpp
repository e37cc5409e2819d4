#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <random>
#include <string_view>
#include <system_error>

#include "core/file_descriptor.h"
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

using core::FileDescriptor;

// How many numbered names ("-2" … ) a delivery tries before it gives up: far
// more digests than one nämnd gets in one second.
constexpr int kMaxNameTries = 1000;

// "NAME.<pid>-<n>-<random>.tmp": unique to this process (pid), this call
// (n) and, should two processes share a pid in different namespaces over
// one directory, the random part; open() with O_EXCL makes sure.
std::string temporary_suffix() {
  static std::atomic<unsigned long> counter{0};
  static const unsigned long long random_part = [] {
    try {
      std::random_device device;
      return (static_cast<unsigned long long>(device()) << 32) | device();
    } catch (const std::exception&) {
      return static_cast<unsigned long long>(
          std::chrono::steady_clock::now().time_since_epoch().count());
    }
  }();
  char text[80];
  std::snprintf(text, sizeof text, ".%ld-%lu-%016llx.tmp", static_cast<long>(::getpid()),
                ++counter, random_part);
  return text;
}

// Writes `contents` to the new file `temporary` and flushes it to disk;
// on failure removes it and returns errno.
int write_synced(const fs::path& temporary, std::string_view contents) {
  FileDescriptor file(
      ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
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
  if (error != 0) ::unlink(temporary.c_str());
  return error;
}

// Gives the whole file `temporary` the name `target` unless that name is
// taken: link() fails with EEXIST rather than replace, so of two writers
// (this process or another) that want one name, one gets it and the other
// learns at once. Returns 0, EEXIST, or another errno.
int claim_name(const fs::path& temporary, const fs::path& target) {
  return ::link(temporary.c_str(), target.c_str()) == 0 ? 0 : errno;
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

  // Both files are written whole under temporary names of this process
  // first, then given the first free name, NAME, NAME-2, NAME-3 …: the
  // .html before the .eml, so that whoever sees the .eml finds it beside.
  const std::string base = base_name(message);
  const std::string suffix = temporary_suffix();
  const fs::path html_temporary = directory_ / (base + ".html" + suffix);
  const fs::path eml_temporary = directory_ / (base + ".eml" + suffix);
  if (int error = write_synced(html_temporary, message.html); error != 0) {
    return unexpected<Error>(write_error(html_temporary, error));
  }
  if (int error = write_synced(eml_temporary, message.eml); error != 0) {
    ::unlink(html_temporary.c_str());
    return unexpected<Error>(write_error(eml_temporary, error));
  }
  int error = EEXIST;
  fs::path failed;
  for (int n = 1; n <= kMaxNameTries && error == EEXIST; ++n) {
    const std::string name = n == 1 ? base : base + "-" + std::to_string(n);
    const fs::path html = directory_ / (name + ".html");
    const fs::path eml = directory_ / (name + ".eml");
    error = claim_name(html_temporary, html);
    failed = html;
    if (error != 0) continue;
    error = claim_name(eml_temporary, eml);
    failed = eml;
    if (error != 0) ::unlink(html.c_str());  // ours: give the pair's name back
  }
  ::unlink(html_temporary.c_str());
  ::unlink(eml_temporary.c_str());
  if (error != 0) return unexpected<Error>(write_error(failed, error));
  sync_directory(directory_);
  return {};
}

}  // namespace omvarld::digest
