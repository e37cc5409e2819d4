// `omvarld run` with [web] on a copy of the demo: the archive answers over
// HTTP on the daemon's loop while it polls, moves to another port on a
// reload, stops with SIGTERM; and a port already taken leaves the archive
// off while polling goes on.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "tests/support/demo_copy.h"
#include "tests/support/log_file.h"
#include "tests/support/omvarld_cli.h"
#include "tests/support/process.h"

namespace omvarld::e2e {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using omvarld::testing::ChildProcess;
using omvarld::testing::log_shows;
using omvarld::testing::DemoCopy;

// A loopback TCP socket, bound to a free port, listening or not.
class PortHolder {
 public:
  explicit PortHolder(bool listen) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    ::bind(fd_, reinterpret_cast<sockaddr*>(&address), size);
    if (listen) ::listen(fd_, 1);
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size);
    port_ = ntohs(address.sin_port);
  }
  ~PortHolder() { release(); }
  void release() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// GET `target` from 127.0.0.1:`port`: the whole answer, "" when nothing answers.
std::string http_get(int port, const std::string& target) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval wait{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
  std::string answer;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    const std::string request =
        "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    char buffer[4096];
    for (ssize_t got; (got = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) {
      answer.append(buffer, static_cast<std::size_t>(got));
    }
  }
  ::close(fd);
  return answer;
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

int stop(ChildProcess& daemon) {
  daemon.kill(SIGTERM);
  while (daemon.read_line(10s)) {
  }
  return daemon.wait();
}

std::string web_table(int port) {
  return "[web]\nlisten = \"127.0.0.1:" + std::to_string(port) + "\"\n";
}

TEST(WebRun, ServesTheArchiveBesideThePollMovesOnReloadAndStops) {
  DemoCopy demo;
  PortHolder first(false);
  PortHolder second(false);
  first.release();
  second.release();
  const fs::path drop_in = demo.dir() / "conf.d" / "90-web.toml";
  write_file(drop_in, web_table(first.port()));
  const fs::path log = demo.scratch() / "run.log";
  ChildProcess daemon(omvarld::testing::omvarld_binary(),
                      {"--config", (demo.dir() / "omvarld.toml").string(), "run"}, log);
  ASSERT_TRUE(daemon.started());
  ASSERT_TRUE(log_shows(log, "web: the archive listens on http://127.0.0.1:" +
                                 std::to_string(first.port()) + "/"));

  const std::string answer = http_get(first.port(), "/finns-inte?token=hemlig");
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 404")) << answer;
  EXPECT_NE(answer.find("Content-Security-Policy: default-src 'none';"), std::string::npos);
  EXPECT_NE(answer.find("Sidan finns inte"), std::string::npos);
  EXPECT_TRUE(log_shows(log, "web: GET /finns-inte 404 "));
  EXPECT_TRUE(log_shows(log, "poll: "));  // the daemon's own work goes on
  EXPECT_EQ(omvarld::testing::read_whole_file(log).find("hemlig"), std::string::npos);

  write_file(drop_in, web_table(second.port()));
  daemon.kill(SIGHUP);
  ASSERT_TRUE(log_shows(log, "web: the archive listens on http://127.0.0.1:" +
                                 std::to_string(second.port()) + "/"));
  const std::string front = http_get(second.port(), "/");
  EXPECT_TRUE(front.starts_with("HTTP/1.1 200")) << front;
  EXPECT_NE(front.find("<h1>Nämnder</h1>"), std::string::npos) << front;
  EXPECT_EQ(http_get(first.port(), "/"), "");

  const int status = stop(daemon);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(http_get(second.port(), "/"), "");
}

TEST(WebRun, APortAlreadyTakenLeavesTheArchiveOffAndTheDaemonPolling) {
  DemoCopy demo;
  PortHolder taken(true);
  write_file(demo.dir() / "conf.d" / "90-web.toml", web_table(taken.port()));
  const fs::path log = demo.scratch() / "run.log";
  ChildProcess daemon(omvarld::testing::omvarld_binary(),
                      {"--config", (demo.dir() / "omvarld.toml").string(), "run"}, log);
  ASSERT_TRUE(daemon.started());
  EXPECT_TRUE(log_shows(log, "web: cannot listen on 127.0.0.1:" + std::to_string(taken.port()) +
                                 ": Address already in use; the archive is off"));
  EXPECT_TRUE(log_shows(log, "poll: "));
  const int status = stop(daemon);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
}  // namespace omvarld::e2e
