// `omvarld run` as systemd runs it: a child process with NOTIFY_SOCKET set
// to a datagram socket the test binds and a loopback HTTP server for its
// sources. What it tells the service manager (READY, RELOADING, STOPPING,
// WATCHDOG, STATUS), what it polls and delivers, how it reloads (a broken
// configuration is refused, a fixed one applied) and how fast and how
// cleanly it stops, also in the middle of a poll.

#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/fault_http_server.h"
#include "tests/support/log_file.h"
#include "tests/support/omvarld_cli.h"
#include "tests/support/process.h"
#include "tests/support/sql_text.h"
#include "tests/support/temp_dir.h"

namespace omvarld::e2e {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using omvarld::testing::ChildProcess;
using omvarld::testing::log_shows;
using omvarld::testing::FaultHttpServer;
using omvarld::testing::FaultRoute;
using omvarld::testing::sql_text;
using omvarld::testing::TempDir;

// Undated items: none is old news held back from the first digest.
std::string feed(const std::string& prefix) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>)" + prefix + R"(</title><link>https://)" + prefix +
         R"(.example.eu/</link>
<item><title>Erasmus+ för förskola i )" + prefix + R"(</title><link>https://)" + prefix +
         R"(.example.eu/1</link><guid>)" + prefix + R"(-1</guid></item>
<item><title>Upphandling i )" + prefix + R"(</title><link>https://)" + prefix +
         R"(.example.eu/2</link><guid>)" + prefix + R"(-2</guid></item>
</channel></rss>
)";
}

FaultRoute feed_route(const std::string& prefix) {
  FaultRoute route;
  route.headers = {{"Content-Type", "application/rss+xml; charset=utf-8"}};
  route.body = feed(prefix);
  return route;
}

// The configuration with these [[source]] tables; one nämnd over all.
std::string config_with(const std::string& sources) {
  return R"([daemon]
database = "run.db"
timezone = "Europe/Stockholm"

[mail]
transport = "directory"
directory = "outbox"

)" + sources + R"(
[[namnd]]
id = "linkoping/utbildning"
name = "Utbildningsnämnden"
recipients = ["utbildning@example.se"]
schedule = "mon 07:00"
any = ["förskola"]
)";
}

std::string source(const std::string& id, const std::string& url,
                   const std::string& extra = "") {
  return "[[source]]\nid = \"" + id + "\"\nname = \"Källa " + id + "\"\nurl = \"" + url +
         "\"\n" + extra + "\n";
}

// The datagram socket systemd would listen on; NOTIFY_SOCKET names it.
class NotifySocket {
 public:
  explicit NotifySocket(fs::path path) : path_(std::move(path)) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    path_.string().copy(address.sun_path, sizeof address.sun_path - 1);
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      ADD_FAILURE() << "cannot bind " << path_;
    }
  }
  ~NotifySocket() {
    if (fd_ >= 0) ::close(fd_);
  }
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  const fs::path& path() const { return path_; }

  // Reads messages until one holds the line `line` ("READY=1") and returns
  // it; nullopt when none came within `timeout`. Earlier ones are skipped.
  std::optional<std::string> wait_for(const std::string& line, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return std::nullopt;
      pollfd readable{fd_, POLLIN, 0};
      if (::poll(&readable, 1, static_cast<int>(left.count())) <= 0) continue;
      char buffer[4096];
      const ssize_t got = ::recv(fd_, buffer, sizeof buffer, 0);
      if (got <= 0) continue;
      const std::string message(buffer, static_cast<std::size_t>(got));
      if (("\n" + message + "\n").find("\n" + line + "\n") != std::string::npos) return message;
    }
  }

 private:
  fs::path path_;
  int fd_ = -1;
};

// Sets environment variables for the children started while it lives.
class ScopedEnv {
 public:
  explicit ScopedEnv(std::map<std::string, std::string> values) : values_(std::move(values)) {
    for (const auto& [name, value] : values_) ::setenv(name.c_str(), value.c_str(), 1);
  }
  ~ScopedEnv() {
    for (const auto& [name, value] : values_) ::unsetenv(name.c_str());
  }

 private:
  std::map<std::string, std::string> values_;
};

int eml_count(const fs::path& outbox) {
  int count = 0;
  if (!fs::exists(outbox)) return 0;
  for (const auto& entry : fs::directory_iterator(outbox)) {
    count += entry.path().extension() == ".eml" ? 1 : 0;
  }
  return count;
}

bool was_requested(const FaultHttpServer& server, const std::string& target,
                   std::chrono::milliseconds timeout = 15s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    for (const auto& request : server.requests()) {
      if (request.target == target) return true;
    }
    std::this_thread::sleep_for(20ms);
  }
  return false;
}

// Sends SIGTERM and returns how long the child took to close its stdout
// (it exits), with its wait status.
std::pair<std::chrono::milliseconds, int> stop(ChildProcess& child) {
  const auto start = std::chrono::steady_clock::now();
  child.kill(SIGTERM);
  while (child.read_line(10s)) {
  }
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  return {took, child.wait()};
}

class RunLifecycle : public ::testing::Test {
 protected:
  ChildProcess start(const std::string& log_name, bool watchdog = false) {
    std::map<std::string, std::string> env{{"NOTIFY_SOCKET", notify_.path().string()}};
    if (watchdog) env["WATCHDOG_USEC"] = "400000";
    const ScopedEnv scoped(env);
    return ChildProcess(omvarld::testing::omvarld_binary(), {"--config", config_.string(), "run"},
                        dir_.path() / log_name);
  }

  TempDir dir_;
  NotifySocket notify_{dir_.path() / "notify.sock"};
  fs::path config_ = dir_.path() / "omvarld.toml";
  fs::path database_ = dir_.path() / "run.db";
};

TEST_F(RunLifecycle, PollsDeliversReloadsPingsAndStopsCleanly) {
  FaultHttpServer server({{"/a.xml", feed_route("a")}, {"/b.xml", feed_route("b")}});
  dir_.write("omvarld.toml", config_with(source("a", server.url("/a.xml"))));
  const fs::path log = dir_.path() / "run.log";
  {
    ChildProcess daemon = start("run.log", /*watchdog=*/true);
    ASSERT_TRUE(daemon.started());
    ASSERT_TRUE(notify_.wait_for("READY=1", 10s));

    // The first tick polls the source and sends the digest due since the
    // nämnd never had one, without waiting for a slot.
    EXPECT_TRUE(was_requested(server, "/a.xml"));
    ASSERT_TRUE(log_shows(log, "poll: 1 källor, 1 ok (0 oförändrade, 0 inte ändrade enligt "
                               "servern), 0 misslyckades, 0 avstängda, 2 nya nyheter"));
    EXPECT_EQ(sql_text(database_, "SELECT count(*) FROM items"), "2");
    ASSERT_TRUE(log_shows(log, "digests: 1 sent, 0 with nothing new, 0 not due, "
                               "0 waiting to retry, 0 being sent by another process, 0 failed"));
    EXPECT_EQ(eml_count(dir_.path() / "outbox"), 1);
    const auto status = notify_.wait_for("STATUS=1 källa, 0 fel, nästa utskick mån 07:00", 10s);
    EXPECT_TRUE(status);
    EXPECT_TRUE(notify_.wait_for("WATCHDOG=1", 5s));

    // A broken configuration is refused with its FILE:LINE:COL; the daemon
    // goes on with the one it has.
    dir_.write("omvarld.toml",
               config_with(source("a", server.url("/a.xml"), "interval = \"half an hour\"")));
    daemon.kill(SIGHUP);
    const auto reloading = notify_.wait_for("RELOADING=1", 10s);
    ASSERT_TRUE(reloading);
    EXPECT_NE(reloading->find("\nMONOTONIC_USEC="), std::string::npos) << *reloading;
    EXPECT_TRUE(notify_.wait_for("READY=1", 10s));
    EXPECT_TRUE(log_shows(log, config_.string() + ":13:12: interval: väntade en tidslängd som "
                                                  "\"30m\", fick \"half an hour\""));
    EXPECT_TRUE(log_shows(log, "reload: " + config_.string() +
                                   " not applied; still running with the configuration loaded "
                                   "before"));

    // The fixed one, with a second source, is applied and the new source
    // polled at once.
    dir_.write("omvarld.toml", config_with(source("a", server.url("/a.xml")) +
                                           source("b", server.url("/b.xml"))));
    daemon.kill(SIGHUP);
    ASSERT_TRUE(notify_.wait_for("RELOADING=1", 10s));
    EXPECT_TRUE(notify_.wait_for("READY=1", 10s));
    EXPECT_TRUE(log_shows(log, "reload: applied " + config_.string() +
                                   ": sources 2 (+1, -0), nämnder 1 (+0, -0), topics 0 (+0, -0)"));
    EXPECT_TRUE(was_requested(server, "/b.xml"));
    EXPECT_TRUE(log_shows(log, "poll: 1 källor, 1 ok (0 oförändrade, 0 inte ändrade enligt "
                               "servern), 0 misslyckades, 0 avstängda, 2 nya nyheter"));
    EXPECT_TRUE(notify_.wait_for("STATUS=2 källor, 0 fel, nästa utskick mån 07:00", 10s));

    const auto [took, wait_status] = stop(daemon);
    EXPECT_TRUE(notify_.wait_for("STOPPING=1", 1s));
    ASSERT_TRUE(WIFEXITED(wait_status));
    EXPECT_EQ(WEXITSTATUS(wait_status), 0);
    EXPECT_LT(took, 5s);
    std::cout << "[ shutdown ] stopped in " << took.count() << " ms\n";
    EXPECT_TRUE(log_shows(log, "stopped in "));
  }
  EXPECT_EQ(sql_text(database_, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(sql_text(database_, "SELECT count(*) FROM items"), "4");
  EXPECT_EQ(sql_text(database_, "SELECT count(*) - count(DISTINCT source_id || ' ' || link) "
                                "FROM items"),
            "0");

  // Started again: nothing is due, so nothing is polled or sent twice.
  ChildProcess again = start("again.log");
  ASSERT_TRUE(notify_.wait_for("READY=1", 10s));
  EXPECT_TRUE(log_shows(dir_.path() / "again.log", "retention: pruned 0 items"));
  const auto [took, wait_status] = stop(again);
  EXPECT_EQ(WEXITSTATUS(wait_status), 0);
  EXPECT_EQ(eml_count(dir_.path() / "outbox"), 1);
  EXPECT_EQ(sql_text(database_, "SELECT count(*) FROM items"), "4");
  EXPECT_EQ(omvarld::testing::read_whole_file(dir_.path() / "again.log").find("poll:"),
            std::string::npos);
}

// What check-config warns of is logged at start and after each reload,
// and the daemon runs on: warnings never stop it.
TEST_F(RunLifecycle, LogsTheConfigurationWarningsAtStartAndOnReload) {
  FaultHttpServer server({{"/a.xml", feed_route("a")}});
  dir_.write("omvarld.toml", config_with(source("a", server.url("/a.xml"))));
  const fs::path notes = dir_.write("conf.d/notes.txt", "# not configuration\n");
  const fs::path log = dir_.path() / "warn.log";
  ChildProcess daemon = start("warn.log");
  ASSERT_TRUE(daemon.started());
  ASSERT_TRUE(notify_.wait_for("READY=1", 10s));
  EXPECT_TRUE(log_shows(log, notes.string() + ": lästes inte: bara filer vars namn slutar på .toml"));

  dir_.write("omvarld.toml", config_with(source("a", server.url("/a.xml"))) +
                                 "query = 'förskola och skola'\n");
  daemon.kill(SIGHUP);
  ASSERT_TRUE(notify_.wait_for("RELOADING=1", 10s));
  EXPECT_TRUE(notify_.wait_for("READY=1", 10s));
  EXPECT_TRUE(log_shows(log, config_.string() + ":21:19: query: \"och\" söks som ett ord"));
  EXPECT_TRUE(log_shows(log, "reload: applied " + config_.string()));

  const auto [took, wait_status] = stop(daemon);
  ASSERT_TRUE(WIFEXITED(wait_status));
  EXPECT_EQ(WEXITSTATUS(wait_status), 0);
}

TEST_F(RunLifecycle, StopsWithinFiveSecondsWhileASourceStalls) {
  FaultRoute stall = feed_route("s");
  stall.mode = FaultRoute::Mode::kStall;
  FaultHttpServer server({{"/a.xml", feed_route("a")}, {"/stall.xml", stall}});
  dir_.write("omvarld.toml", config_with(source("a", server.url("/a.xml")) +
                                         source("s", server.url("/stall.xml"))));
  ChildProcess daemon = start("run.log");
  ASSERT_TRUE(notify_.wait_for("READY=1", 10s));
  ASSERT_TRUE(was_requested(server, "/stall.xml"));
  ASSERT_TRUE(log_shows(dir_.path() / "run.log", "a: 2 items, 2 new"));

  const auto [took, wait_status] = stop(daemon);
  EXPECT_TRUE(notify_.wait_for("STOPPING=1", 1s));
  ASSERT_TRUE(WIFEXITED(wait_status));
  EXPECT_EQ(WEXITSTATUS(wait_status), 0);
  EXPECT_LT(took, 5s);
  std::cout << "[ shutdown ] stopped during a stalled poll in " << took.count() << " ms\n";
  EXPECT_EQ(sql_text(database_, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(sql_text(database_, "SELECT count(*) FROM items"), "2");
}

TEST_F(RunLifecycle, RefusesToStartWithABrokenConfiguration) {
  dir_.write("omvarld.toml",
             config_with(source("a", "http://127.0.0.1:9/a.xml", "interval = \"half an hour\"")));
  const auto result =
      omvarld::testing::run_omvarld({"--config", config_.string(), "run"}, dir_.path());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find(config_.string() + ":13:12: interval: väntade en tidslängd som "
                                               "\"30m\", fick \"half an hour\""),
            std::string::npos)
      << result.err;
  EXPECT_FALSE(notify_.wait_for("READY=1", 200ms));
}

}  // namespace
}  // namespace omvarld::e2e
