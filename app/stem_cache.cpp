// app/stem_cache.cpp

#include "app/stem_cache.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/safe_text.h"

namespace omvarld::app {
namespace {

constexpr std::string_view kHeader = "omvarld stem cache 1";
constexpr std::string_view kDictionaries = "dictionaries ";

// A word or base form as the file may hold it: short, on one line, without
// tabs, and shown as it is (core/safe_text.h).
bool is_storable(std::string_view word) {
  return !word.empty() && word.size() <= kMaxStemCacheWordBytes &&
         word.find('\t') == std::string_view::npos && core::safe_log_text(word) == word;
}

bool is_storable(const std::string& word, const std::vector<std::string>& lemmas) {
  if (!is_storable(word) || lemmas.size() > kMaxStemCacheLemmas) return false;
  for (const std::string& lemma : lemmas) {
    if (!is_storable(lemma)) return false;
  }
  return true;
}

Error malformed(std::size_t line, std::string_view problem) {
  return Error{Errc::kStorage, fmt::format("line {}: {}", line, problem), std::nullopt};
}

}  // namespace

std::filesystem::path stem_cache_path(const std::filesystem::path& database) {
  return database.parent_path() / kStemCacheFile;
}

std::string dictionary_identity(std::span<const std::filesystem::path> files) {
  // The answers kept are the lemmatizer's after its own rules: a change of
  // those makes the file stale as a new dictionary does.
  std::string identity = fmt::format("rules {} {}", filters::kMaxChangedEnd, filters::kMaxEnding);
  for (const std::filesystem::path& file : files) {
    std::error_code error;
    const auto size = std::filesystem::file_size(file, error);
    if (error) return {};
    const auto modified = std::filesystem::last_write_time(file, error);
    if (error) return {};
    identity += fmt::format(" {} {} {}", file.string(), size, modified.time_since_epoch().count());
  }
  // The identity is a line of the file: a path that would break it opts out.
  if (identity.find_first_of("\t\n") != std::string::npos || core::safe_log_text(identity) != identity) return {};
  return identity;
}

filters::Lemmatizer::Answers compiled_answers(const filters::Matcher& matcher,
                                              const filters::Lemmatizer& lemmatizer) {
  filters::Lemmatizer::Answers answers;
  for (std::string& word : matcher.inflected_words()) {
    std::vector<std::string> lemmas = lemmatizer.lemmas(word);
    answers.emplace_back(std::move(word), std::move(lemmas));
  }
  return answers;
}

std::string format_stem_cache(std::string_view identity, const filters::Lemmatizer::Answers& answers) {
  std::string text = fmt::format("{}\n{}{}\n", kHeader, kDictionaries, identity);
  std::size_t written = 0;
  for (const auto& [word, lemmas] : answers) {
    if (written == kMaxStemCacheWords) break;
    if (!is_storable(word, lemmas)) continue;
    text += word;
    for (const std::string& lemma : lemmas) {
      text += '\t';
      text += lemma;
    }
    text += '\n';
    ++written;
  }
  return text;
}

Result<std::optional<filters::Lemmatizer::Answers>> parse_stem_cache(std::string_view text,
                                                                     std::string_view identity) {
  if (text.size() > kMaxStemCacheBytes) {
    return unexpected<Error>(malformed(1, fmt::format("larger than {} bytes", kMaxStemCacheBytes)));
  }
  if (!text.empty() && text.back() != '\n') return unexpected<Error>(malformed(1, "cut short (no final line feed)"));
  filters::Lemmatizer::Answers answers;
  std::size_t line_number = 0;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = text.find('\n', at);
    const std::string_view line = text.substr(at, end - at);
    at = end + 1;
    ++line_number;
    if (line_number == 1) {
      if (line != kHeader) return unexpected<Error>(malformed(1, "not an omvarld stem cache"));
      continue;
    }
    if (line_number == 2) {
      if (!line.starts_with(kDictionaries)) return unexpected<Error>(malformed(2, "no dictionaries line"));
      if (line.substr(kDictionaries.size()) != identity) return std::optional<filters::Lemmatizer::Answers>();
      continue;
    }
    if (answers.size() == kMaxStemCacheWords) {
      return unexpected<Error>(malformed(line_number, fmt::format("more than {} words", kMaxStemCacheWords)));
    }
    // word TAB base form TAB base form …
    const std::size_t first_tab = std::min(line.find('\t'), line.size());
    std::string word(line.substr(0, first_tab));
    std::vector<std::string> lemmas;
    for (std::size_t field = first_tab + 1; field <= line.size() && lemmas.size() <= kMaxStemCacheLemmas;) {
      const std::size_t tab = std::min(line.find('\t', field), line.size());
      lemmas.emplace_back(line.substr(field, tab - field));
      field = tab + 1;
    }
    if (!is_storable(word, lemmas)) {
      return unexpected<Error>(malformed(line_number, "not a word and its base forms"));
    }
    answers.emplace_back(std::move(word), std::move(lemmas));
  }
  if (line_number < 2) return unexpected<Error>(malformed(line_number + 1, "no dictionaries line"));
  return std::optional<filters::Lemmatizer::Answers>(std::move(answers));
}

filters::Lemmatizer::Answers load_stem_cache(const filters::Lemmatizer& lemmatizer,
                                             const std::filesystem::path& path, std::string_view identity) {
  if (identity.empty()) return {};
  // Not following a link, and not waiting on a FIFO or a device: opened
  // without blocking, then checked to be a regular file.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    if (errno != ENOENT) {
      spdlog::warn("{}: {}; the filters are compiled without it", path.string(), std::strerror(errno));
    }
    return {};
  }
  struct stat status {};
  if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
    ::close(fd);
    spdlog::warn("{}: not a regular file; the filters are compiled without it", path.string());
    return {};
  }
  // One byte past the limit shows a file over it.
  std::string text(std::min<std::size_t>(static_cast<std::size_t>(status.st_size), kMaxStemCacheBytes) + 1, '\0');
  std::size_t read = 0;
  while (read < text.size()) {
    const ssize_t n = ::read(fd, text.data() + read, text.size() - read);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const std::string reason = std::strerror(errno);
      ::close(fd);
      spdlog::warn("{}: {}; the filters are compiled without it", path.string(), reason);
      return {};
    }
    if (n == 0) break;
    read += static_cast<std::size_t>(n);
  }
  ::close(fd);
  text.resize(read);
  auto parsed = parse_stem_cache(text, identity);
  if (!parsed) {
    spdlog::warn("{}: {}; not used, and made again after this compile", path.string(), parsed.error().message);
    return {};
  }
  if (!*parsed) return {};  // made with other dictionaries or rules: made again
  lemmatizer.learn(**parsed);
  return std::move(**parsed);
}

Result<void> save_stem_cache(const filters::Lemmatizer::Answers& answers, const std::filesystem::path& path,
                             std::string_view identity) {
  if (identity.empty()) return {};
  const std::string text = format_stem_cache(identity, answers);
  std::string temporary = path.string() + ".XXXXXX";
  const int fd = ::mkstemp(temporary.data());
  if (fd < 0) {
    return fail(Errc::kStorage, fmt::format("{}: {}", temporary, std::strerror(errno)));
  }
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string reason = std::strerror(errno);
      ::close(fd);
      ::unlink(temporary.c_str());
      return fail(Errc::kStorage, fmt::format("{}: {}", temporary, reason));
    }
    written += static_cast<std::size_t>(n);
  }
  // On disk before the rename, so that a power loss leaves the old file or
  // the whole new one; a torn one would only be made again (load_stem_cache).
  const bool synced = ::fsync(fd) == 0;
  const int sync_error = errno;
  if (::close(fd) != 0 || !synced || ::rename(temporary.c_str(), path.c_str()) != 0) {
    if (!synced) errno = sync_error;
    const std::string reason = std::strerror(errno);
    ::unlink(temporary.c_str());
    return fail(Errc::kStorage, fmt::format("{}: {}", path.string(), reason));
  }
  return {};
}

}  // namespace omvarld::app
