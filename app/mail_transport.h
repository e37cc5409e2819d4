// app/mail_transport.h
//
// The digests' transport as [mail] configures it: the directory, sendmail or
// SMTP transport of digest/. Used by `digest send` and by `omvarld run`,
// which makes a fresh one for each digest tick so a reload takes effect.

#pragma once

#include <memory>

#include "config/config.h"
#include "core/result.h"
#include "digest/transport.h"

namespace omvarld::app {

// The transport for `mail`. Fails with kDeliveryFailed when the SMTP
// password_file cannot be read; the message names the file, never its
// content.
Result<std::unique_ptr<digest::Transport>> make_transport(const config::MailSection& mail);

}  // namespace omvarld::app
