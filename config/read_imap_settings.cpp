#include <string>

#include "config/readers.h"

namespace omvarld::config {

// Contract stub: the imap kind's reader replaces this.
void read_imap_settings(TableReader& source_table, SourceDraft& source) {
  if (source.config.kind == SourceKind::kImap) {
    source_table.error("kind: \"imap\" is not supported yet",
                       source_table.position("kind").value_or(source_table.where()));
  }
}

}  // namespace omvarld::config
