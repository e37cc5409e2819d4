// core/failure_kind.h
//
// Why a source is failing, as one type: the kinds `omvarld status`,
// `status --json` (failure_kind) and the coordinators' report show, and the
// store keeps (docs/reference.md, "Source failure kinds"). net/ failures,
// sources/ adapters and app/'s poll name a kind here instead of writing
// the string. Pure.

#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace omvarld::core {

enum class FailureKind {
  kDns,
  kConnect,
  kTls,
  kTimeout,
  kTooLarge,
  kTooManyRedirects,
  kHttpStatus,
  kSchemeNotAllowed,
  kFile,
  kNotAFeed,
  kProfile,     // a [source.html] profile found nothing usable
  kJson,        // a JSON API answer without usable items
  kImap,        // the mailbox could not be read
  kNewsletter,  // a newsletter message could not be read
  kPartial,     // read in part: the items read are stored
  kInternal,    // an error inside omvarld while handling the source
  kCrash,       // omvarld stopped while reading the source
  kStorage,     // the database could not store the poll
  kOther,
};

// The kind as stored and shown: "dns", "http-status", "not-a-feed", ...
std::string to_string(FailureKind kind);

// The kind `text` names (as to_string writes it); nullopt for any other
// text.
std::optional<FailureKind> parse_failure_kind(std::string_view text);

}  // namespace omvarld::core
