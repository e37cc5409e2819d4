#include "net/mailbox.h"

#include <algorithm>
#include <cstdlib>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include <curl/curl.h>

#include "core/ascii.h"

namespace omvarld::net {

namespace {

namespace fs = std::filesystem;

struct CurlDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};

// The path of a file:// URL, its %XX escapes (config::file_url writes
// them for spaces, "%", "#" and "?") decoded.
std::string file_path(std::string_view url) {
  std::string_view rest = url.substr(std::strlen("file://"));
  std::string path;
  for (std::size_t at = 0; at < rest.size(); ++at) {
    if (rest[at] == '%' && at + 2 < rest.size()) {
      const std::string hex(rest.substr(at + 1, 2));
      char* end = nullptr;
      const long byte = std::strtol(hex.c_str(), &end, 16);
      if (end == hex.c_str() + 2) {
        path += static_cast<char>(byte);
        at += 2;
        continue;
      }
    }
    path += rest[at];
  }
  return path;
}

// Each response line libcurl reads from the server, as it came: libcurl
// hands every line of an IMAP exchange to the header callback, and that is
// the only place the literal of a custom FETCH arrives (see fetch()).
size_t append_lines(char* data, size_t size, size_t count, void* into) noexcept {
  try {
    static_cast<std::string*>(into)->append(data, size * count);
    return size * count;
  } catch (...) {
    return 0;  // out of memory: libcurl ends the transfer with a write error
  }
}

// "* 3 FETCH (UID 7 BODY[] {1234}\r\n" followed by the 1234 bytes of the
// message (RFC 3501, 7.4.2: a literal). nullopt when the answer has no
// BODY[] literal or it is cut short.
std::optional<std::string> fetched_literal(const std::string& lines) {
  for (std::size_t at = lines.find("* "); at != std::string::npos;
       at = lines.find("\n* ", at + 1)) {
    const std::size_t line_end = lines.find('\n', at + 1);
    if (line_end == std::string::npos) return std::nullopt;
    const std::string_view line(lines.data() + at, line_end - at);
    const std::size_t body = line.find("BODY[] {");
    if (line.find(" FETCH (") == std::string_view::npos || body == std::string_view::npos) continue;
    const std::size_t size = std::strtoull(line.data() + body + 8, nullptr, 10);
    if (lines.size() - (line_end + 1) < size) return std::nullopt;
    return lines.substr(line_end + 1, size);
  }
  return std::nullopt;
}

// The UIDs of "* SEARCH 3 7 12" (RFC 3501, 7.2.5), in ascending order.
std::vector<std::string> searched_uids(const std::string& answer) {
  std::vector<unsigned long> numbers;
  for (std::size_t at = answer.find("* SEARCH"); at != std::string::npos;
       at = answer.find("* SEARCH", at + 1)) {
    const std::size_t end = answer.find('\n', at);
    std::string_view rest(answer.data() + at + 8,
                          (end == std::string::npos ? answer.size() : end) - at - 8);
    while (!rest.empty()) {
      char* next = nullptr;
      const std::string word(rest.substr(0, rest.find(' ', 1)));
      const unsigned long uid = std::strtoul(word.c_str(), &next, 10);
      if (next != word.c_str() && uid > 0) numbers.push_back(uid);
      const std::size_t space = rest.find(' ', 1);
      rest = space == std::string_view::npos ? std::string_view() : rest.substr(space);
    }
  }
  std::sort(numbers.begin(), numbers.end());
  numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
  std::vector<std::string> uids;
  for (unsigned long uid : numbers) uids.push_back(std::to_string(uid));
  return uids;
}

std::string joined(std::span<const std::string> uids) {
  std::string set;
  for (const std::string& uid : uids) set += (set.empty() ? "" : ",") + uid;
  return set;
}

}  // namespace

struct Mailbox::Session {
  MailboxOptions options;
  std::string password;
  bool directory = false;
  std::unique_ptr<CURL, CurlDeleter> curl;

  Result<UnseenMessages> read_directory() const;
  // Runs `command` in the folder; `body` gets the untagged answers, `lines`
  // every line of the exchange.
  Result<void> run(const std::string& command, std::string& body, std::string& lines);
  Result<std::optional<std::string>> fetch(const std::string& uid, UnseenMessages& read);
  Error failure(CURLcode code, const char* error_buffer, const std::string& command) const;
};

Result<Mailbox> Mailbox::open(MailboxOptions options) {
  auto session = std::make_unique<Session>();
  const std::string& url = options.url;
  if (core::starts_with_ascii_nocase(url, "file://")) {
    if (!options.allow_file_urls) {
      return fail(Errc::kFetchFailed, url + ": file:// URLs need allow_file_urls = true");
    }
    session->directory = true;
  } else if (core::starts_with_ascii_nocase(url, "imap://") || core::starts_with_ascii_nocase(url, "imaps://")) {
    auto password = options.read_password ? options.read_password() : Result<std::string>();
    if (!password) return fail(Errc::kFetchFailed, password.error().message);
    session->password = std::move(*password);
  } else {
    return fail(Errc::kFetchFailed, url + ": expected an imap://, imaps:// or file:// URL");
  }
  session->options = std::move(options);
  session->options.read_password = nullptr;  // asked once; what it refers to need not outlive open()
  return Mailbox(std::move(session));
}

Mailbox::Mailbox(std::unique_ptr<Session> session) : session_(std::move(session)) {}
Mailbox::Mailbox(Mailbox&&) noexcept = default;
Mailbox& Mailbox::operator=(Mailbox&&) noexcept = default;
Mailbox::~Mailbox() = default;

Result<UnseenMessages> Mailbox::read_unseen() {
  if (session_->directory) return session_->read_directory();
  std::string body;
  std::string lines;
  if (auto searched = session_->run("UID SEARCH UNSEEN", body, lines); !searched) {
    return unexpected<Error>(searched.error());
  }
  UnseenMessages read;
  for (const std::string& uid : searched_uids(body)) {
    auto message = session_->fetch(uid, read);
    if (!message) return unexpected<Error>(message.error());
    if (*message) read.messages.push_back({uid, std::move(**message)});
  }
  return read;
}

Result<void> Mailbox::mark_seen(std::span<const std::string> uids) {
  if (session_->directory || uids.empty()) return {};
  std::string body;
  std::string lines;
  return session_->run("UID STORE " + joined(uids) + " +FLAGS.SILENT (\\Seen)", body, lines);
}

Result<UnseenMessages> Mailbox::Session::read_directory() const {
  const fs::path dir = file_path(options.url);
  std::error_code error;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    if (it->is_regular_file() && it->path().extension() == ".eml") files.push_back(it->path());
  }
  if (error) {
    return fail(Errc::kFetchFailed, options.url + ": cannot read the directory: " + error.message());
  }
  std::sort(files.begin(), files.end());
  UnseenMessages read;
  for (const fs::path& file : files) {
    if (fs::file_size(file, error) > options.max_message_bytes) {
      read.skipped.push_back(file.filename().string() + ": over the " +
                             std::to_string(options.max_message_bytes) + " byte limit");
      continue;
    }
    std::ifstream in(file, std::ios::binary);
    std::string raw{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (!in && !in.eof()) {
      return fail(Errc::kFetchFailed, options.url + ": cannot read " + file.filename().string());
    }
    read.messages.push_back({file.filename().string(), std::move(raw)});
  }
  return read;
}

Result<void> Mailbox::Session::run(const std::string& command, std::string& body,
                                   std::string& lines) {
  if (!curl) {
    curl.reset(curl_easy_init());
    if (!curl) return fail(Errc::kFetchFailed, options.url + ": cannot start libcurl");
  }
  CURL* handle = curl.get();
  char error_buffer[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(handle, CURLOPT_URL, options.url.c_str());
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "imap,imaps");
  curl_easy_setopt(handle, CURLOPT_USERNAME, options.username.c_str());
  curl_easy_setopt(handle, CURLOPT_PASSWORD, password.c_str());
  // imap:// upgrades with STARTTLS when the server offers it; imaps:// is
  // TLS from the start. Either way the certificate is verified.
  curl_easy_setopt(handle, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!options.ca_file.empty()) curl_easy_setopt(handle, CURLOPT_CAINFO, options.ca_file.c_str());
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, static_cast<long>(options.connect_timeout.count()));
  curl_easy_setopt(handle, CURLOPT_TIMEOUT, static_cast<long>(options.total_timeout.count()));
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  // libcurl reads IMAP answers line by line into this buffer; a message
  // line longer than it would be cut, so take the largest it allows.
  curl_easy_setopt(handle, CURLOPT_BUFFERSIZE, static_cast<long>(CURL_MAX_READ_SIZE));
  curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, command.c_str());
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &append_lines);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, &append_lines);
  curl_easy_setopt(handle, CURLOPT_HEADERDATA, &lines);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer);
  const CURLcode code = curl_easy_perform(handle);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, nullptr);
  if (code != CURLE_OK) return unexpected<Error>(failure(code, error_buffer, command));
  return {};
}

// libcurl 7.88 gives a custom FETCH only the first line of the answer as
// data (curl issue #1150; its own FETCH would use BODY[], which marks the
// message \Seen), so the literal is taken from the response lines. Its size
// is checked before the bytes are kept.
Result<std::optional<std::string>> Mailbox::Session::fetch(const std::string& uid,
                                                          UnseenMessages& read) {
  std::string size_body;
  std::string size_lines;
  if (auto sized = run("UID FETCH " + uid + " (RFC822.SIZE)", size_body, size_lines); !sized) {
    return unexpected<Error>(sized.error());
  }
  const std::size_t at = size_body.find("RFC822.SIZE ");
  const std::size_t size = at == std::string::npos ? 0 : std::strtoull(size_body.c_str() + at + 12, nullptr, 10);
  if (size > options.max_message_bytes) {
    read.skipped.push_back("UID " + uid + ": " + std::to_string(size) + " bytes, over the " +
                           std::to_string(options.max_message_bytes) + " byte limit");
    return std::optional<std::string>();
  }
  std::string body;
  std::string lines;
  if (auto fetched = run("UID FETCH " + uid + " BODY.PEEK[]", body, lines); !fetched) {
    return unexpected<Error>(fetched.error());
  }
  auto literal = fetched_literal(lines);
  if (!literal) {
    return fail(Errc::kFetchFailed, options.url + ": UID " + uid + ": the server's answer held no "
                                                                    "message");
  }
  return std::optional<std::string>(std::move(*literal));
}

Error Mailbox::Session::failure(CURLcode code, const char* error_buffer,
                                const std::string& command) const {
  std::string what;
  switch (code) {
    case CURLE_LOGIN_DENIED:
      // libcurl also says "login denied" when SELECT fails: a missing folder.
      what = std::strstr(error_buffer, "Select") != nullptr
                 ? "the folder cannot be opened (does it exist?)"
                 : "login denied for \"" + options.username + "\" (check username and password_file)";
      break;
    case CURLE_COULDNT_RESOLVE_HOST: what = "cannot resolve the host"; break;
    case CURLE_COULDNT_CONNECT: what = "cannot connect"; break;
    case CURLE_OPERATION_TIMEDOUT: what = "timed out"; break;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_USE_SSL_FAILED:
      what = "TLS";
      break;
    case CURLE_QUOTE_ERROR: what = "the server refused " + command; break;
    default: what = curl_easy_strerror(code); break;
  }
  if (error_buffer[0] != '\0' && code != CURLE_LOGIN_DENIED) what += ": " + std::string(error_buffer);
  return Error{Errc::kFetchFailed, options.url + ": " + what, std::nullopt};
}

}  // namespace omvarld::net
