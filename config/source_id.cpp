#include "config/source_id.h"

#include <algorithm>

#include "config/checks.h"

namespace omvarld::config {
namespace {

// The length of the UTF-8 sequence `lead` starts (1 for a stray byte).
std::size_t sequence_length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

// Words as an id: letters and digits kept (as ascii_id writes them), the rest separators.
std::string as_id(std::string_view words) {
  std::string id;
  bool separated = false;
  for (std::size_t at = 0; at < words.size();) {
    const std::size_t length = std::min(sequence_length(static_cast<unsigned char>(words[at])), words.size() - at);
    const std::string letter = ascii_id(words.substr(at, length));
    at += length;
    const bool kept = letter.size() == 1 && ((letter[0] >= 'a' && letter[0] <= 'z') || (letter[0] >= '0' && letter[0] <= '9'));
    if (!kept) {
      separated = !id.empty();
      continue;
    }
    if (separated) id += '-';
    separated = false;
    id += letter;
  }
  if (id.size() > kMaxProposedId) {
    const std::size_t cut = id.rfind('-', kMaxProposedId);
    id.resize(cut == std::string::npos || cut == 0 ? kMaxProposedId : cut);
  }
  return id;
}

std::string_view host_of(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view host = url.substr(scheme + 3);
  host = host.substr(0, host.find_first_of("/?#"));
  host = host.substr(host.find('@') == std::string_view::npos ? 0 : host.find('@') + 1);
  host = host.substr(0, host.find(':'));
  if (host.starts_with("www.")) host.remove_prefix(4);
  return host;
}

}  // namespace

std::string propose_source_id(std::string_view title, std::string_view url) {
  for (std::string id : {as_id(title), as_id(host_of(url))}) {
    if (is_simple_id(id)) return id;
  }
  return "feed";
}

}  // namespace omvarld::config
