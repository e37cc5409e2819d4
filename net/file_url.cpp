// read_file_url: open without blocking, look at what was opened (not at the
// path, which may change in between), read only a regular file, and no more
// of it than the size limit.

#include "net/file_url.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "core/ascii.h"
#include "net/http_headers.h"

namespace omvarld::net {
namespace {

// How much is read at a time: the size is checked after each read, so a
// file that grows while it is read passes the limit by at most this much.
constexpr std::size_t kChunk = 64 * 1024;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The path of a file URL (RFC 8089): after "file://", an empty host or
// localhost, then the path up to a query or fragment, its %XX escapes
// decoded (config::file_url writes them). nullopt for another host, no
// path, or an escaped NUL, which no path can hold.
std::optional<std::string> path_of(std::string_view url) {
  constexpr std::string_view kPrefix = "file://";
  if (url.size() < kPrefix.size() || core::lowercase_ascii(url.substr(0, kPrefix.size())) != kPrefix) return std::nullopt;
  std::string_view rest = url.substr(kPrefix.size());
  const std::size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const std::string host = core::lowercase_ascii(rest.substr(0, slash));
  if (!host.empty() && host != "localhost" && host != "127.0.0.1") return std::nullopt;
  rest = rest.substr(slash);
  rest = rest.substr(0, rest.find_first_of("?#"));
  std::string path;
  for (std::size_t at = 0; at < rest.size(); ++at) {
    const int high = rest[at] == '%' && at + 2 < rest.size() ? hex_value(rest[at + 1]) : -1;
    const int low = high >= 0 ? hex_value(rest[at + 2]) : -1;
    if (low < 0) {
      path += rest[at];
      continue;
    }
    if (high == 0 && low == 0) return std::nullopt;
    path += static_cast<char>(high * 16 + low);
    at += 2;
  }
  return path;
}

// What a file that is not a regular one is, for the message.
std::string kind_of(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

std::string not_regular(mode_t mode) {
  const std::string kind = kind_of(mode);
  return kind.starts_with("not") ? kind : "is " + kind + ", not a regular file";
}

class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

FetchOutcome read_file_url(const FetchRequest& request, const EngineOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  FetchOutcome outcome;
  outcome.key = request.key;
  outcome.url = request.url;
  outcome.effective_url = request.url;
  outcome.status = FetchStatus::kFailed;
  const auto finish = [&](FetchFailure failure, std::string detail) {
    outcome.failure = failure;
    if (failure != FetchFailure::kNone) {
      outcome.error = request.url + ": " + std::move(detail);
      outcome.body.clear();
    } else {
      outcome.status = FetchStatus::kOk;
    }
    outcome.elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    return std::move(outcome);
  };

  const std::optional<std::string> path = path_of(request.url);
  if (!path) return finish(FetchFailure::kFile, "not a local file (expected file:///PATH or file://localhost/PATH)");
  // O_NONBLOCK: opening a FIFO would otherwise wait for a writer, forever.
  const Descriptor file(::open(path->c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
  if (file.get() < 0) {
    // A socket cannot be opened at all; say what it is rather than ENXIO.
    struct stat status {};
    if (::stat(path->c_str(), &status) == 0 && !S_ISREG(status.st_mode)) {
      return finish(FetchFailure::kFile, not_regular(status.st_mode));
    }
    return finish(FetchFailure::kFile, "Couldn't open file " + *path);
  }
  // What was opened decides, not what the path names now.
  struct stat status {};
  if (::fstat(file.get(), &status) != 0) {
    return finish(FetchFailure::kFile, "Couldn't open file " + *path + ": " + std::strerror(errno));
  }
  if (!S_ISREG(status.st_mode)) return finish(FetchFailure::kFile, not_regular(status.st_mode));
  const std::size_t limit = options.fetch.max_body_bytes;
  const std::string too_large = "the answer is over the " + describe_size(limit) + " limit";
  if (static_cast<std::uint64_t>(status.st_size) > limit) return finish(FetchFailure::kTooLarge, too_large);

  // The size may change while the file is read (it is being written, or a
  // file of /proc says 0): the limit holds for what is read.
  outcome.body.reserve(static_cast<std::size_t>(status.st_size));
  while (true) {
    const std::size_t before = outcome.body.size();
    outcome.body.resize(before + kChunk);
    const ssize_t got = ::read(file.get(), outcome.body.data() + before, kChunk);
    outcome.body.resize(before + static_cast<std::size_t>(got > 0 ? got : 0));
    if (got == 0) break;
    if (got < 0) {
      if (errno == EINTR) continue;
      return finish(FetchFailure::kFile, "Couldn't read file " + *path + ": " + std::strerror(errno));
    }
    if (outcome.body.size() > limit) return finish(FetchFailure::kTooLarge, too_large);
  }
  outcome.bytes_on_wire = outcome.body.size();
  outcome.body.shrink_to_fit();
  return finish(FetchFailure::kNone, {});
}

}  // namespace omvarld::net
