#include "digest/message.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <random>
#include <vector>

#include "core/fnv1a.h"
#include "digest/footer.h"
#include "digest/mailbox.h"
#include "digest/mime.h"

namespace omvarld::digest {

namespace {

// RFC 5322 §3.3 date-time, always in UTC: "Mon, 23 Nov 2026 06:00:00 +0000".
std::string rfc5322_date(core::TimePoint date) {
  static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed",
                                                    "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto day = std::chrono::floor<std::chrono::days>(date);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss time{date - day};
  const std::chrono::weekday weekday{day};
  char text[64];
  std::snprintf(text, sizeof text, "%s, %u %s %04d %02d:%02d:%02d +0000",
                kDays[weekday.c_encoding()], static_cast<unsigned>(ymd.day()),
                kMonths[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return text;
}

// RFC 2919 list-id: "linkoping/utbildning" -> "linkoping.utbildning". Only
// dot-atom characters survive; å ä ö é fold to a a o e.
std::string list_id_label(std::string_view namnd) {
  std::string label;
  for (std::size_t i = 0; i < namnd.size(); ++i) {
    const auto byte = static_cast<unsigned char>(namnd[i]);
    if (std::isalnum(byte) || byte == '-' || byte == '_') {
      label += static_cast<char>(byte);
    } else if (byte == '/' || byte == '.') {
      label += '.';
    } else if (byte == 0xC3 && i + 1 < namnd.size()) {
      const auto next = static_cast<unsigned char>(namnd[++i]) | 0x20;  // either case
      label += next == 0xA5 || next == 0xA4 ? 'a' : next == 0xB6 ? 'o' : next == 0xA9 ? 'e' : '-';
    } else {
      label += '-';
    }
  }
  return label.empty() ? "digest" : label;
}

// The multipart boundary: derived from the Message-ID (FNV-1a), so the same
// message always looks the same. "=_" cannot occur in quoted-printable text,
// whose only "=" start escapes of two hex digits or soft line breaks, so no
// body line can be taken for the boundary.
std::string boundary_for(std::string_view message_id) {
  return "=_omvarld_" + core::hex16(core::fnv1a_64(message_id));
}

std::string headers(const Recipient& recipient, const Digest& digest, core::TimePoint date,
                    const std::string& message_id, const std::string& boundary) {
  std::string out;
  out += fold_header("From", address_list_tokens({recipient.from}));
  out += fold_header("To", address_list_tokens(recipient.addresses));
  // Answers go to the kommun's coordinators, not to a no-reply sender.
  if (const auto reply_to = address_list_tokens({recipient.reply_to}); !reply_to.empty()) {
    out += fold_header("Reply-To", reply_to);
  }
  out += unstructured_header("Subject", digest.subject);
  out += "Date: " + rfc5322_date(date) + "\r\n";
  out += "Message-ID: " + clean_header_value(message_id) + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  std::vector<std::string> list_id = phrase_tokens(recipient.name, true);
  list_id.push_back("<" + list_id_label(recipient.namnd) + ".omvarld." + domain_of(recipient.from) +
                    ">");
  out += fold_header("List-Id", list_id);
  // RFC 2369: how to leave, to the list_unsubscribe address or the first
  // contact; no header without one.
  if (const std::string leave = unsubscribe_mailto(leave_contacts(recipient), recipient.namnd);
      !leave.empty()) {
    out += "List-Unsubscribe: <" + leave + ">\r\n";
  }
  out += unstructured_header("X-Omvarld-Namnd", recipient.namnd);
  out += "Auto-Submitted: auto-generated\r\n";  // RFC 3834 §5
  out += "X-Auto-Response-Suppress: All\r\n";   // no out-of-office replies from Exchange
  out += "Content-Type: multipart/alternative;\r\n boundary=\"" + boundary + "\"\r\n";
  return out;
}

std::string part(const std::string& boundary, std::string_view type, std::string_view body) {
  std::string out = "--" + boundary + "\r\n";
  out += "Content-Type: " + std::string(type) + "; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
  out += encode_quoted_printable(body);
  out += "\r\n";  // belongs to the delimiter that follows (RFC 2046 §5.1.1)
  return out;
}

std::string random_hex_128() {
  std::random_device device;
  std::string hex;
  for (int i = 0; i < 4; ++i) {
    char word[9];
    std::snprintf(word, sizeof word, "%08x", static_cast<unsigned>(device()));
    hex += word;
  }
  return hex;
}

// When no random device can be opened: unique within this process and
// unlikely to repeat across processes.
std::string fallback_hex_128() {
  static std::atomic<std::uint64_t> counter{0};
  const auto now = std::chrono::system_clock::now().time_since_epoch().count();
  char text[40];
  std::snprintf(
      text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(now),
      static_cast<unsigned long long>(++counter ^ reinterpret_cast<std::uintptr_t>(&counter)));
  return text;
}

}  // namespace

Message to_message(const Recipient& recipient, const Digest& digest, core::TimePoint date,
                   const std::string& message_id) {
  const std::string boundary = boundary_for(message_id);
  std::string eml = headers(recipient, digest, date, message_id, boundary);
  eml += "\r\nThis is a multi-part message in MIME format.\r\n\r\n";
  eml += part(boundary, "text/plain", digest.text);
  eml += part(boundary, "text/html", digest.html);
  eml += "--" + boundary + "--\r\n";
  Message message{recipient.namnd, message_id, digest.subject, date, digest.html, std::move(eml),
                  parse_mailbox(recipient.from).address, {}};
  for (const std::string& address : recipient.addresses) {
    std::string bare = parse_mailbox(address).address;
    if (!bare.empty()) message.envelope_to.push_back(std::move(bare));
  }
  return message;
}

std::string derived_message_id(const std::string& from, std::string_view list,
                               std::string_view previous,
                               std::span<const std::int64_t> item_ids) {
  std::vector<std::int64_t> ids(item_ids.begin(), item_ids.end());
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  // Two FNV-1a 64 hashes with different starting states make 128 bits: a
  // Message-ID needs to be unique, not secret. Fields are NUL-separated so
  // that no two different inputs make the same bytes.
  std::uint64_t first = core::kFnv1aOffsetBasis;
  std::uint64_t second = 0x84222325cbf29ce4ULL;
  auto add = [&](std::string_view bytes) {
    for (std::uint64_t* hash : {&first, &second}) {
      *hash = core::fnv1a_64(std::string_view("\0", 1), core::fnv1a_64(bytes, *hash));
    }
  };
  add(list);
  add(previous);
  for (const std::int64_t id : ids) add(std::to_string(id));
  return "<omvarld-" + core::hex16(first) + core::hex16(second) + "@" + domain_of(from) + ">";
}

std::string new_message_id(const std::string& from) {
  std::string random;
  try {
    random = random_hex_128();
  } catch (const std::exception&) {
    random = fallback_hex_128();
  }
  return "<" + random + "@" + domain_of(from) + ">";
}

std::string bare_address(std::string_view mailbox) { return parse_mailbox(mailbox).address; }

}  // namespace omvarld::digest
