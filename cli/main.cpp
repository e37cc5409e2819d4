// omvarld: the daemon and its command-line tools.
//
// Global library set-up happens here, once; exceptions that escape a library
// end here too, as exit status 3.

#include <cstdio>
#include <exception>

#include <curl/curl.h>

#include "app/exit_code.h"
#include "cli/cli.h"
#include "core/safe_text.h"

int main(int argc, char** argv) {
  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    std::fputs("omvarld: cannot initialise libcurl\n", stderr);
    return omvarld::app::kExitRuntime;
  }
  int status = omvarld::app::kExitRuntime;
  try {
    status = omvarld::cli::run_cli(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "omvarld: %s\n", omvarld::core::safe_text(e.what()).c_str());
  }
  curl_global_cleanup();
  return status;
}
