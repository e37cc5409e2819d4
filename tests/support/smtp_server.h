// tests/support/smtp_server.h
//
// A real SMTP server for tests: starts tests/support/smtp_server.py
// (python3-aiosmtpd) on 127.0.0.1, waits for its "READY <port>" line, and
// stops it with SIGTERM when the object goes. Every accepted message lands in
// mail_dir() as NNNN.eml plus NNNN.json (the envelope), which received()
// reads back in order. Also ClosedPort: a port where nothing listens, for
// "server down". Header-only; POSIX; uses nlohmann-json.

#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/process.h"

extern char** environ;

namespace omvarld::testing {

// The committed self-signed certificate for 127.0.0.1 and localhost, which
// is also the CA file a client needs to trust the server.
inline std::filesystem::path test_tls_dir() {
  return std::filesystem::path(OMVARLD_SOURCE_DIR) / "tests/testdata/digest/tls";
}
inline std::filesystem::path test_ca_file() { return test_tls_dir() / "cert.pem"; }

struct SmtpServerOptions {
  enum class Tls { kNone, kStartTls, kRequireStartTls, kImplicit };
  Tls tls = Tls::kNone;
  std::string user;      // with password: AUTH required (after TLS when TLS is on)
  std::string password;
  std::vector<std::string> rejected_recipients;  // answered with 550
  std::vector<std::string> deferred_recipients;  // answered with 450
  std::vector<std::pair<std::string, std::string>> recipient_replies;  // address, reply to RCPT
  bool refuse_data = false;  // the end of DATA answered "554 5.6.0 message refused"
  std::string refuse_data_reply;  // else this reply to the end of DATA, when set
  double data_delay_seconds = 0;  // waits this long before answering the end of DATA
  std::filesystem::path record_wire;  // appends what clients send to this file, when set
  int port = 0;          // 0: a free one
};

struct ReceivedMail {
  std::filesystem::path eml_path;
  std::string eml;
  std::string mail_from;
  std::vector<std::string> rcpt_tos;
  bool tls = false;
  bool authenticated = false;
};

class SmtpTestServer {
 public:
  // Starts the server; on failure records a test failure and port() is 0.
  SmtpTestServer(const std::filesystem::path& mail_dir, const SmtpServerOptions& options = {})
      : mail_dir_(mail_dir) {
    std::filesystem::create_directories(mail_dir_);
    std::vector<std::string> args{
        "/usr/bin/python3", std::string(OMVARLD_SOURCE_DIR) + "/tests/support/smtp_server.py",
        "--mail-dir", mail_dir_.string(), "--port", std::to_string(options.port)};
    using Tls = SmtpServerOptions::Tls;
    if (options.tls != Tls::kNone) {
      args.insert(args.end(), {"--cert", (test_tls_dir() / "cert.pem").string(), "--key",
                               (test_tls_dir() / "key.pem").string()});
    }
    if (options.tls == Tls::kStartTls) args.push_back("--starttls");
    if (options.tls == Tls::kRequireStartTls) args.push_back("--require-starttls");
    if (options.tls == Tls::kImplicit) args.push_back("--implicit-tls");
    if (!options.user.empty()) args.insert(args.end(), {"--auth", options.user + ":" + options.password});
    for (const std::string& address : options.rejected_recipients) {
      args.insert(args.end(), {"--reject", address});
    }
    for (const std::string& address : options.deferred_recipients) {
      args.insert(args.end(), {"--defer", address});
    }
    for (const auto& [address, reply] : options.recipient_replies) {
      args.insert(args.end(), {"--rcpt-reply", address + "=" + reply});
    }
    if (options.refuse_data) args.push_back("--refuse-data");
    if (!options.refuse_data_reply.empty()) {
      args.insert(args.end(), {"--refuse-data-reply", options.refuse_data_reply});
    }
    if (options.data_delay_seconds > 0) {
      args.insert(args.end(), {"--data-delay", std::to_string(options.data_delay_seconds)});
    }
    if (!options.record_wire.empty()) {
      args.insert(args.end(), {"--record-wire", options.record_wire.string()});
    }
    start(args);
  }

  ~SmtpTestServer() { stop(); }
  SmtpTestServer(const SmtpTestServer&) = delete;
  SmtpTestServer& operator=(const SmtpTestServer&) = delete;

  int port() const { return port_; }
  std::string url(const std::string& scheme = "smtp") const {
    return scheme + "://127.0.0.1:" + std::to_string(port_);
  }
  const std::filesystem::path& mail_dir() const { return mail_dir_; }

  // The messages accepted so far, oldest first.
  std::vector<ReceivedMail> received() const {
    std::vector<std::filesystem::path> envelopes;
    for (const auto& entry : std::filesystem::directory_iterator(mail_dir_)) {
      if (entry.path().extension() == ".json") envelopes.push_back(entry.path());
    }
    std::sort(envelopes.begin(), envelopes.end());
    std::vector<ReceivedMail> mails;
    for (const std::filesystem::path& envelope_path : envelopes) {
      ReceivedMail mail;
      mail.eml_path = std::filesystem::path(envelope_path).replace_extension(".eml");
      mail.eml = read_whole_file(mail.eml_path);
      const auto envelope = nlohmann::json::parse(read_whole_file(envelope_path));
      mail.mail_from = envelope.at("mail_from").get<std::string>();
      mail.rcpt_tos = envelope.at("rcpt_tos").get<std::vector<std::string>>();
      mail.tls = envelope.at("tls").get<bool>();
      mail.authenticated = envelope.at("authenticated").get<bool>();
      mails.push_back(std::move(mail));
    }
    return mails;
  }

  // Stops the server (SIGTERM) and waits for it; safe to call twice.
  void stop() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
      }
      pid_ = -1;
    }
    if (stdout_fd_ >= 0) ::close(stdout_fd_);
    stdout_fd_ = -1;
  }

 private:
  void start(std::vector<std::string> args) {
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) {
      ADD_FAILURE() << "pipe2 failed";
      return;
    }
    const std::string err_path = (mail_dir_.parent_path() / "smtp_server.stderr").string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0644);
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    const int spawned = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    stdout_fd_ = out[0];
    if (spawned != 0) {
      pid_ = -1;
      ADD_FAILURE() << "cannot start the SMTP test server";
      return;
    }
    // Reads up to the first line, giving python3 and aiosmtpd 30 s to start.
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (line.find('\n') == std::string::npos) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      pollfd readable{stdout_fd_, POLLIN, 0};
      if (left.count() <= 0 || ::poll(&readable, 1, static_cast<int>(left.count())) <= 0) break;
      char buffer[256];
      const ssize_t n = ::read(stdout_fd_, buffer, sizeof buffer);
      if (n <= 0) break;
      line.append(buffer, static_cast<std::size_t>(n));
    }
    if (line.rfind("READY ", 0) != 0) {
      ADD_FAILURE() << "the SMTP test server did not start: " << line
                    << read_whole_file(err_path);
      stop();
      return;
    }
    port_ = std::stoi(line.substr(6));
  }

  std::filesystem::path mail_dir_;
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  int port_ = 0;
};

// A TCP port on 127.0.0.1 that is bound but not listening, so a connection
// to it is refused at once, and no other test can take it meanwhile.
// release() frees it, for a server that starts there later.
class ClosedPort {
 public:
  ClosedPort() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
      ADD_FAILURE() << "cannot reserve a port";
      return;
    }
    port_ = ntohs(address.sin_port);
  }
  ~ClosedPort() { release(); }
  ClosedPort(const ClosedPort&) = delete;
  ClosedPort& operator=(const ClosedPort&) = delete;

  int port() const { return port_; }
  void release() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
  int port_ = 0;
};

}  // namespace omvarld::testing
