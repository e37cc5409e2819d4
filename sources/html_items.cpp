#include "sources/html_items.h"

namespace omvarld::sources {

// Contract stub: the html kind replaces this.
Result<std::vector<core::Item>, SourceFailure> html_items(const config::SourceConfig&,
                                                          std::string_view, std::string_view) {
  return tl::unexpected(SourceFailure{"profile", "kind \"html\" is not supported yet"});
}

}  // namespace omvarld::sources
