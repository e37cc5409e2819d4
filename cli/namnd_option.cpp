#include "cli/namnd_option.h"

#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/spelling.h"
#include "core/translate.h"

namespace omvarld::cli {

const config::NamndConfig* configured_namnd(const config::Config& config, const core::NamndId& id) {
  if (const config::NamndConfig* namnd = config.find_namnd(id)) return namnd;
  std::vector<std::string_view> ids;
  for (const config::NamndConfig& namnd : config.namnder) ids.push_back(namnd.id);
  std::string message = core::trf("--namnd: no nämnd \"{0}\" in the configuration", {id});
  if (auto close = core::closest_spelling(id, ids)) {
    message += core::trf(" (did you mean \"{0}\"?)", {*close});
  } else if (!ids.empty()) {
    std::string all;
    for (std::string_view known : ids) all += (all.empty() ? "" : ", ") + std::string(known);
    message += core::trf("; the nämnder are: {0}", {all});
  }
  std::cerr << message << "\n";
  return nullptr;
}

}  // namespace omvarld::cli
