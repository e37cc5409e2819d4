// web/feedback_key.cpp — see web/feedback_key.h.

#include "web/feedback_key.h"

#include <fcntl.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "core/file_descriptor.h"
#include "core/translate.h"

namespace omvarld::web {
namespace {

std::string reason(int error) { return std::strerror(error); }

using core::FileDescriptor;

enum class Found { kYes, kMissing };

// Reads the key at `path`; kMissing when there is no such file.
Result<Found> read_key(const std::string& path, FeedbackKey& key) {
  // O_NOFOLLOW: a symlink planted in the state directory is not our key.
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return Found::kMissing;
    return fail(Errc::kStorage,
                core::trf("cannot read the feedback key {0}: {1}", {path, reason(errno)}));
  }
  struct stat status {};
  if (::fstat(fd.get(), &status) != 0) {
    return fail(Errc::kStorage,
                core::trf("cannot read the feedback key {0}: {1}", {path, reason(errno)}));
  }
  if (!S_ISREG(status.st_mode)) {
    return fail(Errc::kStorage, core::trf("the feedback key {0} is not a regular file", {path}));
  }
  if ((status.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(status.st_mode & 07777));
    return fail(Errc::kStorage, core::trf("the feedback key {0} is open to other users (mode {1}): "
                                          "make it private with chmod 600 {0}",
                                          {path, mode}));
  }
  if (status.st_size != static_cast<off_t>(kFeedbackKeyBytes)) {
    return fail(Errc::kStorage,
                core::trf("the feedback key {0} holds {1} bytes instead of 32: remove it and "
                          "a new one is made (feedback links already sent stop working)",
                          {path, std::to_string(status.st_size)}));
  }
  std::size_t done = 0;
  while (done < key.size()) {
    const ssize_t got = ::read(fd.get(), key.data() + done, key.size() - done);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      return fail(Errc::kStorage,
                  core::trf("cannot read the feedback key {0}: {1}",
                            {path, got < 0 ? reason(errno)
                                           : std::string(core::tr("the file ended early"))}));
    }
    done += static_cast<std::size_t>(got);
  }
  return Found::kYes;
}

Result<void> write_all(int fd, const unsigned char* data, std::size_t size,
                       const std::string& path) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t wrote = ::write(fd, data + done, size - done);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) {
      return fail(Errc::kStorage, core::trf("cannot create the feedback key {0}: {1}",
                                            {path, reason(wrote < 0 ? errno : EIO)}));
    }
    done += static_cast<std::size_t>(wrote);
  }
  return {};
}

// Writes a fresh key beside `path` and links it into place unless a key
// is there already; either way `path` then holds the one key.
Result<void> create_key(const std::filesystem::path& directory, const std::string& path) {
  FeedbackKey fresh{};
  if (RAND_bytes(fresh.data(), static_cast<int>(fresh.size())) != 1) {
    return fail(Errc::kStorage, core::trf("cannot create the feedback key {0}: {1}",
                                          {path, core::tr("no random bytes from the system")}));
  }
  unsigned char nonce[8];
  if (RAND_bytes(nonce, sizeof nonce) != 1) {
    return fail(Errc::kStorage, core::trf("cannot create the feedback key {0}: {1}",
                                          {path, core::tr("no random bytes from the system")}));
  }
  char suffix[40];
  std::snprintf(suffix, sizeof suffix, ".%ld.%02x%02x%02x%02x%02x%02x%02x%02x",
                static_cast<long>(::getpid()), nonce[0], nonce[1], nonce[2], nonce[3], nonce[4],
                nonce[5], nonce[6], nonce[7]);
  const std::string temporary = (directory / (std::string(kFeedbackKeyFile) + suffix)).string();

  {
    FileDescriptor fd(
        ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (fd.get() < 0) {
      return fail(Errc::kStorage,
                  core::trf("cannot create the feedback key {0}: {1}", {path, reason(errno)}));
    }
    auto written = write_all(fd.get(), fresh.data(), fresh.size(), path);
    if (written && ::fsync(fd.get()) != 0) {
      written = fail(Errc::kStorage,
                     core::trf("cannot create the feedback key {0}: {1}", {path, reason(errno)}));
    }
    if (!written) {
      ::unlink(temporary.c_str());
      return written;
    }
  }
  // link() never replaces: whoever links first wins, the others read theirs.
  const int linked = ::link(temporary.c_str(), path.c_str());
  const int link_error = errno;
  ::unlink(temporary.c_str());
  if (linked != 0 && link_error != EEXIST) {
    return fail(Errc::kStorage,
                core::trf("cannot create the feedback key {0}: {1}", {path, reason(link_error)}));
  }
  // The new name survives a power cut, as the links mailed with it must.
  FileDescriptor folder(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (folder.get() >= 0) ::fsync(folder.get());
  return {};
}

}  // namespace

Result<FeedbackKey> load_or_create_feedback_key(const std::filesystem::path& state_directory) {
  const std::string path = (state_directory / kFeedbackKeyFile).string();
  FeedbackKey key{};
  auto found = read_key(path, key);
  if (!found) return unexpected<Error>(found.error());
  if (*found == Found::kYes) return key;

  if (auto created = create_key(state_directory, path); !created) {
    return unexpected<Error>(created.error());
  }
  auto again = read_key(path, key);
  if (!again) return unexpected<Error>(again.error());
  if (*again == Found::kMissing) {
    return fail(Errc::kStorage, core::trf("cannot create the feedback key {0}: {1}",
                                          {path, core::tr("it vanished as it was made")}));
  }
  return key;
}

Result<std::optional<FeedbackKey>> load_feedback_key(
    const std::filesystem::path& state_directory) {
  FeedbackKey key{};
  auto found = read_key((state_directory / kFeedbackKeyFile).string(), key);
  if (!found) return unexpected<Error>(found.error());
  if (*found == Found::kMissing) return std::optional<FeedbackKey>();
  return std::optional<FeedbackKey>(key);
}

}  // namespace omvarld::web
