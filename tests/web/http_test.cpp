#include "web/http.h"

#include <gtest/gtest.h>

namespace omvarld::web {
namespace {

TEST(RequestParam, ReadsTheQueryBeforeTheFormAndTheFirstOfRepeatedNames) {
  Request request;
  request.query = {{"q", "förskola"}, {"q", "skola"}};
  request.form = {{"q", "ignored"}, {"vote", "nej"}};
  EXPECT_EQ(request.param("q"), "förskola");
  EXPECT_EQ(request.param("vote"), "nej");
  EXPECT_EQ(request.param("missing"), std::nullopt);
}

}  // namespace
}  // namespace omvarld::web
