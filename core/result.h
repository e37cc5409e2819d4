// core/result.h
//
// The one error type of omvarld and the Result alias every fallible function
// returns. Expected failures (a feed that times out, a config typo, a refused
// mail) are values of this type; exceptions never cross a module boundary.
// Plain values: safe to copy and to pass between threads.

#pragma once

#include <optional>
#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace omvarld {

// Keep this list short: add a code only when a caller must act differently.
enum class Errc {
  kInvalidConfig,
  kInvalidQuery,
  kFetchFailed,
  kHttpStatus,
  kUnparseableFeed,
  kStorage,
  kStorageBusy,  // the database's lock was held past the connection's busy timeout: try again soon
  kStorageTimeout,  // a read ran past the connection's deadline (ItemStore::set_deadline): asked too much
  kDeliveryFailed,   // may succeed later as it is: retried with backoff
  kDeliveryRefused,  // refused for good (an SMTP 5xx): the same message would be refused again
  kRecipientRefused,  // one recipient refused for good (a 5xx to RCPT): others may still be served
};

// Whether the receiver refused for good: sending the same again would be
// refused again (kDeliveryRefused, kRecipientRefused).
inline bool refused_for_good(Errc code) {
  return code == Errc::kDeliveryRefused || code == Errc::kRecipientRefused;
}

// A place in a configuration file; line and column count from 1.
struct FilePos {
  std::string file;
  int line = 0;
  int column = 0;

  friend bool operator==(const FilePos&, const FilePos&) = default;
};

struct Error {
  Errc code;
  std::string message;           // for humans: code never branches on it
  std::optional<FilePos> where;  // FILE:LINE:COL for config and query errors
};

template <class T, class E = Error>
using Result = tl::expected<T, E>;

using tl::unexpected;

// An Error as a value to return from a function whose type is Result<T>.
inline unexpected<Error> fail(Errc code, std::string message,
                              std::optional<FilePos> where = std::nullopt) {
  return unexpected<Error>(Error{code, std::move(message), std::move(where)});
}

// "FILE:LINE:COL: message" when the error has a position, else the message.
std::string to_string(const Error& error);
std::string to_string(const FilePos& where);

}  // namespace omvarld
