// config/checks.h
//
// Pure checks on single configuration values: ids (and what to write for a
// wrong or unknown one), email addresses, URLs and paths. Internal to
// config/; what describes a problem leaves out the key and position, which
// the caller adds.

#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace omvarld::config {

// Source and topic ids: [a-z0-9][a-z0-9._-]*.
bool is_simple_id(std::string_view id);

// Nämnd ids: two simple ids joined by one slash, "kommun/nämnd".
bool is_namnd_id(std::string_view id);

// The characters of `id` outside ASCII, each once, in order:
// "linköping/äldrenämnden" has "ö" and "ä". Bytes that are not UTF-8 are
// left out.
std::vector<std::string> non_ascii_characters(std::string_view id);

// `id` written as an id may be: Swedish and other accented letters without
// their marks (å, ä → a; ö → o; é → e; ü → u), capitals lowered, spaces as
// "-": "Linköping/Äldrenämnden" → "linkoping/aldrenamnden". Empty when a
// character has no such letter; the result may still not be a valid id.
std::string ascii_id(std::string_view id);

// What is wrong with `id`, which `is_valid` (is_simple_id, is_namnd_id)
// refuses as a `what` ("source id", "tag", "namnd id"), and what to write
// instead when ascii_id() makes it valid: `"linköping" has "ö", but a
// source id uses only a–z, 0–9, ".", "_" and "-": write "linkoping"`; else
// `"EC Press" is not a valid source id: RULE; write "ec-press"`, where
// `rule` says what the id must look like.
std::string explain_bad_id(std::string_view id, std::string_view what, std::string_view rule,
                           bool (*is_valid)(std::string_view));

// An address as mail headers carry it: "Display Name <local@domain.tld>" or a
// bare "local@domain.tld". Rejects CR and LF anywhere (header injection),
// spaces in the address, a missing or doubled @, and a domain without a dot.
bool is_email_address(std::string_view text);

// Why `text`, written as an address under `key`, is not one, in words a
// coordinator can act on: "recipients: \"a@x.se, b@x.se\" holds several
// addresses: give each its own quotes: [\"a@x.se\", \"b@x.se\"]". Empty
// for an address.
std::optional<std::string> address_problem(std::string_view key, std::string_view text);

// A zone of the system's tz database, such as "Europe/Stockholm": digests
// are scheduled and dated in it.
bool is_time_zone(const std::string& name);

// What to add to the message about `written`, a reference to none of
// `known` (source ids and tags, topic ids): ` (did you mean "KNOWN"?)` for
// the known one it is once written as an id (ascii_id) or a close spelling
// of it, with the characters an id cannot have named first:
// ` (ids are written without "ö": did you mean "linkoping"?)`. Empty when
// nothing is close and `written` is ASCII.
std::string did_you_mean(std::string_view written, std::span<const std::string_view> known);

// How a source url is written.
enum class UrlForm { kHttp, kFile, kRelative, kOtherScheme };
UrlForm url_form(std::string_view url);

// `path` made absolute against `base_dir` (itself made absolute against the
// working directory) and normalized; absolute paths are only normalized.
std::filesystem::path resolve_path(const std::filesystem::path& base_dir, std::string_view path);

// file:// URL of an absolute path, with the characters that a URL cannot
// carry as they are (space, %, #, ?, controls) percent-encoded.
std::string file_url(const std::filesystem::path& absolute_path);

// The local path of a file:// URL as file_url() writes it or a person does
// (file:///srv/feeds/a.xml, file://localhost/srv/…): its %XX escapes
// decoded, a query or fragment left out. Nothing for another host.
std::optional<std::filesystem::path> file_path(std::string_view url);

}  // namespace omvarld::config
