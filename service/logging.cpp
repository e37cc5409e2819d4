#include "service/logging.h"

#include <sys/stat.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <memory>
#include <string_view>

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "core/safe_text.h"

namespace omvarld::service {

namespace {

// '&' is the message made safe (SafeMessageFlag), in place of spdlog's %v.
constexpr const char* kTimeAndLevel = "%Y-%m-%d %H:%M:%S %^%-5l%$ %&";
constexpr const char* kJournal = "%*%&";

std::optional<std::string> environment_variable(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

// "DEVICE:INODE" as systemd.exec(5) documents $JOURNAL_STREAM.
std::optional<FileId> parse_file_id(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto parse = [](std::string_view digits) -> std::optional<std::uint64_t> {
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size()) {
      return std::nullopt;
    }
    return value;
  };
  const auto device = parse(text.substr(0, colon));
  const auto inode = parse(text.substr(colon + 1));
  if (!device || !inode) return std::nullopt;
  FileId id;
  id.device = *device;
  id.inode = *inode;
  return id;
}

// The priorities of syslog(3), which journald reads from a "<N>" prefix.
char syslog_priority(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::critical: return '2';
    case spdlog::level::err: return '3';
    case spdlog::level::warn: return '4';
    case spdlog::level::info: return '6';
    default: return '7';
  }
}

class SyslogPriorityFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& message, const std::tm&,
              spdlog::memory_buf_t& out) override {
    const char prefix[] = {'<', syslog_priority(message.level), '>'};
    out.append(prefix, prefix + sizeof prefix);
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<SyslogPriorityFlag>();
  }
};

// The message as core::safe_text leaves it, on one line: log lines quote
// feeds and servers, and neither a terminal nor the journal may take an
// escape sequence or a line break (a new journal entry, with a priority of
// its own) from them.
class SafeMessageFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& message, const std::tm&,
              spdlog::memory_buf_t& out) override {
    std::string text = core::safe_text(std::string_view(message.payload.data(), message.payload.size()));
    for (char& c : text) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    out.append(text.data(), text.data() + text.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<SafeMessageFlag>();
  }
};

std::unique_ptr<spdlog::formatter> make_formatter(const char* pattern) {
  auto formatter = std::make_unique<spdlog::pattern_formatter>();
  formatter->add_flag<SyslogPriorityFlag>('*');
  formatter->add_flag<SafeMessageFlag>('&').set_pattern(pattern);
  return formatter;
}

spdlog::sink_ptr make_sink(LogFormat format) {
  if (format == LogFormat::kTerminal) {
    auto sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    sink->set_formatter(make_formatter(kTimeAndLevel));
    return sink;
  }
  auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  sink->set_formatter(make_formatter(format == LogFormat::kJournal ? kJournal : kTimeAndLevel));
  return sink;
}

}  // namespace

LogEnvironment current_log_environment() {
  LogEnvironment environment;
  environment.journal_stream = environment_variable("JOURNAL_STREAM");
  environment.invocation_id = environment_variable("INVOCATION_ID");
  struct stat status {};
  if (fstat(STDERR_FILENO, &status) == 0) {
    FileId id;
    id.device = static_cast<std::uint64_t>(status.st_dev);
    id.inode = static_cast<std::uint64_t>(status.st_ino);
    environment.stderr_file = id;
  }
  environment.stderr_is_terminal = isatty(STDERR_FILENO) == 1;
  return environment;
}

LogFormat choose_log_format(const LogEnvironment& environment) {
  if (environment.journal_stream) {
    const auto journal = parse_file_id(*environment.journal_stream);
    if (journal && environment.stderr_file && journal->device == environment.stderr_file->device &&
        journal->inode == environment.stderr_file->inode) {
      return LogFormat::kJournal;
    }
  } else if (environment.invocation_id && !environment.stderr_is_terminal) {
    return LogFormat::kJournal;
  }
  return environment.stderr_is_terminal ? LogFormat::kTerminal : LogFormat::kPlain;
}

void setup_logging(Verbosity verbosity, LogFormat format) {
  auto logger = std::make_shared<spdlog::logger>("omvarld", make_sink(format));
  switch (verbosity) {
    case Verbosity::kQuiet: logger->set_level(spdlog::level::warn); break;
    case Verbosity::kNormal: logger->set_level(spdlog::level::info); break;
    case Verbosity::kVerbose: logger->set_level(spdlog::level::debug); break;
  }
  spdlog::set_default_logger(std::move(logger));
}

void setup_logging(Verbosity verbosity) {
  setup_logging(verbosity, choose_log_format(current_log_environment()));
}

}  // namespace omvarld::service
