// tests/support/dovecot_server.h
//
// A real IMAP server for tests: Debian's dovecot-imapd, started in the
// foreground on 127.0.0.1 at a free port with a configuration generated in
// a temporary directory (plain-text passwords in a passwd-file, one static
// userdb, a maildir per user, no TLS), and stopped with SIGTERM when the
// object goes. Messages are delivered with dovecot-lda, as a mail server
// would. ImapProbe is a second, independent IMAP session over a plain
// socket, for asking which messages are \Seen. Header-only; POSIX.
//
// Runs as root (CI) or as an ordinary user: as root, dovecot's own users
// (dovecot, dovenull) run its processes and own the mail; otherwise the
// current user does everything.

#pragma once

#include <arpa/inet.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace omvarld::testing {

inline constexpr const char* kDovecotBinary = "/usr/sbin/dovecot";
inline constexpr const char* kDovecotLda = "/usr/lib/dovecot/dovecot-lda";

inline bool dovecot_installed() {
  return access(kDovecotBinary, X_OK) == 0 && access(kDovecotLda, X_OK) == 0;
}

// A TCP port on 127.0.0.1 that was free a moment ago.
inline int free_loopback_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  close(fd);
  return port;
}

// A line-oriented client socket to 127.0.0.1:`port`; -1 when refused.
inline int connect_loopback(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return -1;
  }
  timeval timeout{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  return fd;
}

class DovecotServer {
 public:
  static constexpr const char* kUser = "omvarld";
  static constexpr const char* kPassword = "hemligt-losen";

  // Starts dovecot and waits until it answers; on failure records a test
  // failure and port() is 0.
  DovecotServer() {
    // Dovecot's unprivileged processes must reach the sockets in base_dir.
    chmod(dir_.path().c_str(), 0755);
    uid_t mail_uid = getuid();
    gid_t mail_gid = getgid();
    std::string internal_user = user_name(getuid());
    std::string login_user = internal_user;
    std::string internal_group = group_name(getgid());
    if (getuid() == 0) {
      // Dovecot refuses root for its login processes and for mail access.
      internal_user = "dovecot";
      login_user = "dovenull";
      internal_group = "dovecot";
      if (const passwd* dovecot = getpwnam("dovecot")) {
        mail_uid = dovecot->pw_uid;
        mail_gid = dovecot->pw_gid;
      }
    }
    const std::filesystem::path home = dir_.path() / "home";
    std::filesystem::create_directories(home / kUser);
    for (const auto& path : {home, home / kUser}) {
      if (chown(path.c_str(), mail_uid, mail_gid) != 0) ADD_FAILURE() << "chown " << path;
    }
    dir_.write("passwd", std::string(kUser) + ":{PLAIN}" + kPassword + "::::::\n");
    port_ = free_loopback_port();
    const std::string d = dir_.path().string();
    std::ostringstream conf;
    conf << "protocols = imap\n"
         << "listen = 127.0.0.1\n"
         << "base_dir = " << d << "/run\n"
         << "state_dir = " << d << "/state\n"
         << "log_path = " << d << "/dovecot.log\n"
         << "ssl = no\n"
         << "disable_plaintext_auth = no\n"
         << "auth_mechanisms = plain login\n"
         << "auth_failure_delay = 0\n"  // a wrong password is a test, not an attack
         << "default_internal_user = " << internal_user << "\n"
         << "default_internal_group = " << internal_group << "\n"
         << "default_login_user = " << login_user << "\n"
         << "first_valid_uid = " << mail_uid << "\n"
         << "first_valid_gid = " << mail_gid << "\n"
         << "mail_location = maildir:~/Maildir\n"
         << "passdb {\n  driver = passwd-file\n  args = scheme=PLAIN " << d << "/passwd\n}\n"
         << "userdb {\n  driver = static\n  args = uid=" << mail_uid << " gid=" << mail_gid
         << " home=" << home.string() << "/%u\n}\n"
         << "service imap-login {\n  chroot =\n  inet_listener imap {\n    address = 127.0.0.1\n"
         << "    port = " << port_ << "\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}\n"
         << "service anvil {\n  chroot =\n}\n";
    config_ = dir_.write("dovecot.conf", conf.str());
    server_.emplace(kDovecotBinary, std::vector<std::string>{"-F", "-c", config_.string()},
                    dir_.path() / "stderr.txt");
    if (!wait_until_listening()) {
      ADD_FAILURE() << "dovecot did not start: " << read_whole_file(dir_.path() / "stderr.txt")
                    << read_whole_file(dir_.path() / "dovecot.log");
      port_ = 0;
    }
  }

  ~DovecotServer() {
    if (server_) {
      server_->kill(SIGTERM);
      server_->wait();
    }
  }
  DovecotServer(const DovecotServer&) = delete;
  DovecotServer& operator=(const DovecotServer&) = delete;

  int port() const { return port_; }
  // imap://127.0.0.1:PORT/INBOX
  std::string inbox_url() const { return "imap://127.0.0.1:" + std::to_string(port_) + "/INBOX"; }
  const std::filesystem::path& dir() const { return dir_.path(); }
  std::string log() const { return read_whole_file(dir_.path() / "dovecot.log"); }

  // Delivers the message in `eml_file` to the user's INBOX, unseen, as
  // the mail server's local delivery agent does.
  void deliver(const std::filesystem::path& eml_file) const {
    const ProcessResult delivered = run_process(
        kDovecotLda, {"-c", config_.string(), "-d", kUser, "-p", eml_file.string()}, dir_.path());
    EXPECT_EQ(delivered.exit_code, 0) << "dovecot-lda " << eml_file << ": " << delivered.err
                                      << log();
  }

 private:
  static std::string user_name(uid_t uid) {
    const passwd* entry = getpwuid(uid);
    return entry != nullptr ? entry->pw_name : std::to_string(uid);
  }
  static std::string group_name(gid_t gid) {
    const group* entry = getgrgid(gid);
    return entry != nullptr ? entry->gr_name : std::to_string(gid);
  }

  bool wait_until_listening() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      if (const int fd = connect_loopback(port_); fd >= 0) {
        close(fd);
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

  TempDir dir_;
  std::filesystem::path config_;
  int port_ = 0;
  std::optional<ChildProcess> server_;
};

// A second IMAP session, by hand over a socket (RFC 3501): LOGIN, SELECT,
// then UID SEARCH; independent of the libcurl code under test.
class ImapProbe {
 public:
  ImapProbe(int port, const std::string& user, const std::string& password)
      : fd_(connect_loopback(port)) {
    if (fd_ < 0) {
      ADD_FAILURE() << "cannot connect to 127.0.0.1:" << port;
      return;
    }
    read_until("* OK");
    command("LOGIN \"" + user + "\" \"" + password + "\"");
    command("SELECT INBOX");
  }
  ~ImapProbe() {
    if (fd_ >= 0) {
      send("z LOGOUT\r\n");
      close(fd_);
    }
  }
  ImapProbe(const ImapProbe&) = delete;
  ImapProbe& operator=(const ImapProbe&) = delete;

  // The UIDs that `criteria` ("SEEN", "UNSEEN", "ALL") selects, in order.
  std::vector<std::string> search(const std::string& criteria) {
    const std::string answer = command("UID SEARCH " + criteria);
    std::vector<std::string> uids;
    const std::size_t at = answer.find("* SEARCH");
    if (at == std::string::npos) return uids;
    std::istringstream words(answer.substr(at + 8, answer.find('\n', at) - at - 8));
    for (std::string word; words >> word;) uids.push_back(word);
    return uids;
  }

 private:
  std::string command(const std::string& text) {
    const std::string tag = "t" + std::to_string(++tags_);
    send(tag + " " + text + "\r\n");
    const std::string answer = read_until(tag + " ");
    EXPECT_NE(answer.find(tag + " OK"), std::string::npos) << text << ": " << answer;
    return answer;
  }

  void send(const std::string& text) const {
    if (::send(fd_, text.data(), text.size(), MSG_NOSIGNAL) < 0) ADD_FAILURE() << "send failed";
  }

  // Everything up to and including the line that starts with `prefix`.
  std::string read_until(const std::string& prefix) {
    for (;;) {
      for (std::size_t start = 0; start < buffer_.size();) {
        const std::size_t end = buffer_.find("\r\n", start);
        if (end == std::string::npos) break;
        if (buffer_.compare(start, prefix.size(), prefix) == 0) {
          std::string answer = buffer_.substr(0, end + 2);
          buffer_.erase(0, end + 2);
          return answer;
        }
        start = end + 2;
      }
      char chunk[4096];
      const ssize_t got = recv(fd_, chunk, sizeof chunk, 0);
      if (got <= 0) {
        ADD_FAILURE() << "the IMAP server stopped answering; waiting for " << prefix;
        return std::exchange(buffer_, {});
      }
      buffer_.append(chunk, static_cast<std::size_t>(got));
    }
  }

  int fd_ = -1;
  int tags_ = 0;
  std::string buffer_;
};

}  // namespace omvarld::testing
