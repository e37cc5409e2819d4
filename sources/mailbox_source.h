// sources/mailbox_source.h
//
// The adapter of a kind = "imap" source: its mailbox (net/mailbox.h) opened
// with the source's [source.imap] settings and password file, and read,
// each failure a SourceFailure of kind kImap as `status` shows it. The
// stories in each message are sources/newsletter.h's. Reading the password
// file and the mailbox is I/O; use a Mailbox from one thread.

#pragma once

#include "config/config.h"
#include "core/result.h"
#include "net/mailbox.h"
#include "sources/source_items.h"

namespace omvarld::sources {

// The source's mailbox, not yet connected (net::Mailbox::open). Fails when
// its URL is not imap(s):// (or file:// with allow_file_urls in `daemon`)
// or its password file cannot be read: "[source.imap] password_file PATH:
// …", naming the file, never its content.
Result<net::Mailbox, SourceFailure> open_mailbox(const config::SourceConfig& source,
                                                 const config::DaemonSection& daemon);

// The folder's unseen messages (net::Mailbox::read_unseen); fails when the
// server cannot be reached, refuses the login, or the folder is missing.
Result<net::UnseenMessages, SourceFailure> read_unseen(net::Mailbox& mailbox);

}  // namespace omvarld::sources
