// net/transfer.h
//
// One request as a libcurl easy handle: the single place where a handle is
// set up (protocols, redirects, timeouts, limits, TLS, validators, an API's
// method, headers and body) and where what curl reports is turned into a
// FetchOutcome. The fetch engine drives it; nothing else does. Internal to
// net/ (it names libcurl types).
//
// A Transfer is used by one thread at a time and must stay at its address
// while curl holds its handle (the callbacks point at it), hence unique_ptr.

#pragma once

#include <curl/curl.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "net/fetch_engine.h"

namespace omvarld::net {

class Transfer {
 public:
  // A transfer ready to be added to a multi handle, or, when no transfer is
  // to be made, the outcome itself: the failed one when the URL's scheme is
  // not allowed (not http, https, or file:// with allow_file_urls), the
  // method is neither GET nor POST, or curl cannot make a handle; and for
  // an allowed file:// URL, read_file_url's (file_url.h): curl never reads
  // a file. `options` is copied.
  static Result<std::unique_ptr<Transfer>, FetchOutcome> create(const FetchRequest& request,
                                                                 const EngineOptions& options);

  ~Transfer();
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;

  CURL* handle() const { return easy_; }

  // Starts the clock of FetchOutcome::elapsed; call when adding the handle.
  void mark_started() { started_ = std::chrono::steady_clock::now(); }

  // The outcome once curl reports the transfer done with `code`.
  FetchOutcome finish(CURLcode code);

 private:
  Transfer(const FetchRequest& request, const EngineOptions& options);
  bool configure();
  bool configure_post();  // method, body or multipart form of a POST over http(s)
  FetchOutcome outcome_base() const;

  static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* self);
  static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* self);
  static int on_progress(void* self, curl_off_t download_total, curl_off_t download_now,
                         curl_off_t upload_total, curl_off_t upload_now);
  void read_header_line(std::string_view line);
  bool accept_body(std::string_view data);
  long final_status() const;  // of the latest response; 0 before any

  FetchOutcome reported() const;  // what curl knows, as an outcome still marked failed
  FetchOutcome fail(FetchFailure failure, std::string detail) const;
  FetchOutcome fail_with_code(CURLcode code) const;
  FetchOutcome answer();
  std::string curl_detail(CURLcode code) const;
  std::string timeout_detail() const;

  FetchRequest request_;
  EngineOptions options_;
  CURL* easy_ = nullptr;
  curl_slist* request_headers_ = nullptr;
  curl_mime* form_ = nullptr;  // a POST's multipart body, owned
  char error_buffer_[CURL_ERROR_SIZE] = {};
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();

  // The answers seen so far: one status per response (1xx excluded), so
  // every one but the last is a followed redirect.
  std::vector<long> statuses_;
  // Headers of the latest response; reset at each status line.
  std::string reason_;
  std::string etag_;
  std::string last_modified_;
  std::string content_type_;
  std::string content_encoding_;
  std::string retry_after_;
  std::string date_;
  std::string location_;  // the latest Location seen, kept across responses

  std::string body_;
  std::uint64_t decoded_bytes_ = 0;
  bool too_large_ = false;
  bool decompresses_too_large_ = false;
  bool out_of_memory_ = false;
  bool error_page_dropped_ = false;  // the transfer stopped at a non-2xx answer's body
};

}  // namespace omvarld::net
