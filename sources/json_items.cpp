#include "sources/json_items.h"

namespace omvarld::sources {

// Contract stub: the json kind replaces this.
feeds::FetchRequest json_request(const config::SourceConfig& source, const FetchContext& context) {
  return {source.id, context.url, context.etag, context.last_modified};
}

Result<std::vector<core::Item>, SourceFailure> json_items(const config::SourceConfig&,
                                                          std::string_view, std::string_view) {
  return tl::unexpected(SourceFailure{"json", "kind \"json\" is not supported yet"});
}

}  // namespace omvarld::sources
