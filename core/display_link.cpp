#include "core/display_link.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include <idn2.h>

#include "core/ascii.h"
#include "core/safe_text.h"

namespace omvarld::core {

namespace {

// Scripts as far as mixing them matters; kCommon stands for Common and
// Inherited (digits, punctuation, combining marks), which go with any script.
enum Script : std::uint32_t {
  kCommon,
  kLatin,
  kGreek,
  kCyrillic,
  kArmenian,
  kHebrew,
  kArabic,
  kThai,
  kGeorgian,
  kHangul,
  kHiragana,
  kKatakana,
  kBopomofo,
  kHan,
  kBlock,  // an unlisted script: kBlock + its 128-character block, one script each
};

struct ScriptRange {
  char32_t first;
  char32_t last;
  Script script;
};

// The scripts of the characters domain names are written in (Unicode
// Scripts.txt, by block, with the Common and Inherited characters inside
// those blocks that matter), sorted. Not listed and not ASCII: kBlock.
constexpr std::array<ScriptRange, 60> kScripts = {{
    {0x0080, 0x00A9, kCommon},    {0x00AA, 0x00AA, kLatin},     {0x00AB, 0x00B9, kCommon},
    {0x00BA, 0x00BA, kLatin},     {0x00BB, 0x00BF, kCommon},    {0x00C0, 0x00D6, kLatin},
    {0x00D7, 0x00D7, kCommon},    {0x00D8, 0x00F6, kLatin},     {0x00F7, 0x00F7, kCommon},
    {0x00F8, 0x02AF, kLatin},     {0x02B0, 0x036F, kCommon},    {0x0370, 0x03FF, kGreek},
    {0x0400, 0x052F, kCyrillic},  {0x0530, 0x058F, kArmenian},  {0x0590, 0x05FF, kHebrew},
    {0x0600, 0x06FF, kArabic},    {0x0750, 0x077F, kArabic},    {0x08A0, 0x08FF, kArabic},
    {0x0E00, 0x0E7F, kThai},      {0x10A0, 0x10FF, kGeorgian},  {0x1100, 0x11FF, kHangul},
    {0x1AB0, 0x1AFF, kCommon},    {0x1C80, 0x1C8F, kCyrillic},  {0x1C90, 0x1CBF, kGeorgian},
    {0x1D00, 0x1DBF, kLatin},     {0x1DC0, 0x1DFF, kCommon},    {0x1E00, 0x1EFF, kLatin},
    {0x1F00, 0x1FFF, kGreek},     {0x2000, 0x2125, kCommon},    {0x2126, 0x2126, kGreek},
    {0x2127, 0x2129, kCommon},    {0x212A, 0x212B, kLatin},     {0x212C, 0x2BFF, kCommon},
    {0x2C60, 0x2C7F, kLatin},     {0x2D00, 0x2D2F, kGeorgian},  {0x2DE0, 0x2DFF, kCyrillic},
    {0x2E00, 0x2E7F, kCommon},    {0x2E80, 0x2FDF, kHan},       {0x3000, 0x3004, kCommon},
    {0x3005, 0x3005, kHan},       {0x3006, 0x3006, kCommon},    {0x3007, 0x3007, kHan},
    {0x3008, 0x3020, kCommon},    {0x3021, 0x3029, kHan},       {0x302A, 0x303F, kCommon},
    {0x3040, 0x309F, kHiragana},  {0x30A0, 0x30FF, kKatakana},  {0x3100, 0x312F, kBopomofo},
    {0x3130, 0x318F, kHangul},    {0x31A0, 0x31BF, kBopomofo},  {0x31F0, 0x31FF, kKatakana},
    {0x3400, 0x4DBF, kHan},       {0x4E00, 0x9FFF, kHan},       {0xA640, 0xA69F, kCyrillic},
    {0xA720, 0xA7FF, kLatin},     {0xAB30, 0xAB6F, kLatin},     {0xAC00, 0xD7FF, kHangul},
    {0xF900, 0xFAFF, kHan},       {0xFF00, 0xFFEF, kCommon},    {0x20000, 0x3FFFF, kHan},
}};

std::uint32_t script_of(char32_t c) {
  if (c < 0x80) {
    const bool letter = (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
    return letter ? kLatin : kCommon;
  }
  const auto* it = std::upper_bound(kScripts.begin(), kScripts.end(), c,
                                    [](char32_t value, const ScriptRange& r) { return value < r.first; });
  if (it != kScripts.begin() && c <= (it - 1)->last) return (it - 1)->script;
  return kBlock + (c >> 7);
}

// Decodes well-formed UTF-8; an ill-formed byte counts as its own block.
std::vector<char32_t> code_points(std::string_view text) {
  std::vector<char32_t> points;
  for (std::size_t at = 0; at < text.size();) {
    const auto lead = static_cast<unsigned char>(text[at]);
    const std::size_t size = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    char32_t value = size == 1 ? lead : lead & (0x7F >> size);
    bool valid = size == 1 ? lead < 0x80 : at + size <= text.size();
    for (std::size_t i = 1; valid && i < size; ++i) {
      const auto next = static_cast<unsigned char>(text[at + i]);
      valid = (next & 0xC0) == 0x80;
      value = (value << 6) | (next & 0x3F);
    }
    points.push_back(valid ? value : 0xDC00 + lead);  // a lone surrogate: its own block
    at += valid ? size : 1;
  }
  return points;
}

// UTS #39, 5.2 "Highly Restrictive": one script, or Latin with
// Han + Hiragana + Katakana, with Han + Bopomofo, or with Han + Hangul.
bool is_allowed_mix(const std::vector<std::uint32_t>& scripts) {
  const auto within = [&](std::initializer_list<std::uint32_t> allowed) {
    return std::all_of(scripts.begin(), scripts.end(), [&](std::uint32_t s) {
      return std::find(allowed.begin(), allowed.end(), s) != allowed.end();
    });
  };
  return scripts.size() <= 1 || within({kLatin, kHan, kHiragana, kKatakana}) ||
         within({kLatin, kHan, kBopomofo}) || within({kLatin, kHan, kHangul});
}

struct Idn2Deleter {
  void operator()(uint8_t* name) const { idn2_free(name); }
};

// The IDNA ASCII form of `host` as libcurl looks it up (UTS #46
// non-transitional, then transitional), or its non-ASCII bytes
// percent-encoded when it is no valid IDNA name.
std::string ascii_host(const std::string& host) {
  const int attempts[] = {IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL, IDN2_TRANSITIONAL};
  for (int flags : attempts) {
    uint8_t* looked_up = nullptr;
    if (idn2_lookup_u8(reinterpret_cast<const uint8_t*>(host.c_str()), &looked_up, flags) ==
        IDN2_OK) {
      const std::unique_ptr<uint8_t, Idn2Deleter> owned(looked_up);
      return reinterpret_cast<const char*>(looked_up);
    }
  }
  constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (char c : host) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      encoded += c;
    } else {
      encoded += '%';
      encoded += kHex[byte >> 4];
      encoded += kHex[byte & 0x0F];
    }
  }
  return encoded;
}

bool is_scheme(std::string_view text) {
  if (text.empty() || !((text[0] >= 'a' && text[0] <= 'z') || (text[0] >= 'A' && text[0] <= 'Z'))) {
    return false;
  }
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '+' || c == '-' || c == '.';
  });
}

}  // namespace

std::string without_tracking(std::string_view link) {
  const std::size_t fragment = std::min(link.find('#'), link.size());
  const std::size_t question = link.substr(0, fragment).find('?');
  if (question == std::string_view::npos) return std::string(link);
  const std::string_view query = link.substr(question + 1, fragment - question - 1);
  std::string kept;
  for (std::size_t start = 0; start <= query.size();) {
    const std::size_t end = std::min(query.find('&', start), query.size());
    const std::string_view parameter = query.substr(start, end - start);
    const bool tracking = lowercase_ascii(parameter.substr(0, 4)) == "utm_";
    if (!parameter.empty() && !tracking) kept += (kept.empty() ? "" : "&") + std::string(parameter);
    start = end + 1;
  }
  std::string out(link.substr(0, question));
  if (!kept.empty()) out += "?" + kept;
  out += link.substr(fragment);
  return out;
}

bool mixes_scripts(std::string_view label) {
  std::vector<std::uint32_t> scripts;
  for (char32_t c : code_points(label)) {
    const std::uint32_t script = script_of(c);
    if (script == kCommon) continue;
    if (std::find(scripts.begin(), scripts.end(), script) == scripts.end()) scripts.push_back(script);
  }
  return !is_allowed_mix(scripts);
}

std::string display_link(std::string_view link) {
  std::string safe = safe_link(without_tracking(link));
  const std::size_t separator = safe.find("://");
  if (separator == std::string::npos || !is_scheme(std::string_view(safe).substr(0, separator))) {
    return safe;
  }
  const std::size_t authority = separator + 3;
  const std::size_t authority_end = std::min(safe.find_first_of("/?#", authority), safe.size());
  const std::size_t at_sign = safe.rfind('@', authority_end - 1);
  const std::size_t host_start =
      at_sign != std::string::npos && at_sign >= authority ? at_sign + 1 : authority;
  if (host_start >= authority_end || safe[host_start] == '[') return safe;  // none, or IPv6
  const std::size_t colon = safe.find(':', host_start);
  const std::size_t host_end = std::min(colon, authority_end);
  const std::string host = safe.substr(host_start, host_end - host_start);

  bool mixed = false;
  for (std::size_t start = 0; start <= host.size() && !mixed;) {
    const std::size_t dot = std::min(host.find('.', start), host.size());
    mixed = mixes_scripts(std::string_view(host).substr(start, dot - start));
    start = dot + 1;
  }
  if (!mixed) return safe;
  return safe.substr(0, host_start) + ascii_host(host) + safe.substr(host_end);
}

}  // namespace omvarld::core
