#include "config/language.h"

#include <array>
#include <utility>

#include "core/ascii.h"
#include "core/spelling.h"

namespace omvarld::config {

std::optional<core::Language> language_of_code(std::string_view code) {
  if (code == "sv") return core::Language::swedish;
  if (code == "en") return core::Language::english;
  return std::nullopt;
}

std::string language_problem(std::string_view code) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kMeant = {{
      {"svenska", "sv"}, {"swedish", "sv"}, {"sv-se", "sv"}, {"sv_se", "sv"}, {"se", "sv"},
      {"swe", "sv"}, {"engelska", "en"}, {"english", "en"}, {"en-gb", "en"}, {"en_gb", "en"},
      {"en-us", "en"}, {"en_us", "en"}}};
  static constexpr std::array<std::string_view, 2> kCodes = {"sv", "en"};
  const std::string lowered = core::lowercase_ascii(code);
  std::optional<std::string_view> meant;
  for (const auto& [name, its_code] : kMeant) {
    if (lowered == name) meant = its_code;
  }
  if (!meant) meant = core::closest_spelling(lowered, kCodes);
  if (meant) {
    return core::trf("language: expected \"sv\" or \"en\", got \"{0}\" (did you mean \"{1}\"?)",
                     {code, *meant});
  }
  return core::trf("language: expected \"sv\" (Swedish) or \"en\" (English), got \"{0}\"", {code});
}

}  // namespace omvarld::config
