#include <string>

#include "config/readers.h"

namespace omvarld::config {

// Contract stub: the json kind's reader replaces this.
void read_json_profile(TableReader& source_table, SourceDraft& source) {
  if (source.config.kind == SourceKind::kJson) {
    source_table.error("kind: \"json\" is not supported yet",
                       source_table.position("kind").value_or(source_table.where()));
  }
}

}  // namespace omvarld::config
