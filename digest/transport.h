// digest/transport.h
//
// A Transport hands a finished Message to the world. deliver() returns only
// after the message was accepted (written, or taken by the server); the
// caller marks items delivered only then. Implementations: directory (one
// .eml per message), SMTP and sendmail (their own headers).

#pragma once

#include <filesystem>

#include "core/result.h"
#include "digest/message.h"

namespace omvarld::digest {

class Transport {
 public:
  virtual ~Transport() = default;

  // Fails with a message naming what refused it: kDeliveryRefused when the
  // receiver refused this message for good (sending it again unchanged
  // would be refused again), kRecipientRefused when it refused one of the
  // recipients for good and so sent nothing (the others may be sent to
  // without that address), kDeliveryFailed when it may pass later.
  virtual Result<void> deliver(const Message& message) = 0;
};

// Writes each message as DIR/<date>-<nämnd>.eml ("-2", "-3" … when the name
// is taken), with the HTML body beside it as .html, atomically (a temporary
// file unique to the process and call, fsync, then a hard link that never
// replaces a file), so a reader never sees half a message and two writers,
// in one process or several, never share a temporary file or a name.
// Creates DIR if needed.
class DirectoryTransport final : public Transport {
 public:
  explicit DirectoryTransport(std::filesystem::path directory);

  Result<void> deliver(const Message& message) override;

  const std::filesystem::path& directory() const { return directory_; }

 private:
  std::filesystem::path directory_;
};

}  // namespace omvarld::digest
