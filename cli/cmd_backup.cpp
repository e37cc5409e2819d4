// `omvarld backup FILE`: an online copy of the database and, when the web
// archive has made one, of the key that signs its feedback links (without
// it every link already mailed stops working after a restore).

#include <fcntl.h>
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
  core::FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (fd.get() < 0) {
    return fail(Errc::kStorage, core::trf("cannot read the feedback key {0}: {1}",
                                          {path.string(), std::strerror(errno)}));
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
Result<void> write_private_file(const fs::path& target, const std::vector<char>& bytes) {
  const fs::path temporary(target.string() + ".tmp");
  auto failed = [&](int error) -> Result<void> {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    return fail(Errc::kStorage, core::trf("cannot write {0}: {1}",
                                          {target.string(), std::strerror(error)}));
  };
  {
    core::FileDescriptor fd(
        ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (fd.get() < 0) return failed(errno);
    if (::fchmod(fd.get(), 0600) != 0) return failed(errno);
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
  return {};
}

// Copies the feedback key beside the backup; nothing when there is none.
Result<bool> back_up_feedback_key(const std::string& database, const fs::path& target) {
  const fs::path key = fs::path(database).parent_path() / web::kFeedbackKeyFile;
  std::error_code error;
  if (!fs::exists(fs::symlink_status(key, error))) return false;
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
