// Placeholder until the extension readers land.

#include "feeds/extensions.h"

namespace omvarld::feeds {

void read_extensions(pugi::xml_node /*root*/, const std::string& /*document_url*/, ParsedFeed& /*feed*/) {}

}  // namespace omvarld::feeds
