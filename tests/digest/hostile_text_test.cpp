// Feed text in digests and the coordinators' report: items stored before
// intake made them safe still hold escape sequences, bidi overrides and
// zero-width characters, and a link's host may mix scripts. Neither body
// may carry any of it to the reader.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "digest/compose.h"
#include "digest/report.h"
#include "tests/digest/sample_digest.h"

namespace omvarld::digest {
namespace {

using testing::sample_now;
using testing::sample_recipient;

// Everything safe_text removes, one of each class, as a feed may carry it.
const std::vector<std::string> kHidden = {
    "\x1B",         "\xC2\x9B",     "\xC2\x85",     "\xE2\x80\xAE", "\xE2\x80\xAD",
    "\xE2\x81\xA6", "\xE2\x81\xA9", "\xE2\x80\x8E", "\xE2\x80\x8F", "\xD8\x9C",
    "\xE2\x80\x8B", "\xE2\x80\x8D", "\xE2\x81\xA0", "\xEF\xBB\xBF", "\xF3\xA0\x80\x81",
    "\xC2\xAD",     std::string(1, '\x07'), std::string(1, '\x7F'),
};

void expect_nothing_hidden(const std::string& body) {
  for (const std::string& hidden : kHidden) {
    SCOPED_TRACE(::testing::PrintToString(hidden));
    EXPECT_EQ(body.find(hidden), std::string::npos);
  }
}

Entry hostile_entry() {
  Entry entry;
  entry.title = "\x1B]0;pwned\x07\x1B[31mNy utlysning\x1B[0m f\xE2\x80\x8B\xC3\xB6rskola \xE2\x80\xAE" "fdp.exe";
  entry.link = "https://\xD0\xB0pple.com/login\xE2\x80\xAE";
  entry.source_name = "EU\xE2\x81\xA6-kontoret\xE2\x81\xA9 \xC2\x9B" "2J";
  entry.published = testing::at(std::chrono::year{2026} / 11 / 20, std::chrono::hours{9});
  entry.text = "F\xC3\xB6rskolor\xC2\xAD kan s\xC3\xB6ka\xEF\xBB\xBF. \x1B[2J\x1B[H Sista dag 15 mars.";
  entry.terms = {"förskola"};
  return entry;
}

TEST(HostileText, LeavesNothingHiddenInTheTextBody) {
  const std::vector<Entry> entries = {hostile_entry()};
  const Digest digest = compose(sample_recipient(), entries, sample_now());
  expect_nothing_hidden(digest.text);
  EXPECT_NE(digest.text.find("* Ny utlysning förskola fdp.exe\n"), std::string::npos) << digest.text;
  EXPECT_NE(digest.text.find("  EU-kontoret · 2026-11-20\n"), std::string::npos) << digest.text;
  EXPECT_NE(digest.text.find("  https://xn--pple-43d.com/login%E2%80%AE\n"), std::string::npos)
      << digest.text;
  EXPECT_NE(digest.text.find("  Förskolor kan söka. Sista dag 15 mars.\n"), std::string::npos)
      << digest.text;
}

TEST(HostileText, LeavesNothingHiddenInTheHtmlBody) {
  const std::vector<Entry> entries = {hostile_entry()};
  const Digest digest = compose(sample_recipient(), entries, sample_now());
  expect_nothing_hidden(digest.html);
  EXPECT_NE(digest.html.find("href=\"https://xn--pple-43d.com/login%E2%80%AE\""), std::string::npos);
  EXPECT_NE(digest.html.find(">Ny utlysning <strong>förskola</strong> fdp.exe</a>"), std::string::npos)
      << digest.html;
}

TEST(HostileText, LeavesNothingHiddenInTheReport) {
  Report report;
  report.from = sample_now() - std::chrono::days{7};
  report.to = sample_now();
  report.silent_after = std::chrono::days(30);
  report.failing.push_back({"Ond k\xC3\xA4lla \xE2\x80\xAE(ond)",
                            "not-a-feed: HTTP 200: \x1B]8;;https://evil.example/\x1B\\Klicka\x1B]8;;\x1B\\",
                            3, sample_now()});
  const Digest rendered = render_report(report, "Europe/Stockholm");
  expect_nothing_hidden(rendered.text);
  expect_nothing_hidden(rendered.html);
  EXPECT_NE(rendered.text.find("Ond källa (ond): not-a-feed: HTTP 200: Klicka"), std::string::npos)
      << rendered.text;
}

}  // namespace
}  // namespace omvarld::digest
