// `omvarld backup FILE`: an online copy of the database and, when the web
// archive has made one, of the key that signs its feedback links (without
// it every link already mailed stops working after a restore).

#include <fcntl.h>
#include <stdlib.h>  // mkstemp
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include <spdlog/spdlog.h>

#include "app/runtime.h"
#include "cli/commands.h"
#include "core/file_descriptor.h"
#include "core/translate.h"
#include "storage/item_store.h"
#include "web/feedback_key.h"

namespace omvarld::cli {
namespace {

namespace fs = std::filesystem;

// Where the key's copy goes: beside the database's copy, named after it.
fs::path key_copy_of(const fs::path& target) {
  return fs::path(target.string() + "." + web::kFeedbackKeyFile);
}

Result<std::vector<char>> read_small_file(const fs::path& path) {
  // O_NOFOLLOW: a link planted in the state directory is not our key.
  // O_NONBLOCK: a FIFO planted there must not hang the backup.
  core::FileDescriptor fd(
      ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
  if (fd.get() < 0) {
    return fail(Errc::kStorage, core::trf("cannot read the feedback key {0}: {1}",
                                          {path.string(), std::strerror(errno)}));
  }
  struct stat status {};
  if (::fstat(fd.get(), &status) != 0 || !S_ISREG(status.st_mode)) {
    return fail(Errc::kStorage,
                core::trf("the feedback key {0} is not a regular file", {path.string()}));
  }
  std::vector<char> bytes;
  char buffer[256];
  for (;;) {
    const ssize_t got = ::read(fd.get(), buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      return fail(Errc::kStorage, core::trf("cannot read the feedback key {0}: {1}",
                                            {path.string(), std::strerror(errno)}));
    }
    if (got == 0) break;
    bytes.insert(bytes.end(), buffer, buffer + got);
    // The key is 32 bytes; anything much larger is not a key to copy.
    if (bytes.size() > 4096) {
      return fail(Errc::kStorage,
                  core::trf("the feedback key {0} is not a regular file", {path.string()}));
    }
  }
  return bytes;
}

// Writes `bytes` to `target` (mode 0600), replacing it only once complete.
// The temporary file is a new one of our own (mkstemp: O_EXCL, 0600), so
// a file or link someone else planted beside the target never gets the key.
Result<void> write_private_file(const fs::path& target, const std::vector<char>& bytes) {
  std::string pattern = target.string() + ".tmp-XXXXXX";
  const int made = ::mkstemp(pattern.data());
  if (made < 0) {
    return fail(Errc::kStorage, core::trf("cannot write {0}: {1}",
                                          {target.string(), std::strerror(errno)}));
  }
  const fs::path temporary(pattern);
  auto failed = [&](int error) -> Result<void> {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    return fail(Errc::kStorage, core::trf("cannot write {0}: {1}",
                                          {target.string(), std::strerror(error)}));
  };
  {
    core::FileDescriptor fd(made);
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t wrote = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
      if (wrote < 0 && errno == EINTR) continue;
      if (wrote <= 0) return failed(wrote < 0 ? errno : EIO);
      done += static_cast<std::size_t>(wrote);
    }
    if (::fsync(fd.get()) != 0) return failed(errno);
    if (fd.close() != 0) return failed(errno);
  }
  if (::rename(temporary.c_str(), target.c_str()) != 0) return failed(errno);
  // The rename itself is durable once the folder is synced.
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  core::FileDescriptor directory(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (directory.get() >= 0) (void)::fsync(directory.get());
  return {};
}

// Copies the feedback key beside the backup; nothing when there is none.
Result<bool> back_up_feedback_key(const std::string& database, const fs::path& target) {
  const fs::path key = fs::path(database).parent_path() / web::kFeedbackKeyFile;
  std::error_code error;
  const fs::file_status status = fs::symlink_status(key, error);
  if (error && error != std::errc::no_such_file_or_directory) {
    return fail(Errc::kStorage, core::trf("cannot read the feedback key {0}: {1}",
                                          {key.string(), error.message()}));
  }
  if (!fs::exists(status)) return false;
  auto bytes = read_small_file(key);
  if (!bytes) return unexpected<Error>(bytes.error());
  if (auto written = write_private_file(key_copy_of(target), *bytes); !written) {
    return unexpected<Error>(written.error());
  }
  return true;
}

}  // namespace

int backup_database(const std::filesystem::path& config_path, const std::filesystem::path& target) {
  // Only the configuration and the store: a backup needs no filters.
  auto config = app::load_checked_config(config_path);
  if (!config) return config.error();
  auto store = storage::ItemStore::open(config->daemon.database);
  if (!store) {
    spdlog::error("{}", store.error().message);
    return app::kExitRuntime;
  }
  if (auto backed_up = store->backup_to(target.string()); !backed_up) {
    spdlog::error("{}", backed_up.error().message);
    return app::kExitRuntime;
  }
  spdlog::info("{}", core::trf("backup: copied {0} to {1}", {config->daemon.database, target.string()}));
  auto key = back_up_feedback_key(config->daemon.database, target);
  if (!key) {
    spdlog::error("{}", key.error().message);
    return app::kExitRuntime;
  }
  if (*key) {
    spdlog::info("{}", core::trf("backup: copied the feedback key to {0}",
                                 {key_copy_of(target).string()}));
  }
  return app::kExitOk;
}

}  // namespace omvarld::cli
