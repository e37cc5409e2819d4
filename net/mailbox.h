// net/mailbox.h
//
// The IMAP client: a mailbox folder read with libcurl's IMAP(S):
// the messages not yet seen, fetched without marking them (BODY.PEEK[]),
// and a separate call that marks them seen once their items are stored. A
// file:// URL names a directory of .eml files instead (the demo); there
// nothing is marked, and the store's keys keep a message from being stored
// twice. One Mailbox is one session (one login, reused); use it from one
// thread. No libcurl type appears here, and nothing of the configuration:
// the password comes from the caller (sources/mailbox_source.h reads a
// kind = "imap" source's password file).

#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"

namespace omvarld::net {

struct MailboxOptions {
  std::string url;  // imap://host[:port]/Folder, imaps://…, or file:///dir
  std::string username;
  // The password, asked once by open() when the URL is imap(s)://; its
  // error's message becomes open()'s.
  std::function<Result<std::string>()> read_password;
  std::string ca_file;        // PEM bundle to verify the server; empty: the system's
  bool allow_file_urls = false;
  std::size_t max_message_bytes = 10 * 1024 * 1024;  // larger messages are skipped, unread
  std::chrono::seconds connect_timeout{10};
  std::chrono::seconds total_timeout{60};  // per IMAP command
};

struct MailMessage {
  std::string uid;  // the IMAP UID, or the file name in a directory
  std::string raw;  // RFC 5322 bytes
};

struct UnseenMessages {
  std::vector<MailMessage> messages;  // in UID (file name) order
  std::vector<std::string> skipped;   // one line each: messages over the size limit
};

class Mailbox {
 public:
  // Asks for the password; connects only when first asked. Fails with
  // kFetchFailed when the URL is not imap(s):// (or file:// when allowed)
  // or read_password fails (with its message).
  static Result<Mailbox> open(MailboxOptions options);

  Mailbox(Mailbox&&) noexcept;
  Mailbox& operator=(Mailbox&&) noexcept;
  ~Mailbox();

  // The folder's unseen messages (UID SEARCH UNSEEN), each fetched with
  // BODY.PEEK[] so that reading does not mark it. Fails with kFetchFailed
  // and one line ("imaps://host/Folder: login denied", "…: TLS: …") when the
  // server cannot be reached, refuses the login, or the folder is missing.
  Result<UnseenMessages> read_unseen();

  // Marks `uids` \Seen (UID STORE +FLAGS (\Seen)); nothing for a directory.
  Result<void> mark_seen(std::span<const std::string> uids);

 private:
  struct Session;
  explicit Mailbox(std::unique_ptr<Session> session);

  std::unique_ptr<Session> session_;
};

}  // namespace omvarld::net
