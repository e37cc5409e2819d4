#include "net/transfer.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <utility>

#include "core/ascii.h"
#include "core/dates.h"
#include "net/file_url.h"
#include "net/http_headers.h"

namespace omvarld::net {
namespace {

// A chain longer than this is a loop or a misconfigured site.
constexpr long kMaxRedirects = 5;

// What an aggregator should ask for: feeds first, anything else last (some
// servers answer */* alone with an HTML page).
constexpr const char* kAccept =
    "Accept: application/rss+xml, application/atom+xml, application/rdf+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8";

std::string scheme_of(std::string_view url) {
  const auto colon = url.find(':');
  if (colon == std::string_view::npos || url.substr(0, colon).find('/') != std::string_view::npos) return {};
  return core::lowercase_ascii(url.substr(0, colon));
}

bool is_tls_failure(CURLcode code) {
  switch (code) {
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_USE_SSL_FAILED:
    case CURLE_SSL_CLIENTCERT:
      return true;
    default:
      return false;
  }
}

bool is_permanent_redirect(long status) { return status == 301 || status == 308; }

// 0: no status line yet, so nothing to refuse.
bool is_success(long status) { return status == 0 || (status >= 200 && status < 300); }

std::string seconds_text(std::chrono::seconds seconds) { return std::to_string(seconds.count()) + " s"; }

}  // namespace

Result<std::unique_ptr<Transfer>, FetchOutcome> Transfer::create(const FetchRequest& request,
                                                                 const EngineOptions& options) {
  auto refuse = [&](std::string detail) {
    FetchOutcome outcome;
    outcome.key = request.key;
    outcome.url = request.url;
    outcome.status = FetchStatus::kFailed;
    outcome.failure = FetchFailure::kSchemeNotAllowed;
    outcome.error = request.url + ": " + std::move(detail);
    return unexpected<FetchOutcome>(std::move(outcome));
  };
  const std::string scheme = scheme_of(request.url);
  if (scheme.empty()) return refuse("not a URL (no scheme)");
  if (scheme == "file" && !options.fetch.allow_file_urls) {
    return refuse("file:// URLs are not allowed (set allow_file_urls = true in [daemon])");
  }
  if (scheme != "http" && scheme != "https" && scheme != "file") {
    return refuse("scheme \"" + scheme + "\" is not allowed (only " +
                  (options.fetch.allow_file_urls ? "http, https and file)" : "http and https)"));
  }
  if (request.method != "GET" && request.method != "POST") {
    FetchOutcome outcome;
    outcome.key = request.key;
    outcome.url = request.url;
    outcome.failure = FetchFailure::kOther;
    outcome.error = request.url + ": method \"" + request.method + "\" is not supported (GET or POST)";
    return unexpected<FetchOutcome>(std::move(outcome));
  }
  // Files are read here, never by curl (file_url.h says why).
  if (scheme == "file") return unexpected<FetchOutcome>(read_file_url(request, options));
  std::unique_ptr<Transfer> transfer(new Transfer(request, options));
  if (!transfer->configure()) {
    FetchOutcome outcome = transfer->outcome_base();
    outcome.failure = FetchFailure::kOther;
    outcome.error = request.url + ": could not set up a curl handle";
    return unexpected<FetchOutcome>(std::move(outcome));
  }
  return transfer;
}

Transfer::Transfer(const FetchRequest& request, const EngineOptions& options)
    : request_(request), options_(options), easy_(curl_easy_init()) {}

Transfer::~Transfer() {
  if (easy_ != nullptr) curl_easy_cleanup(easy_);
  curl_mime_free(form_);  // after the handle that uses it
  curl_slist_free_all(request_headers_);
}

// A multipart form when there is one, else the raw body (curl copies it).
bool Transfer::configure_post() {
  CURL* h = easy_;
  if (!request_.form.empty()) {
    form_ = curl_mime_init(h);
    if (form_ == nullptr) return false;
    for (std::size_t index = 0; index < request_.form.size(); ++index) {
      const auto& [name, value] = request_.form[index];
      curl_mimepart* part = curl_mime_addpart(form_);
      if (part == nullptr || curl_mime_name(part, name.c_str()) != CURLE_OK ||
          curl_mime_data(part, value.data(), value.size()) != CURLE_OK) {
        return false;
      }
      const bool typed = index < request_.form_types.size() && !request_.form_types[index].empty();
      if (typed && curl_mime_type(part, request_.form_types[index].c_str()) != CURLE_OK) return false;
    }
    return curl_easy_setopt(h, CURLOPT_MIMEPOST, form_) == CURLE_OK;
  }
  bool ok = curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
                             static_cast<curl_off_t>(request_.body.size())) == CURLE_OK;
  return ok && curl_easy_setopt(h, CURLOPT_COPYPOSTFIELDS, request_.body.c_str()) == CURLE_OK;
}

bool Transfer::configure() {
  if (easy_ == nullptr) return false;
  CURL* h = easy_;
  const FetchOptions& fetch = options_.fetch;
  bool ok = curl_easy_setopt(h, CURLOPT_URL, request_.url.c_str()) == CURLE_OK;
  // curl never reads a file: file:// URLs are read by read_file_url, and a
  // redirect never leads to a file, whatever the options say: a feed on
  // the internet must not be able to make the daemon read local files.
  ok = ok && curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK;
  ok = ok && curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") == CURLE_OK;
  ok = ok && curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L) == CURLE_OK;
  ok = ok && curl_easy_setopt(h, CURLOPT_MAXREDIRS, kMaxRedirects) == CURLE_OK;
  ok = ok && curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                              static_cast<long>(fetch.connect_timeout.count() * 1000)) == CURLE_OK;
  ok = ok && curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(fetch.total_timeout.count() * 1000)) ==
                 CURLE_OK;
  ok = ok && curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, options_.low_speed_bytes_per_second) == CURLE_OK;
  ok = ok && curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options_.low_speed_time.count())) ==
                 CURLE_OK;
  ok = ok && curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "") == CURLE_OK;  // all curl can decode
  ok = ok && curl_easy_setopt(h, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS)) == CURLE_OK;
  ok = ok && curl_easy_setopt(h, CURLOPT_USERAGENT, fetch.user_agent.c_str()) == CURLE_OK;
  ok = ok && curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L) == CURLE_OK;
  ok = ok && curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L) == CURLE_OK;
  ok = ok && curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L) == CURLE_OK;
  if (!fetch.ca_file.empty()) ok = ok && curl_easy_setopt(h, CURLOPT_CAINFO, fetch.ca_file.c_str()) == CURLE_OK;
  // An announced Content-Length over the limit fails before the body comes;
  // on_body and on_progress enforce the limit on everything else.
  ok = ok && curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(fetch.max_body_bytes)) ==
                 CURLE_OK;
  ok = ok && curl_easy_setopt(h, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L) == CURLE_OK;
  ok = ok && curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &Transfer::on_header) == CURLE_OK;
  ok = ok && curl_easy_setopt(h, CURLOPT_HEADERDATA, this) == CURLE_OK;
  ok = ok && curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &Transfer::on_body) == CURLE_OK;
  ok = ok && curl_easy_setopt(h, CURLOPT_WRITEDATA, this) == CURLE_OK;
  ok = ok && curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L) == CURLE_OK;
  ok = ok && curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, &Transfer::on_progress) == CURLE_OK;
  ok = ok && curl_easy_setopt(h, CURLOPT_XFERINFODATA, this) == CURLE_OK;
  ok = ok && curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer_) == CURLE_OK;
  ok = ok && curl_easy_setopt(h, CURLOPT_PRIVATE, this) == CURLE_OK;

  const bool post = request_.method == "POST";
  if (post) ok = ok && configure_post();

  // The caller's headers (an API's key, its own Accept) come after ours and
  // replace ours of the same name.
  const auto caller_sets = [this](std::string_view name) {
    return std::any_of(request_.headers.begin(), request_.headers.end(), [name](const std::string& header) {
      return core::lowercase_ascii(header.substr(0, header.find(':'))) == name;
    });
  };
  std::vector<std::string> headers;
  if (!caller_sets("accept")) headers.push_back(kAccept);
  // Validators make sense for a GET only: a POST asks a new question each time.
  if (!post && !request_.etag.empty()) headers.push_back("If-None-Match: " + request_.etag);
  if (!post && !request_.last_modified.empty()) {
    headers.push_back("If-Modified-Since: " + request_.last_modified);
  }
  if (post) {
    // No "Expect: 100-continue" round trip: many APIs do not answer it.
    headers.push_back("Expect:");
    if (request_.form.empty() && !request_.body_type.empty() && !caller_sets("content-type")) {
      headers.push_back("Content-Type: " + request_.body_type);
    }
  }
  headers.insert(headers.end(), request_.headers.begin(), request_.headers.end());
  for (const std::string& header : headers) {
    curl_slist* appended = curl_slist_append(request_headers_, header.c_str());
    if (appended == nullptr) return false;
    request_headers_ = appended;
  }
  return ok && curl_easy_setopt(h, CURLOPT_HTTPHEADER, request_headers_) == CURLE_OK;
}

// libcurl's callbacks are C frames: nothing may be thrown through them.
std::size_t Transfer::on_header(char* data, std::size_t size, std::size_t count, void* self) {
  auto* transfer = static_cast<Transfer*>(self);
  try {
    transfer->read_header_line(std::string_view(data, size * count));
    return size * count;
  } catch (...) {
    transfer->out_of_memory_ = true;
    return 0;
  }
}

std::size_t Transfer::on_body(char* data, std::size_t size, std::size_t count, void* self) {
  auto* transfer = static_cast<Transfer*>(self);
  try {
    return transfer->accept_body(std::string_view(data, size * count)) ? size * count : 0;
  } catch (...) {
    transfer->out_of_memory_ = true;
    return 0;
  }
}

// Called as bytes arrive, before they are decoded: `download_now` counts the
// body as it comes over the wire.
int Transfer::on_progress(void* self, curl_off_t, curl_off_t download_now, curl_off_t, curl_off_t) {
  auto* transfer = static_cast<Transfer*>(self);
  if (download_now > static_cast<curl_off_t>(transfer->options_.fetch.max_body_bytes)) {
    transfer->too_large_ = true;
    return 1;
  }
  return 0;
}

void Transfer::read_header_line(std::string_view line) {
  line = core::trim_space(line);
  if (line.starts_with("HTTP/")) {
    // A new response: a redirect's target, or the final answer. 1xx
    // answers (100 Continue, 103 Early Hints) precede the real one.
    const auto code_start = line.find(' ');
    if (code_start == std::string_view::npos) return;
    const std::string_view rest = core::trim_space(line.substr(code_start + 1));
    const long status = std::atol(std::string(rest.substr(0, rest.find(' '))).c_str());
    if (status >= 100 && status < 200) return;
    statuses_.push_back(status);
    const auto reason_start = rest.find(' ');
    reason_ = reason_start == std::string_view::npos ? "" : std::string(core::trim_space(rest.substr(reason_start)));
    etag_.clear();
    last_modified_.clear();
    content_type_.clear();
    content_encoding_.clear();
    retry_after_.clear();
    date_.clear();
    return;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return;
  const std::string name = core::lowercase_ascii(core::trim_space(line.substr(0, colon)));
  std::string value(core::trim_space(line.substr(colon + 1)));
  if (name == "etag") etag_ = std::move(value);
  else if (name == "last-modified") last_modified_ = std::move(value);
  else if (name == "content-type") content_type_ = std::move(value);
  else if (name == "content-encoding") content_encoding_ = core::lowercase_ascii(value);
  else if (name == "retry-after") retry_after_ = std::move(value);
  else if (name == "date") date_ = std::move(value);
  else if (name == "location") location_ = std::move(value);
}

// `data` is decoded (gzip, deflate, br) already. Both limits are checked
// before anything is kept, so memory never grows past them.
bool Transfer::accept_body(std::string_view data) {
  // An error page is of no use: stop reading it (the status says it all).
  if (!is_success(final_status())) {
    error_page_dropped_ = true;
    return false;
  }
  decoded_bytes_ += data.size();
  curl_off_t on_wire = 0;
  curl_easy_getinfo(easy_, CURLINFO_SIZE_DOWNLOAD_T, &on_wire);
  const bool identity = content_encoding_.empty() || content_encoding_ == "identity";
  const std::uint64_t wire = identity ? decoded_bytes_ : static_cast<std::uint64_t>(on_wire);
  if (wire > options_.fetch.max_body_bytes) {
    too_large_ = true;
    return false;
  }
  if (decoded_bytes_ > options_.max_decompressed_bytes) {
    decompresses_too_large_ = true;
    return false;
  }
  body_.append(data);
  return true;
}

FetchOutcome Transfer::outcome_base() const {
  FetchOutcome outcome;
  outcome.key = request_.key;
  outcome.url = request_.url;
  outcome.status = FetchStatus::kFailed;
  outcome.elapsed =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started_);
  return outcome;
}

FetchOutcome Transfer::reported() const {
  FetchOutcome outcome = outcome_base();
  long status = 0;
  curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &status);
  outcome.http_status = status;
  const char* effective = nullptr;
  curl_easy_getinfo(easy_, CURLINFO_EFFECTIVE_URL, &effective);
  outcome.effective_url = effective != nullptr ? effective : request_.url;
  curl_off_t on_wire = 0;
  curl_easy_getinfo(easy_, CURLINFO_SIZE_DOWNLOAD_T, &on_wire);
  outcome.bytes_on_wire = static_cast<std::uint64_t>(on_wire);
  return outcome;
}

FetchOutcome Transfer::fail(FetchFailure failure, std::string detail) const {
  FetchOutcome outcome = reported();
  outcome.failure = failure;
  outcome.error = request_.url + ": " + std::move(detail);
  return outcome;
}

long Transfer::final_status() const { return statuses_.empty() ? 0 : statuses_.back(); }

FetchOutcome Transfer::finish(CURLcode code) {
  // The answer's status decides when it is not a success: a 404 page over
  // the size limit is still a 404.
  if (error_page_dropped_ || (code == CURLE_FILESIZE_EXCEEDED && !is_success(final_status()))) {
    return answer();
  }
  if (out_of_memory_) return fail(FetchFailure::kOther, "out of memory while receiving the answer");
  if (too_large_ || code == CURLE_FILESIZE_EXCEEDED) {
    return fail(FetchFailure::kTooLarge,
                "the answer is over the " + describe_size(options_.fetch.max_body_bytes) + " limit");
  }
  if (decompresses_too_large_) {
    return fail(FetchFailure::kTooLarge, "decompresses to over " + describe_size(options_.max_decompressed_bytes) +
                                             " (a compression bomb?)");
  }
  if (code != CURLE_OK) return fail_with_code(code);
  return answer();
}

FetchOutcome Transfer::fail_with_code(CURLcode code) const {
  switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
      if (!statuses_.empty()) {
        return fail(FetchFailure::kSchemeNotAllowed,
                    "refused to follow a redirect to " + location_ + " (only http and https)");
      }
      return fail(FetchFailure::kSchemeNotAllowed, curl_detail(code));
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return fail(FetchFailure::kDns, curl_detail(code));
    case CURLE_COULDNT_CONNECT: {
      long os_error = 0;
      curl_easy_getinfo(easy_, CURLINFO_OS_ERRNO, &os_error);
      if (os_error == 0) return fail(FetchFailure::kConnect, curl_detail(code));
      return fail(FetchFailure::kConnect,
                  std::string("could not connect: ") + std::strerror(static_cast<int>(os_error)));
    }
    case CURLE_OPERATION_TIMEDOUT:
      return fail(FetchFailure::kTimeout, timeout_detail());
    case CURLE_TOO_MANY_REDIRECTS:
      return fail(FetchFailure::kTooManyRedirects,
                  "more than " + std::to_string(kMaxRedirects) + " redirects (a redirect loop?)");
    case CURLE_FILE_COULDNT_READ_FILE:
      return fail(FetchFailure::kFile, curl_detail(code));
    default:
      if (is_tls_failure(code)) return fail(FetchFailure::kTls, "TLS failed: " + curl_detail(code));
      return fail(FetchFailure::kOther, curl_detail(code));
  }
}

// curl says which timeout it was only in its message text, so the kind is
// read from what had happened by then.
std::string Transfer::timeout_detail() const {
  if (std::string_view(error_buffer_).starts_with("Operation too slow")) {
    return "slower than " + std::to_string(options_.low_speed_bytes_per_second) + " bytes/s for " +
           seconds_text(options_.low_speed_time);
  }
  curl_off_t connected_after = 0;
  curl_easy_getinfo(easy_, CURLINFO_CONNECT_TIME_T, &connected_after);
  if (connected_after == 0) {
    return "no connection within " +
           seconds_text(std::min(options_.fetch.connect_timeout, options_.fetch.total_timeout));
  }
  return "no complete answer within " + seconds_text(options_.fetch.total_timeout);
}

std::string Transfer::curl_detail(CURLcode code) const {
  return error_buffer_[0] != '\0' ? std::string(error_buffer_) : std::string(curl_easy_strerror(code));
}

FetchOutcome Transfer::answer() {
  FetchOutcome outcome = reported();
  const long status = outcome.http_status;
  if (status == 304 || (status >= 200 && status < 300)) {
    // Every hop but the final answer was a redirect that curl followed.
    const bool moved = statuses_.size() > 1 &&
                       std::all_of(statuses_.begin(), statuses_.end() - 1, is_permanent_redirect);
    if (moved) outcome.moved_permanently_to = outcome.effective_url;
  }
  if (status == 304) {
    outcome.status = FetchStatus::kNotModified;
    outcome.etag = request_.etag;
    outcome.last_modified = request_.last_modified;
    return outcome;
  }
  if (status >= 200 && status < 300) {
    outcome.status = FetchStatus::kOk;
    outcome.body = std::move(body_);
    outcome.content_type = content_type_;
    outcome.etag = etag_;
    outcome.last_modified = last_modified_;
    return outcome;
  }
  outcome.failure = FetchFailure::kHttpStatus;
  const std::string reason = reason_.empty() ? std::string(reason_phrase(status)) : reason_;
  outcome.error = request_.url + ": HTTP " + std::to_string(status) + (reason.empty() ? "" : " " + reason);
  outcome.content_type = content_type_;
  if ((status == 429 || status == 503) && !retry_after_.empty()) {
    const std::optional<core::TimePoint> server_now = core::parse_date(date_);
    const core::TimePoint now =
        server_now ? *server_now : std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    outcome.retry_after = parse_retry_after(retry_after_, now);
  }
  return outcome;
}

}  // namespace omvarld::net
