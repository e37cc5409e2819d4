#include "core/failure_kind.h"

#include <array>
#include <utility>

namespace omvarld::core {
namespace {

constexpr std::array<std::pair<FailureKind, std::string_view>, 19> kNames = {{
    {FailureKind::kDns, "dns"},
    {FailureKind::kConnect, "connect"},
    {FailureKind::kTls, "tls"},
    {FailureKind::kTimeout, "timeout"},
    {FailureKind::kTooLarge, "too-large"},
    {FailureKind::kTooManyRedirects, "too-many-redirects"},
    {FailureKind::kHttpStatus, "http-status"},
    {FailureKind::kSchemeNotAllowed, "scheme-not-allowed"},
    {FailureKind::kFile, "file"},
    {FailureKind::kNotAFeed, "not-a-feed"},
    {FailureKind::kProfile, "profile"},
    {FailureKind::kJson, "json"},
    {FailureKind::kImap, "imap"},
    {FailureKind::kNewsletter, "newsletter"},
    {FailureKind::kPartial, "partial"},
    {FailureKind::kInternal, "internal"},
    {FailureKind::kCrash, "crash"},
    {FailureKind::kStorage, "storage"},
    {FailureKind::kOther, "other"},
}};

}  // namespace

std::string to_string(FailureKind kind) {
  for (const auto& [known, name] : kNames) {
    if (known == kind) return std::string(name);
  }
  return "other";
}

std::optional<FailureKind> parse_failure_kind(std::string_view text) {
  for (const auto& [kind, name] : kNames) {
    if (name == text) return kind;
  }
  return std::nullopt;
}

}  // namespace omvarld::core
