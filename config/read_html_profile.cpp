#include <string>

#include "config/readers.h"

namespace omvarld::config {

// Contract stub: the html kind's reader replaces this.
void read_html_profile(TableReader& source_table, SourceDraft& source) {
  if (source.config.kind == SourceKind::kHtml) {
    source_table.error("kind: \"html\" is not supported yet",
                       source_table.position("kind").value_or(source_table.where()));
  }
}

}  // namespace omvarld::config
