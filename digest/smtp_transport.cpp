#include "digest/smtp_transport.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <exception>
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>

#include <curl/curl.h>

#include "digest/envelope.h"

namespace omvarld::digest {

namespace {

struct EasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

// "smtp://user:secret@relay.example.se:587/x" -> "smtp://relay.example.se:587":
// messages name the server, never credentials someone put into the URL.
std::string server_name(std::string_view url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  const std::size_t host_start = scheme_end + 3;
  std::size_t authority_end = url.find_first_of("/?#", host_start);
  if (authority_end == std::string_view::npos) authority_end = url.size();
  std::string_view authority = url.substr(host_start, authority_end - host_start);
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);
  }
  return std::string(url.substr(0, host_start)) + std::string(authority);
}

// The message body as libcurl reads it. libcurl does the dot-stuffing
// (RFC 5321 §4.5.2) and sends the final "." line itself.
struct Upload {
  std::string_view data;
  std::size_t offset = 0;
};

size_t read_upload(char* buffer, size_t size, size_t count, void* user) noexcept {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->data.size() - upload->offset);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

// The SMTP dialogue as far as an error message needs it: the last command
// we sent, and the last refusal (a 4xx or 5xx reply) with the command it
// answered: libcurl goes on past some refusals (HELO after a refused EHLO,
// plain text after a refused opportunistic STARTTLS), and the one that
// ended the session comes last. A refusal of QUIT ends nothing. Of a
// command only the verb is kept, except MAIL and RCPT, which carry nothing
// but addresses: AUTH lines carry credentials and must never be stored.
struct Dialogue {
  std::string command;          // "EHLO", "AUTH", "MAIL FROM:<a@b>", "RCPT TO:<c@d>", "DATA" …
  std::string refused_command;  // the command the refusal answered
  std::string refusal;          // "550 5.1.1 <c@d>: recipient rejected"
  bool reply_goes_on = false;   // the last reply line was "NNN-…": more lines follow
};

std::string_view trim_line_end(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
  return line;
}

bool starts_with_verb(std::string_view line, std::string_view verb) {
  if (line.size() < verb.size()) return false;
  for (std::size_t i = 0; i < verb.size(); ++i) {
    if ((line[i] & ~0x20) != verb[i]) return false;
  }
  return line.size() == verb.size() || line[verb.size()] == ' ';
}

void note_command(Dialogue& dialogue, std::string_view line) {
  line = trim_line_end(line);
  if (starts_with_verb(line, "MAIL") || starts_with_verb(line, "RCPT")) {
    dialogue.command = std::string(line);
    return;
  }
  for (std::string_view verb : {"EHLO", "HELO", "STARTTLS", "AUTH", "DATA", "QUIT"}) {
    if (starts_with_verb(line, verb)) {
      dialogue.command = std::string(verb);
      return;
    }
  }
  // Anything else is a SASL continuation (credentials): ignored.
}

int trace(CURL*, curl_infotype type, char* data, size_t size, void* user) noexcept {
  try {
    auto* dialogue = static_cast<Dialogue*>(user);
    const std::string_view text(data, size);
    if (type == CURLINFO_HEADER_OUT) note_command(*dialogue, text);
    if (type == CURLINFO_HEADER_IN) {
      // One reply line per call; the first line of the last refusal is kept.
      const std::string_view line = trim_line_end(text);
      const bool first_line = !dialogue->reply_goes_on;
      dialogue->reply_goes_on = line.size() >= 4 && line[3] == '-';
      if (first_line && !line.empty() && (line.front() == '4' || line.front() == '5') &&
          dialogue->command != "QUIT") {
        dialogue->refused_command = dialogue->command;
        dialogue->refusal = std::string(line.substr(0, 300));
      }
    }
  } catch (const std::exception&) {
    // Losing a line of context is harmless; unwinding into libcurl is not.
  }
  return 0;
}

// "<c@d>" from "RCPT TO:<c@d> NOTIFY=…".
std::string command_address(std::string_view command) {
  const std::size_t colon = command.find(':');
  if (colon == std::string_view::npos) return {};
  command.remove_prefix(colon + 1);
  return std::string(command.substr(0, command.find(' ')));
}

std::string what_failed(CURLcode code, const Dialogue& dialogue, const char* error_text,
                        const SmtpOptions& options) {
  const std::string detail = error_text[0] != '\0' ? error_text : curl_easy_strerror(code);
  switch (code) {
    case CURLE_USE_SSL_FAILED:
      if (options.starttls == StartTlsPolicy::kOpportunistic) {
        return "the server does not offer STARTTLS, and with a username the password is never "
               "sent in clear: starttls = \"opportunistic\" goes without TLS only when no "
               "username is set";
      }
      return "the server does not offer STARTTLS, and starttls is \"required\"";
    case CURLE_LOGIN_DENIED: return "login as \"" + options.username + "\" refused";
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT: return "cannot connect: " + detail;
    case CURLE_OPERATION_TIMEDOUT: return "timed out: " + detail;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM: return "TLS failed: " + detail;
    default: break;
  }
  if (!dialogue.refusal.empty()) {
    const std::string_view command = dialogue.refused_command;
    if (command.starts_with("RCPT")) return "recipient " + command_address(command) + " rejected";
    if (command.starts_with("MAIL")) return "sender " + command_address(command) + " rejected";
    if (command == "DATA") return "message rejected";
    if (command == "AUTH") return "login as \"" + options.username + "\" refused";
    if (command == "EHLO" || command == "HELO") return "greeting refused";
  }
  return detail;
}

// libcurl notices a missing CA file only once TLS starts, and then says just
// "error setting certificate file", so a missing one is named up front.
std::optional<std::string> ca_file_problem(const std::string& ca_file) {
  if (ca_file.empty()) return std::nullopt;
  std::error_code error;
  if (std::filesystem::status(ca_file, error).type() != std::filesystem::file_type::not_found) {
    return std::nullopt;  // anything else wrong with it, libcurl reports
  }
  return "ca_file \"" + ca_file + "\" does not exist";
}

Error delivery_error(const std::string& server, std::string what,
                     Errc code = Errc::kDeliveryFailed) {
  return Error{code, server + ": " + std::move(what), std::nullopt};
}

// The reply code of the refusal the trace kept ("552 5.3.4 …" → 552), else
// the last reply libcurl saw (CURLINFO_RESPONSE_CODE, which libcurl sets
// from every SMTP reply); 0 when the server never answered.
long reply_code(const Dialogue& dialogue, long response_code) {
  const std::string_view refusal = dialogue.refusal;
  if (refusal.size() >= 3 && std::isdigit(static_cast<unsigned char>(refusal[0])) &&
      std::isdigit(static_cast<unsigned char>(refusal[1])) &&
      std::isdigit(static_cast<unsigned char>(refusal[2]))) {
    return (refusal[0] - '0') * 100 + (refusal[1] - '0') * 10 + (refusal[2] - '0');
  }
  return response_code;
}

// RFC 5321 §4.2.1: a 5yz reply is a permanent negative completion: the same
// command would be refused again, so the message is not retried unchanged;
// a 5yz to RCPT refuses that recipient only (an address that is gone). A
// 4yz reply, and every failure without a reply (no connection, a timeout,
// TLS), may pass; so may a full mailbox, a 552 to RCPT (which §4.5.3.1.10
// says to take as a 452) or any reply with the enhanced code 5.2.2 (RFC
// 3463), which would otherwise lose the recipient the items for good.
Errc failure_kind(long code, const Dialogue& dialogue) {
  if (code < 500 || code > 599) return Errc::kDeliveryFailed;
  if (!std::string_view(dialogue.refused_command).starts_with("RCPT")) {
    return Errc::kDeliveryRefused;
  }
  const std::string_view reply = dialogue.refusal;
  const bool mailbox_full =
      code == 552 || (reply.size() > 3 && reply.substr(3).starts_with(" 5.2.2"));
  return mailbox_full ? Errc::kDeliveryFailed : Errc::kRecipientRefused;
}

// With credentials, TLS is not optional: libcurl's CURLUSESSL_TRY would go
// on in plain text when the server offers no STARTTLS and send AUTH there.
// "opportunistic" therefore means "required" as soon as a username is set,
// and "off" with a username is refused before connecting.
std::optional<std::string> clear_text_login_problem(const SmtpOptions& options) {
  if (options.username.empty() || options.starttls != StartTlsPolicy::kOff) return std::nullopt;
  if (std::string_view(options.url).starts_with("smtps://")) return std::nullopt;
  return "username is set but starttls = \"off\": the password would be sent in clear; set "
         "starttls = \"required\" or use an smtps:// URL";
}

// libcurl options that cannot fail on a libcurl that speaks SMTP are not
// checked one by one; the transfer reports anything that went wrong.
void set_connection_options(CURL* handle, const SmtpOptions& options) {
  curl_easy_setopt(handle, CURLOPT_URL, options.url.c_str());
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options.connect_timeout.count() * 1000));
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count() * 1000));
  long use_ssl = CURLUSESSL_ALL;
  const bool login = !options.username.empty();
  if (options.starttls == StartTlsPolicy::kOpportunistic && !login) use_ssl = CURLUSESSL_TRY;
  if (options.starttls == StartTlsPolicy::kOff) use_ssl = CURLUSESSL_NONE;
  curl_easy_setopt(handle, CURLOPT_USE_SSL, use_ssl);
  // Whenever TLS is spoken, the certificate is checked: a relay that cannot
  // be verified is no safer than plain text, so there is no switch for it.
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!options.ca_file.empty()) curl_easy_setopt(handle, CURLOPT_CAINFO, options.ca_file.c_str());
  if (!options.username.empty()) {
    curl_easy_setopt(handle, CURLOPT_USERNAME, options.username.c_str());
    curl_easy_setopt(handle, CURLOPT_PASSWORD, options.password.c_str());
  }
}

}  // namespace

SmtpTransport::SmtpTransport(SmtpOptions options)
    : options_(std::move(options)), server_(server_name(options_.url)) {}

Result<void> SmtpTransport::deliver(const Message& message) {
  if (auto problem = envelope_problem(message)) {
    return unexpected<Error>(delivery_error(server_, *problem));
  }
  if (auto problem = ca_file_problem(options_.ca_file)) {
    return unexpected<Error>(delivery_error(server_, *problem));
  }
  if (auto problem = clear_text_login_problem(options_)) {
    return unexpected<Error>(delivery_error(server_, *problem));
  }
  EasyHandle handle(curl_easy_init());
  if (!handle) return unexpected<Error>(delivery_error(server_, "cannot start libcurl"));

  Slist recipients;
  for (const std::string& address : message.envelope_to) {
    curl_slist* appended = curl_slist_append(recipients.get(), ("<" + address + ">").c_str());
    if (!appended) return unexpected<Error>(delivery_error(server_, "out of memory"));
    static_cast<void>(recipients.release());
    recipients.reset(appended);
  }
  const std::string from = "<" + message.envelope_from + ">";
  Upload upload{message.eml};
  Dialogue dialogue;
  char error_text[CURL_ERROR_SIZE] = {};

  CURL* curl = handle.get();
  set_connection_options(curl, options_);
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.eml.size()));
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);
  // The trace is how the server's reply text reaches our errors; with a
  // debug function set, libcurl writes nothing to stderr itself.
  curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, trace);
  curl_easy_setopt(curl, CURLOPT_DEBUGDATA, &dialogue);
  curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);

  const CURLcode code = curl_easy_perform(curl);
  if (code == CURLE_OK) return {};
  long response_code = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response_code);
  std::string what = what_failed(code, dialogue, error_text, options_);
  if (!dialogue.refusal.empty()) {
    what += " (" + dialogue.refusal + ")";
  } else if (response_code >= 400) {
    what += " (reply " + std::to_string(response_code) + ")";
  }
  const Errc kind = failure_kind(reply_code(dialogue, response_code), dialogue);
  return unexpected<Error>(delivery_error(server_, std::move(what), kind));
}

}  // namespace omvarld::digest
