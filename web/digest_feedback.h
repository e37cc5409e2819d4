// web/digest_feedback.h
//
// The "Relevant? Ja / Nej" links a digest carries (app/digest_run.h's
// FeedbackLinkMaker), made with the installation's feedback key
// (web/feedback_key.h) for the pages of web/feedback_pages.h. For the
// daemon's digests (service/) and `digest send` (cli/).

#pragma once

#include "app/digest_run.h"
#include "config/config.h"

namespace omvarld::web {

// Links under `config`'s [web] base_url, signed with the key in the
// database's folder. Empty (digests without links, one message to all
// recipients, unless some already got part of the digest) when [web] has
// no base_url, and when the key cannot be read or made — it is made only by
// the database's owner (not by `digest send` run as root): that is logged
// as an error, and a digest never fails for it.
app::FeedbackLinkMaker digest_feedback_links(const config::Config& config);

}  // namespace omvarld::web
