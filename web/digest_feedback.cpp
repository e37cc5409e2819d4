#include "web/digest_feedback.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <system_error>
#include <utility>

#include <spdlog/spdlog.h>

#include "web/feedback_key.h"
#include "web/feedback_token.h"

namespace omvarld::web {

app::FeedbackLinkMaker digest_feedback_links(const config::Config& config) {
  if (!config.web || config.web->base_url.empty()) return {};
  const std::filesystem::path state = std::filesystem::path(config.daemon.database).parent_path();
  // Only the database's owner makes the key: one made by `digest send` run
  // as root would be root's, 0600, and the daemon could not read it.
  struct stat database {};
  std::error_code missing;
  if (::stat(config.daemon.database.c_str(), &database) == 0 && database.st_uid != ::geteuid() &&
      !std::filesystem::exists(state / kFeedbackKeyFile, missing)) {
    spdlog::error("digests go out without \"Relevant? Ja / Nej\" links: {} is not yet made, and "
                  "only the database's owner (uid {}) makes it; run as that user",
                  (state / kFeedbackKeyFile).string(), database.st_uid);
    return {};
  }
  auto loaded = load_or_create_feedback_key(state);
  if (!loaded) {
    spdlog::error("digests go out without \"Relevant? Ja / Nej\" links: {}",
                  loaded.error().message);
    return {};
  }
  return [base_url = config.web->base_url, key = *loaded](
             const core::NamndId& namnd, std::int64_t item_id,
             const std::string& recipient) -> std::optional<digest::FeedbackLinks> {
    if (item_id <= 0 || namnd.empty() || recipient.empty()) return std::nullopt;
    FeedbackLinks links = feedback_links(base_url, key, namnd, item_id, recipient);
    return digest::FeedbackLinks{std::move(links.ja), std::move(links.nej)};
  };
}

}  // namespace omvarld::web
