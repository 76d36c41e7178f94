// Format versions: reading the header, and migrating older documents to the current version.
// Internal to the json_io files. See "Versions and migration" in docs/data-format.md.
#pragma once
#include "core/result.h"

#include <string>
#include <string_view>

namespace dd::json_io {

// Checks "format" and "version" (wherever they are in the top-level object; the writer puts
// them first, so the scan usually stops after a few bytes). Returns the version, which is at
// most kJsonFormatVersion: a newer one is refused here with a message.
Result<int> read_header(std::string_view text);

// Runs the chain migrate_v<from>_to_v<from+1>, ... on a DOM of the document and returns it as
// text of the current version. Old documents are rare and small, so a DOM is fine here.
Result<std::string> migrate_to_current(std::string_view text, int from_version);

}  // namespace dd::json_io
