#include "config/checks.h"

#include <algorithm>
#include <cctype>
#include <system_error>
#include <utility>
#include <vector>

#include "core/spelling.h"
#include "core/time_zone.h"
#include "core/translate.h"
#include "core/uri_scheme.h"

namespace omvarld::config {

namespace {

bool is_ascii_lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

bool is_non_ascii(char c) { return static_cast<unsigned char>(c) >= 0x80; }

// The length of the UTF-8 sequence that `lead` starts, 0 for a byte that
// starts none.
size_t sequence_length(unsigned char lead) {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

// The accented letters coordinators write in names, and their ASCII letter.
struct Unaccented {
  std::string_view letter;
  char ascii;
};
constexpr Unaccented kUnaccented[] = {
    {"å", 'a'}, {"Å", 'a'}, {"ä", 'a'}, {"Ä", 'a'}, {"à", 'a'}, {"á", 'a'}, {"ö", 'o'},
    {"Ö", 'o'}, {"ø", 'o'}, {"Ø", 'o'}, {"é", 'e'}, {"É", 'e'}, {"è", 'e'}, {"ü", 'u'},
    {"Ü", 'u'},
};

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

// "\"ö\"", "\"ö\" and \"ä\"", "\"ö\", \"ä\" and \"å\"".
std::string listed(const std::vector<std::string>& values) {
  std::string text;
  for (size_t at = 0; at < values.size(); ++at) {
    if (at > 0) text += at + 1 == values.size() ? core::tr(" and ") : ", ";
    text += in_quotes(values[at]);
  }
  return text;
}

// RFC 5322 atext plus dots, without the characters that would need quoting;
// non-ASCII bytes are allowed for internationalized addresses (RFC 6531).
bool is_local_part(std::string_view local) {
  if (local.empty() || local.front() == '.' || local.back() == '.') return false;
  if (local.find("..") != std::string_view::npos) return false;
  constexpr std::string_view kSpecials = "()<>[]:;@\\,\" ";
  return std::none_of(local.begin(), local.end(), [&](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f ||
           kSpecials.find(c) != std::string_view::npos;
  });
}

bool is_domain_label(std::string_view label) {
  if (label.empty() || label.front() == '-' || label.back() == '-') return false;
  return std::all_of(label.begin(), label.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || is_non_ascii(c);
  });
}

bool is_domain(std::string_view domain) {
  if (domain.find('.') == std::string_view::npos) return false;
  size_t start = 0;
  while (true) {
    const size_t dot = domain.find('.', start);
    if (!is_domain_label(domain.substr(start, dot - start))) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

bool is_addr_spec(std::string_view address) {
  const size_t at = address.find('@');
  if (at == std::string_view::npos || address.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  return is_local_part(address.substr(0, at)) && is_domain(address.substr(at + 1));
}

}  // namespace

bool is_simple_id(std::string_view id) {
  if (id.empty() || !is_ascii_lower_or_digit(id.front())) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return is_ascii_lower_or_digit(c) || c == '.' || c == '_' || c == '-';
  });
}

bool is_namnd_id(std::string_view id) {
  const size_t slash = id.find('/');
  if (slash == std::string_view::npos) return false;
  return is_simple_id(id.substr(0, slash)) && is_simple_id(id.substr(slash + 1));
}

std::vector<std::string> non_ascii_characters(std::string_view id) {
  std::vector<std::string> found;
  for (size_t at = 0; at < id.size();) {
    const size_t length = sequence_length(static_cast<unsigned char>(id[at]));
    if (!is_non_ascii(id[at]) || length == 0 || at + length > id.size()) {
      ++at;
      continue;
    }
    std::string character(id.substr(at, length));
    if (std::find(found.begin(), found.end(), character) == found.end()) {
      found.push_back(std::move(character));
    }
    at += length;
  }
  return found;
}

std::string ascii_id(std::string_view id) {
  std::string ascii;
  for (size_t at = 0; at < id.size();) {
    const char c = id[at];
    if (!is_non_ascii(c)) {
      ascii += c == ' ' ? '-' : (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      ++at;
      continue;
    }
    const auto letter = std::find_if(std::begin(kUnaccented), std::end(kUnaccented),
                                     [&](const Unaccented& u) { return id.substr(at).starts_with(u.letter); });
    if (letter == std::end(kUnaccented)) return "";
    ascii += letter->ascii;
    at += letter->letter.size();
  }
  return ascii;
}

std::string explain_bad_id(std::string_view id, std::string_view what, std::string_view rule,
                           bool (*is_valid)(std::string_view)) {
  const std::vector<std::string> characters = non_ascii_characters(id);
  std::string suggestion = ascii_id(id);
  if (!is_valid(suggestion)) suggestion.clear();
  if (!characters.empty() && !suggestion.empty()) {
    return core::trf("{0} has {1}, but a {2} uses only a–z, 0–9, \".\", \"_\" and \"-\": write {3}",
                     {in_quotes(id), listed(characters), what, in_quotes(suggestion)});
  }
  std::string message = core::trf("{0} is not a valid {1}: {2}", {in_quotes(id), what, rule});
  if (!suggestion.empty()) message += core::trf("; write {0}", {in_quotes(suggestion)});
  return message;
}

std::string did_you_mean(std::string_view written, std::span<const std::string_view> known) {
  const std::string as_id = ascii_id(written);
  std::optional<std::string_view> close;
  if (!as_id.empty() && std::find(known.begin(), known.end(), as_id) != known.end()) {
    close = as_id;
  } else {
    close = core::closest_spelling(as_id.empty() ? written : std::string_view(as_id), known);
  }
  const std::vector<std::string> characters = non_ascii_characters(written);
  std::string clause;
  if (!characters.empty()) clause = core::trf("ids are written without {0}", {listed(characters)});
  if (close) clause += (clause.empty() ? "" : ": ") + core::trf("did you mean {0}?", {in_quotes(*close)});
  return clause.empty() ? "" : " (" + clause + ")";
}

bool is_time_zone(const std::string& name) {
  return !name.empty() && core::find_time_zone(name).has_value();
}

bool is_email_address(std::string_view text) {
  if (text.find_first_of("\r\n") != std::string_view::npos) return false;
  const size_t open = text.find('<');
  if (open == std::string_view::npos) return is_addr_spec(text);
  if (text.back() != '>') return false;
  const std::string_view display = text.substr(0, open);
  if (display.find('>') != std::string_view::npos) return false;
  return is_addr_spec(text.substr(open + 1, text.size() - open - 2));
}

std::optional<std::string> address_problem(std::string_view key, std::string_view text) {
  if (is_email_address(text)) return std::nullopt;
  // Split where people separate addresses: commas or semicolons (Outlook);
  // spaces only when there are neither, as "Name <a@x.se>" holds one.
  const std::string_view separators =
      text.find_first_of(",;") != std::string_view::npos ? std::string_view(",;") : std::string_view(" \t");
  std::vector<std::string> parts;
  std::string part;
  for (const char c : std::string(text) + std::string(1, separators.front())) {
    if (separators.find(c) != std::string_view::npos) {
      const std::size_t first = part.find_first_not_of(" \t");
      const std::size_t last = part.find_last_not_of(" \t");
      if (first != std::string::npos) parts.push_back(part.substr(first, last - first + 1));
      part.clear();
    } else {
      part.push_back(c);
    }
  }
  const auto is_address = [](const std::string& candidate) { return is_email_address(candidate); };
  if (parts.size() > 1 && std::all_of(parts.begin(), parts.end(), is_address)) {
    std::string list;
    for (const std::string& address : parts) list += (list.empty() ? "\"" : ", \"") + address + "\"";
    return core::trf("{0}: \"{1}\" holds several addresses: give each its own quotes: [{2}]", {key, text, list});
  }
  return core::trf("{0}: \"{1}\" is not an email address (write name@example.se or \"Name <name@example.se>\")",
                   {key, text});
}

UrlForm url_form(std::string_view url) {
  const std::string scheme = core::uri_scheme(url);
  if (scheme.empty()) return UrlForm::kRelative;
  const std::string_view rest = url.substr(scheme.size() + 1);
  if (rest.substr(0, 2) != "//") return UrlForm::kOtherScheme;
  if (scheme == "file") return UrlForm::kFile;
  if (core::is_web_scheme(scheme) && rest.size() > 2 && rest[2] != '/') return UrlForm::kHttp;
  return UrlForm::kOtherScheme;
}

std::filesystem::path resolve_path(const std::filesystem::path& base_dir, std::string_view path) {
  std::filesystem::path joined = base_dir / std::filesystem::path(path);
  std::error_code error;
  std::filesystem::path absolute = std::filesystem::absolute(joined, error);
  return (error ? joined : absolute).lexically_normal();
}

std::string file_url(const std::filesystem::path& absolute_path) {
  constexpr char kHex[] = "0123456789ABCDEF";
  std::string url = "file://";
  for (char c : absolute_path.generic_string()) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f || c == ' ' || c == '%' || c == '#' || c == '?') {
      url += '%';
      url += kHex[byte >> 4];
      url += kHex[byte & 0xf];
    } else {
      url += c;
    }
  }
  return url;
}

std::optional<std::filesystem::path> file_path(std::string_view url) {
  constexpr std::string_view kScheme = "file://";
  if (url.size() < kScheme.size() || !std::equal(kScheme.begin(), kScheme.end(), url.begin(),
                                                 [](char a, char b) { return std::tolower(static_cast<unsigned char>(b)) == a; })) {
    return std::nullopt;
  }
  std::string_view rest = url.substr(kScheme.size());
  const size_t slash = rest.find('/');
  const std::string_view host = rest.substr(0, slash);
  if (slash == std::string_view::npos || (!host.empty() && host != "localhost")) return std::nullopt;
  rest = rest.substr(slash);
  rest = rest.substr(0, rest.find_first_of("?#"));
  std::string path;
  for (size_t at = 0; at < rest.size(); ++at) {
    if (rest[at] == '%' && at + 2 < rest.size() && std::isxdigit(static_cast<unsigned char>(rest[at + 1])) &&
        std::isxdigit(static_cast<unsigned char>(rest[at + 2]))) {
      path += static_cast<char>(std::stoi(std::string(rest.substr(at + 1, 2)), nullptr, 16));
      at += 2;
    } else {
      path += rest[at];
    }
  }
  return std::filesystem::path(path);
}

}  // namespace omvarld::config
