// web/feedback_token.cpp — see web/feedback_token.h.

#include "web/feedback_token.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/ascii.h"

namespace omvarld::web {
namespace {

using Bytes = std::vector<unsigned char>;

constexpr unsigned char kVersion = 1;
constexpr std::size_t kMacBytes = 32;
constexpr std::size_t kTagBytes = 16;
constexpr std::size_t kHeaderBytes = 1 + 8 + kTagBytes;  // version, item id, recipient tag

// Domain separation: the same key signs tokens and tags recipients, and a
// tag must never be mistaken for a signature or the other way round.
constexpr std::string_view kTokenDomain{"omvarld feedback token\0", 23};
constexpr std::string_view kRecipientDomain{"omvarld feedback recipient\0", 27};

std::array<unsigned char, kMacBytes> hmac(const FeedbackKey& key, std::string_view domain,
                                          const unsigned char* data, std::size_t size) {
  Bytes message(domain.begin(), domain.end());
  message.insert(message.end(), data, data + size);
  std::array<unsigned char, kMacBytes> mac{};
  unsigned int length = 0;
  // HMAC-SHA256 with a valid key and digest cannot fail short of memory
  // exhaustion; a zeroed MAC then verifies nothing.
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), message.data(), message.size(),
           mac.data(), &length) == nullptr ||
      length != kMacBytes) {
    mac.fill(0);
  }
  return mac;
}

std::array<unsigned char, kTagBytes> recipient_tag(const FeedbackKey& key,
                                                   std::string_view address) {
  const std::string normalized = normalize_recipient(address);
  const auto mac =
      hmac(key, kRecipientDomain, reinterpret_cast<const unsigned char*>(normalized.data()),
           normalized.size());
  std::array<unsigned char, kTagBytes> tag{};
  std::copy_n(mac.begin(), kTagBytes, tag.begin());
  return tag;
}

std::string hex(const unsigned char* data, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out += kDigits[data[i] >> 4];
    out += kDigits[data[i] & 0x0F];
  }
  return out;
}

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64url(const Bytes& bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const unsigned value = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += kAlphabet[(value >> 18) & 63];
    out += kAlphabet[(value >> 12) & 63];
    out += kAlphabet[(value >> 6) & 63];
    out += kAlphabet[value & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest == 1) {
    const unsigned value = bytes[i] << 16;
    out += kAlphabet[(value >> 18) & 63];
    out += kAlphabet[(value >> 12) & 63];
  } else if (rest == 2) {
    const unsigned value = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += kAlphabet[(value >> 18) & 63];
    out += kAlphabet[(value >> 12) & 63];
    out += kAlphabet[(value >> 6) & 63];
  }
  return out;
}

int sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

// Strict: only the base64url alphabet, no padding, and the unused low bits
// of the last character zero, so that every token has exactly one spelling
// and changing any character of it changes the bytes.
std::optional<Bytes> decode_base64url(std::string_view text) {
  if (text.size() % 4 == 1) return std::nullopt;
  Bytes out;
  out.reserve(text.size() * 3 / 4);
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    const int value = sextet(c);
    if (value < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<unsigned char>((buffer >> bits) & 0xFF));
    }
  }
  if ((buffer & ((1u << bits) - 1)) != 0) return std::nullopt;
  return out;
}

}  // namespace

std::string normalize_recipient(std::string_view address) {
  return core::lowercase_ascii(core::trim_space(address));
}

std::string recipient_digest(const FeedbackKey& key, std::string_view address) {
  const auto tag = recipient_tag(key, address);
  return hex(tag.data(), tag.size());
}

std::string make_feedback_token(const FeedbackKey& key, const core::NamndId& namnd,
                                std::int64_t item_id, std::string_view recipient) {
  Bytes bytes;
  bytes.reserve(kHeaderBytes + namnd.size() + kMacBytes);
  bytes.push_back(kVersion);
  const auto id = static_cast<std::uint64_t>(item_id);
  for (int shift = 56; shift >= 0; shift -= 8) {
    bytes.push_back(static_cast<unsigned char>((id >> shift) & 0xFF));
  }
  const auto tag = recipient_tag(key, recipient);
  bytes.insert(bytes.end(), tag.begin(), tag.end());
  bytes.insert(bytes.end(), namnd.begin(), namnd.end());
  const auto mac = hmac(key, kTokenDomain, bytes.data(), bytes.size());
  bytes.insert(bytes.end(), mac.begin(), mac.end());
  return base64url(bytes);
}

std::optional<FeedbackTicket> verify_feedback_token(const FeedbackKey& key,
                                                    std::string_view token) {
  if (token.empty() || token.size() > kMaxFeedbackTokenBytes) return std::nullopt;
  auto bytes = decode_base64url(token);
  // At least one byte of nämnd id.
  if (!bytes || bytes->size() < kHeaderBytes + 1 + kMacBytes) return std::nullopt;
  const std::size_t payload_size = bytes->size() - kMacBytes;
  const auto expected = hmac(key, kTokenDomain, bytes->data(), payload_size);
  // Checked before anything the payload says is believed.
  if (CRYPTO_memcmp(expected.data(), bytes->data() + payload_size, kMacBytes) != 0) {
    return std::nullopt;
  }
  if ((*bytes)[0] != kVersion) return std::nullopt;

  std::uint64_t id = 0;
  for (std::size_t i = 1; i <= 8; ++i) id = (id << 8) | (*bytes)[i];
  if (id == 0 || id > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;

  FeedbackTicket ticket;
  ticket.item_id = static_cast<std::int64_t>(id);
  ticket.recipient = hex(bytes->data() + 9, kTagBytes);
  ticket.namnd.assign(reinterpret_cast<const char*>(bytes->data() + kHeaderBytes),
                      payload_size - kHeaderBytes);
  return ticket;
}

FeedbackLinks feedback_links(std::string_view base_url, const FeedbackKey& key,
                             const core::NamndId& namnd, std::int64_t item_id,
                             std::string_view recipient) {
  while (!base_url.empty() && base_url.back() == '/') base_url.remove_suffix(1);
  // base64url needs no percent-encoding in a query.
  const std::string page =
      std::string(base_url) + "/feedback?t=" + make_feedback_token(key, namnd, item_id, recipient);
  return {page + "&v=ja", page + "&v=nej"};
}

}  // namespace omvarld::web
