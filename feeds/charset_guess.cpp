#include "feeds/charset_guess.h"

#include <uchardet/uchardet.h>

#include <algorithm>
#include <array>
#include <memory>

#include "core/ascii.h"

namespace omvarld::feeds {
namespace {

struct DetectorDeleter {
  void operator()(uchardet_t detector) const { uchardet_delete(detector); }
};

}  // namespace

std::string guess_charset(std::string_view bytes) {
  constexpr std::size_t kSample = 64 * 1024;
  const std::unique_ptr<std::remove_pointer_t<uchardet_t>, DetectorDeleter> detector(uchardet_new());
  if (!detector) return {};
  const std::string_view sample = bytes.substr(0, kSample);
  if (uchardet_handle_data(detector.get(), sample.data(), sample.size()) != 0) return {};
  uchardet_data_end(detector.get());
  std::string name = core::lowercase_ascii(uchardet_get_charset(detector.get()));
  // uchardet names the supersets it decodes with; chardet (whose names
  // feedparser reports) the standard encodings. charset.h reads both
  // standard names through the superset.
  if (name == "uhc") return "euc-kr";
  if (name == "gb18030") return "gb2312";
  // Between the Latin single-byte encodings (windows-1252, -1250,
  // ISO-8859-1, -2, -15, …) a short Swedish text gives uchardet too little
  // to go on: it calls windows-1252 "windows-1250" and turns "å" into "ĺ".
  // Those guesses are left to the windows-1252 fallback; only guesses of
  // another script, which the fallback would garble for certain, are kept.
  static constexpr std::array<std::string_view, 22> kOtherScripts = {
      "big5", "euc-jp", "euc-kr", "gb2312", "shift_jis", "euc-tw", "iso-2022-jp", "iso-2022-kr",
      "iso-2022-cn", "koi8-r", "windows-1251", "iso-8859-5", "ibm855", "ibm866", "mac-cyrillic",
      "tis-620", "windows-1255", "iso-8859-8", "windows-1253", "iso-8859-7", "windows-1256",
      "iso-8859-6"};
  if (std::find(kOtherScripts.begin(), kOtherScripts.end(), name) == kOtherScripts.end()) return {};
  return name;
}

}  // namespace omvarld::feeds
