// web/feedback_key.h
//
// The secret that signs feedback tokens (web/feedback_token.h): 32 random
// bytes in the file feedback.key in the state directory (the database's
// folder), made the first time anything asks for it and read back ever
// after, so that links mailed last month still work after a restart.
//
// Race-safe: the key is written whole to a private temporary file (created
// with O_CREAT|O_EXCL, mode 0600) and then hard-linked into place, which
// fails when another process got there first; then both read the one file,
// so two processes starting at once end up with the same key.
//
// Losing or replacing the file makes every feedback link sent so far stop
// working (they are refused as forged); it is not needed for anything else.

#pragma once

#include <filesystem>
#include <optional>

#include "core/result.h"
#include "web/feedback_token.h"

namespace omvarld::web {

inline constexpr char kFeedbackKeyFile[] = "feedback.key";

// The key in `state_directory`/feedback.key, made there when the file does
// not exist. Fails (kStorage, a message saying what to do) when the file
// is not a regular file, does not hold exactly 32 bytes, can be read or
// written by group or others, or cannot be read or made.
Result<FeedbackKey> load_or_create_feedback_key(const std::filesystem::path& state_directory);

// The key in `state_directory`/feedback.key, never made: nullopt when the
// file does not exist (no link can have been signed with it yet). For the
// web pages, so that a visitor cannot make the daemon create the key; the
// digest sender, which signs the links, makes it. Fails as above.
Result<std::optional<FeedbackKey>> load_feedback_key(const std::filesystem::path& state_directory);

}  // namespace omvarld::web
