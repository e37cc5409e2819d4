#include "digest/sendmail_transport.h"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "digest/envelope.h"

extern char** environ;

namespace omvarld::digest {

namespace {

// A sendmail that neither exits nor reads in this time is stuck.
constexpr std::chrono::seconds kTimeout{120};
constexpr std::size_t kMaxStderr = 4096;

class FileDescriptor {
 public:
  FileDescriptor() = default;
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(FileDescriptor&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  FileDescriptor& operator=(FileDescriptor&& other) noexcept {
    if (this != &other) {
      close();
      fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
  }
  ~FileDescriptor() { close(); }
  int get() const { return fd_; }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

struct Pipe {
  FileDescriptor read_end;
  FileDescriptor write_end;
};

std::optional<Pipe> make_pipe() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return std::nullopt;
  return Pipe{FileDescriptor(fds[0]), FileDescriptor(fds[1])};
}

// sendmail reads a message in the local convention, LF line ends; it
// restores CRLF when it speaks SMTP.
std::string with_lf_line_ends(std::string_view eml) {
  std::string out;
  out.reserve(eml.size());
  for (std::size_t i = 0; i < eml.size(); ++i) {
    if (eml[i] == '\r' && i + 1 < eml.size() && eml[i + 1] == '\n') continue;
    out += eml[i];
  }
  return out;
}

// Blocks SIGPIPE in this thread while it lives, so that writing to a
// sendmail that exited early fails with EPIPE instead of killing the daemon,
// and discards a SIGPIPE that became pending meanwhile.
class SigpipeBlock {
 public:
  SigpipeBlock() {
    sigemptyset(&pipe_);
    sigaddset(&pipe_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_, &previous_);
  }
  ~SigpipeBlock() {
    const timespec no_wait{0, 0};
    while (sigtimedwait(&pipe_, nullptr, &no_wait) > 0) {
    }
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }
  SigpipeBlock(const SigpipeBlock&) = delete;
  SigpipeBlock& operator=(const SigpipeBlock&) = delete;

 private:
  sigset_t pipe_;
  sigset_t previous_;
};

struct Exchange {
  bool wrote_all = false;
  bool timed_out = false;
  std::string err;  // what the program wrote to stderr, up to kMaxStderr bytes
};

// Writes `input` to the child's stdin while reading its stderr until EOF,
// so that neither side can block the other on a full pipe.
Exchange exchange(FileDescriptor& to_child, FileDescriptor& from_child, std::string_view input) {
  Exchange result;
  SigpipeBlock no_sigpipe;
  ::fcntl(to_child.get(), F_SETFL, ::fcntl(to_child.get(), F_GETFL) | O_NONBLOCK);
  std::size_t written = 0;
  const auto deadline = std::chrono::steady_clock::now() + kTimeout;
  while (from_child.get() >= 0 || to_child.get() >= 0) {
    if (to_child.get() >= 0 && written == input.size()) {
      to_child.close();  // the end of the message
      result.wrote_all = true;
      continue;
    }
    // Slot 0 reads stderr, slot 1 writes stdin; poll() skips a negative fd.
    pollfd fds[2] = {{from_child.get(), POLLIN, 0}, {to_child.get(), POLLOUT, 0}};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    const int ready = ::poll(fds, 2, static_cast<int>(std::max<long long>(left.count(), 0)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) {
      result.timed_out = ready == 0;
      break;
    }
    if (from_child.get() >= 0 && fds[0].revents != 0) {
      char buffer[1024];
      const ssize_t n = ::read(from_child.get(), buffer, sizeof buffer);
      if (n > 0 && result.err.size() < kMaxStderr) result.err.append(buffer, std::size_t(n));
      if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) from_child.close();
    }
    if (to_child.get() >= 0 && fds[1].revents != 0) {
      const ssize_t n = ::write(to_child.get(), input.data() + written, input.size() - written);
      if (n > 0) written += static_cast<std::size_t>(n);
      // EPIPE: the program stopped reading; its exit status tells why.
      if (n < 0 && errno != EINTR && errno != EAGAIN) to_child.close();
    }
  }
  return result;
}

std::string first_line(std::string_view text) {
  text = text.substr(0, text.find('\n'));
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return std::string(text.substr(0, 300));
}

// Starts `argv` with stdin and stderr on the given pipe ends and stdout on
// /dev/null, with default signal handling; returns the pid or errno.
Result<pid_t, int> spawn(std::vector<std::string>& argv, int stdin_fd, int stderr_fd) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, stdin_fd, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, stderr_fd, 2);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none;
  sigemptyset(&none);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  std::vector<char*> pointers;
  for (std::string& arg : argv) pointers.push_back(arg.data());
  pointers.push_back(nullptr);
  pid_t pid = 0;
  const int spawned =
      posix_spawn(&pid, pointers[0], &actions, &attributes, pointers.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (spawned != 0) return unexpected<int>(spawned);
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

}  // namespace

SendmailTransport::SendmailTransport(std::filesystem::path program)
    : program_(std::move(program)) {}

Result<void> SendmailTransport::deliver(const Message& message) {
  const std::string who = "sendmail " + program_.string();
  if (auto problem = envelope_problem(message)) return fail(Errc::kDeliveryFailed, who + ": " + *problem);

  // -i: a line with a single "." is text, not the end of the message.
  std::vector<std::string> argv{program_.string(), "-i", "-f", message.envelope_from, "--"};
  argv.insert(argv.end(), message.envelope_to.begin(), message.envelope_to.end());

  auto input = make_pipe();
  auto errors = make_pipe();
  if (!input || !errors) {
    return fail(Errc::kDeliveryFailed, who + ": cannot make a pipe: " + std::strerror(errno));
  }
  auto pid = spawn(argv, input->read_end.get(), errors->write_end.get());
  input->read_end.close();
  errors->write_end.close();
  if (!pid) {
    return fail(Errc::kDeliveryFailed, who + ": cannot run: " + std::strerror(pid.error()));
  }

  const Exchange exchanged =
      exchange(input->write_end, errors->read_end, with_lf_line_ends(message.eml));
  if (exchanged.timed_out) ::kill(*pid, SIGKILL);
  const int status = wait_for(*pid);

  const std::string said = first_line(exchanged.err);
  const std::string reason = said.empty() ? "" : ": " + said;
  if (exchanged.timed_out) {
    return fail(Errc::kDeliveryFailed, who + ": no answer within " +
                                           std::to_string(kTimeout.count()) + " s" + reason);
  }
  if (WIFSIGNALED(status)) {
    return fail(Errc::kDeliveryFailed,
                who + ": killed by signal " + std::to_string(WTERMSIG(status)) + reason);
  }
  if (WEXITSTATUS(status) != 0) {
    return fail(Errc::kDeliveryFailed,
                who + ": exit status " + std::to_string(WEXITSTATUS(status)) + reason);
  }
  if (!exchanged.wrote_all) {
    return fail(Errc::kDeliveryFailed, who + ": stopped reading the message before its end");
  }
  return {};
}

}  // namespace omvarld::digest
