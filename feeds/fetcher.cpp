// fetch: one blocking request through libcurl's easy interface.
// TODO(#4): the libcurl multi engine on Asio replaces this for the daemon.

#include "feeds/fetcher.h"

#include <curl/curl.h>

#include <memory>

namespace omvarld::feeds {
namespace {

struct CurlDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;

struct Download {
  std::string body;
  std::size_t limit = 0;
  bool too_large = false;
  bool failed = false;  // an exception was caught in the callback
};

// libcurl's write callback: a C frame, so nothing may be thrown through it.
// Returning less than `size * count` makes curl abort with CURLE_WRITE_ERROR.
extern "C" std::size_t write_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* download = static_cast<Download*>(user);
  const std::size_t bytes = size * count;
  try {
    if (download->body.size() + bytes > download->limit) {
      download->too_large = true;
      return 0;
    }
    download->body.append(data, bytes);
    return bytes;
  } catch (...) {
    download->failed = true;
    return 0;
  }
}

std::string scheme_of(const std::string& url) {
  const auto colon = url.find(':');
  if (colon == std::string::npos) return {};
  std::string scheme = url.substr(0, colon);
  for (char& c : scheme) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return scheme;
}

}  // namespace

Result<FetchResult> fetch(const std::string& url, const FetchOptions& options) {
  const std::string context = "fetch " + url + ": ";
  const std::string scheme = scheme_of(url);
  if (scheme == "file" && !options.allow_file_urls) {
    return fail(Errc::kFetchFailed, context + "file:// URLs are not allowed (set allow_file_urls)");
  }
  if (scheme.empty()) return fail(Errc::kFetchFailed, context + "not a URL (no scheme)");
  if (scheme != "http" && scheme != "https" && scheme != "file") {
    return fail(Errc::kFetchFailed, context + "scheme \"" + scheme + "\" is not allowed (http, https)");
  }

  CurlHandle curl(curl_easy_init());
  if (!curl) return fail(Errc::kFetchFailed, context + "could not create a curl handle");
  CURL* handle = curl.get();
  Download download;
  download.limit = options.max_body_bytes;
  char error_buffer[CURL_ERROR_SIZE] = {};

  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, options.allow_file_urls ? "http,https,file" : "http,https");
  // A redirect never leads to a file, whatever the options say.
  curl_easy_setopt(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(handle, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, static_cast<long>(options.connect_timeout.count()));
  curl_easy_setopt(handle, CURLOPT_TIMEOUT, static_cast<long>(options.total_timeout.count()));
  // A server that stalls below 1 byte/s for 30 s is gone.
  curl_easy_setopt(handle, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(handle, CURLOPT_LOW_SPEED_TIME, 30L);
  curl_easy_setopt(handle, CURLOPT_ACCEPT_ENCODING, "");  // every encoding curl can decode
  curl_easy_setopt(handle, CURLOPT_USERAGENT, options.user_agent.c_str());
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);  // we run on the caller's thread
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!options.ca_file.empty()) curl_easy_setopt(handle, CURLOPT_CAINFO, options.ca_file.c_str());
  curl_easy_setopt(handle, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_body_bytes));
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, write_body);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &download);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer);

  const CURLcode code = curl_easy_perform(handle);
  const std::string too_large = "response larger than " + std::to_string(options.max_body_bytes) + " bytes";
  if (download.too_large || code == CURLE_FILESIZE_EXCEEDED) {
    return fail(Errc::kFetchFailed, context + too_large);
  }
  if (download.failed) return fail(Errc::kFetchFailed, context + "out of memory while downloading");
  if (code != CURLE_OK) {
    const std::string detail = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
    return fail(Errc::kFetchFailed, context + detail);
  }

  FetchResult result;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &result.http_status);
  if (scheme != "file" && (result.http_status < 200 || result.http_status > 299)) {
    return fail(Errc::kHttpStatus, context + "HTTP " + std::to_string(result.http_status));
  }
  const char* content_type = nullptr;
  curl_easy_getinfo(handle, CURLINFO_CONTENT_TYPE, &content_type);
  if (content_type != nullptr) result.content_type = content_type;
  const char* effective_url = nullptr;
  curl_easy_getinfo(handle, CURLINFO_EFFECTIVE_URL, &effective_url);
  result.effective_url = effective_url != nullptr ? effective_url : url;
  result.body = std::move(download.body);
  return result;
}

}  // namespace omvarld::feeds
