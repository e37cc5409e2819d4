#include "web/http.h"

#include <gtest/gtest.h>

#include "web/page.h"

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

TEST(RenderPage, EscapesTheTitleAndSpeaksSwedishWithoutScript) {
  const std::string html = render_page({"<Utbildning & \"skola\">"}, "<p>innehåll</p>");
  EXPECT_NE(html.find("<html lang=\"sv\">"), std::string::npos);
  EXPECT_NE(html.find("<h1>&lt;Utbildning &amp; &quot;skola&quot;&gt;</h1>"), std::string::npos);
  EXPECT_EQ(html.find("<Utbildning"), std::string::npos);
  EXPECT_NE(html.find("<main id=\"innehall\">\n<h1>"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("style="), std::string::npos);  // the CSP allows no inline style
}

TEST(ErrorPage, SaysWhatHappenedInSwedishWithTheStatus) {
  const Response response = error_page(404, "Nämnden <x> finns inte.");
  EXPECT_EQ(response.status, 404);
  EXPECT_NE(response.body.find("Sidan finns inte"), std::string::npos);
  EXPECT_NE(response.body.find("Nämnden &lt;x&gt; finns inte."), std::string::npos);
}

}  // namespace
}  // namespace omvarld::web
