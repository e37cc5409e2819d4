// omvarld: the daemon and its command-line tools.
//
// Global library set-up happens here, once; exceptions that escape a library
// end here too, as exit status 3.

#include <cstdio>
#include <exception>

#include <curl/curl.h>

#include "core/safe_text.h"
#include "daemon/cli.h"
#include "daemon/exit_code.h"

int main(int argc, char** argv) {
  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    std::fputs("omvarld: cannot initialise libcurl\n", stderr);
    return omvarld::daemon::kExitRuntime;
  }
  int status = omvarld::daemon::kExitRuntime;
  try {
    status = omvarld::daemon::run_cli(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "omvarld: %s\n", omvarld::core::safe_text(e.what()).c_str());
  }
  curl_global_cleanup();
  return status;
}
