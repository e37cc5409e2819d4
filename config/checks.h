// config/checks.h
//
// Pure checks on single configuration values: ids, email addresses, URLs
// and paths. Internal to config/; each
// returns a description of the problem (without key or position, which the
// caller adds) or nothing when the value is fine.

#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace omvarld::config {

// Source and topic ids: [a-z0-9][a-z0-9._-]*.
bool is_simple_id(std::string_view id);

// Nämnd ids: two simple ids joined by one slash, "kommun/nämnd".
bool is_namnd_id(std::string_view id);

// An address as mail headers carry it: "Display Name <local@domain.tld>" or a
// bare "local@domain.tld". Rejects CR and LF anywhere (header injection),
// spaces in the address, a missing or doubled @, and a domain without a dot.
bool is_email_address(std::string_view text);

// A zone of the system's tz database, such as "Europe/Stockholm": digests
// are scheduled and dated in it.
bool is_time_zone(const std::string& name);

// How a source url is written.
enum class UrlForm { kHttp, kFile, kRelative, kOtherScheme };
UrlForm url_form(std::string_view url);

// `path` made absolute against `base_dir` (itself made absolute against the
// working directory) and normalized; absolute paths are only normalized.
std::filesystem::path resolve_path(const std::filesystem::path& base_dir, std::string_view path);

// file:// URL of an absolute path, with the characters that a URL cannot
// carry as they are (space, %, #, ?, controls) percent-encoded.
std::string file_url(const std::filesystem::path& absolute_path);

}  // namespace omvarld::config
