// The coordinators' report: Swedish sections in both parts, counts in the
// subject, and feed-supplied strings escaped.

#include "digest/report.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/digest/sample_digest.h"

namespace omvarld::digest {
namespace {

using namespace std::chrono_literals;
using testing::at;

Report sample_report() {
  Report report;
  report.from = at(2026y / 11 / 23, 6h);
  report.to = at(2026y / 11 / 30, 6h);
  report.silent_after = "30d";
  report.failing = {{"SKR (skr)", "HTTP 503 <b>Service Unavailable</b>", 4,
                     at(2026y / 11 / 28, 10h)}};
  report.silent = {{"Regeringen (regeringen-eu)", at(2026y / 10 / 1, 9h)},
                   {"Ny källa (ny)", std::nullopt}};
  report.floods = {{"EU-kontoret (bryssel)", at(2026y / 11 / 25, 8h), 502, 500}};
  report.namnder = {{"Utbildningsnämnden, Linköping (linkoping/utbildning)", 12, 1},
                    {"Miljönämnden & co (norrkoping/miljo)", 0, 0}};
  return report;
}

TEST(Report, ListsEverySectionInTheTextPart) {
  const Digest report = render_report(sample_report(), "Europe/Stockholm");
  EXPECT_EQ(report.subject,
            "Omvärldsbevakning – rapport v. 49: 1 källa med fel, 2 tysta källor, 1 flod av "
            "poster och 1 nämnd utan träffar");
  EXPECT_EQ(report.text,
            "Rapport till omvärldssamordnarna\n"
            "================================\n"
            "Perioden 2026-11-23 – 2026-11-30.\n"
            "\n"
            "Källor med fel\n"
            "* SKR (skr): HTTP 503 <b>Service Unavailable</b> (4 misslyckade hämtningar i rad, "
            "sedan 2026-11-28)\n"
            "\n"
            "Tysta källor (ingen ny post på 30d)\n"
            "* Regeringen (regeringen-eu): senaste nya post 2026-10-01\n"
            "* Ny källa (ny): aldrig någon post\n"
            "\n"
            "Ovanligt många nya poster\n"
            "* EU-kontoret (bryssel): 502 nya poster den 2026-11-25 (500 träffar med äldre datum "
            "hölls utanför utskicken)\n"
            "\n"
            "Träffar och utskick per nämnd\n"
            "* Utbildningsnämnden, Linköping (linkoping/utbildning): 12 träffar, 1 utskick\n"
            "* Miljönämnden & co (norrkoping/miljo): 0 träffar, 0 utskick – inga träffar alls: "
            "kontrollera filtret\n"
            "\n"
            "-- \n"
            "Det här mejlet skickas automatiskt av omvarld.\n");
}

TEST(Report, EscapesEveryStringInTheHtmlPart) {
  const Digest report = render_report(sample_report(), "Europe/Stockholm");
  EXPECT_EQ(report.html.find("<b>Service"), std::string::npos);
  EXPECT_NE(report.html.find("HTTP 503 &lt;b&gt;Service Unavailable&lt;/b&gt;"), std::string::npos)
      << report.html;
  EXPECT_NE(report.html.find("Miljönämnden &amp; co"), std::string::npos);
  EXPECT_EQ(report.html.find("<script"), std::string::npos);
}

TEST(Report, SaysAllIsWellWhenNothingIsWrong) {
  Report report = sample_report();
  report.failing.clear();
  report.silent.clear();
  report.floods.clear();
  report.namnder.pop_back();
  const Digest rendered = render_report(report, "Europe/Stockholm");
  EXPECT_EQ(rendered.subject, "Omvärldsbevakning – rapport v. 49: allt fungerar");
  EXPECT_NE(rendered.text.find("\nKällor med fel\nAlla källor hämtades utan fel.\n"),
            std::string::npos);
}

TEST(Report, ListsSourcesWhoseIdsAllChangedOnlyWhenThereAreAny) {
  Report report = sample_report();
  EXPECT_EQ(render_report(report, "Europe/Stockholm").text.find("bytte id"), std::string::npos);

  report.id_rotations = {{"SKR & <i>co</i> (skr)", at(2026y / 11 / 26, 8h), 12},
                         {"SKR & <i>co</i> (skr)", at(2026y / 11 / 27, 8h), 1}};
  const Digest rendered = render_report(report, "Europe/Stockholm");
  EXPECT_EQ(rendered.subject,
            "Omvärldsbevakning – rapport v. 49: 1 källa med fel, 2 tysta källor, 1 flod av "
            "poster, 1 källa bytte id och 1 nämnd utan träffar");
  EXPECT_NE(rendered.text.find(
                "\nKällor som bytte id på alla poster\n"
                "* SKR & <i>co</i> (skr): 12 poster fick nya id den 2026-11-26 och känns igen på "
                "länk eller rubrik, inte lagrade på nytt (överväg identity = \"link\")\n"
                "* SKR & <i>co</i> (skr): 1 post fick nya id den 2026-11-27 och känns igen på "
                "länk eller rubrik, inte lagrade på nytt (överväg identity = \"link\")\n"),
            std::string::npos)
      << rendered.text;
  EXPECT_NE(rendered.html.find("• SKR &amp; &lt;i&gt;co&lt;/i&gt; (skr): 12 poster fick nya id"),
            std::string::npos)
      << rendered.html;
}

}  // namespace
}  // namespace omvarld::digest
