// The coordinators' report: Swedish sections in both parts, counts in the
// subject, and feed-supplied strings escaped.

#include "digest/report.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "tests/digest/sample_digest.h"

namespace omvarld::digest {
namespace {

using namespace std::chrono_literals;
using testing::at;

Report sample_report() {
  Report report;
  report.from = at(2026y / 11 / 23, 6h);
  report.to = at(2026y / 11 / 30, 6h);
  report.silent_after = std::chrono::days(30);
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
            "Omvärldsbevakning – rapport v. 49: 1 källa med fel, 2 tysta källor, 1 källa med "
            "ovanligt många nya poster och 1 nämnd utan träffar");
  EXPECT_EQ(report.text,
            "Rapport till omvärldssamordnarna\n"
            "================================\n"
            "Perioden 2026-11-23 – 2026-11-30.\n"
            "\n"
            "Utskick som inte har gått fram\n"
            "Alla utskick har gått fram.\n"
            "\n"
            "Källor med fel\n"
            "* SKR (skr): HTTP 503 <b>Service Unavailable</b> (4 misslyckade hämtningar i rad, "
            "sedan 2026-11-28)\n"
            "\n"
            "Tysta källor (ingen ny post på 30 dagar)\n"
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

// Officials who get no mail come first, in the subject and the body; a
// permanent refusal says so and when it is tried again.
TEST(Report, ListsDigestsThatHaveNotGoneOutPermanentRefusalsByName) {
  Report report = sample_report();
  report.deliveries = {
      {"Utbildningsnämnden, Linköping (linkoping/utbildning)",
       "smtp://relay.linkoping.se:587: message rejected (552 5.3.4 message size exceeds fixed "
       "maximum)",
       1, at(2026y / 11 / 30, 6h), at(2026y / 12 / 7, 6h), true},
      {"Miljönämnden & co (norrkoping/miljo)", "smtp://relay.linkoping.se:587: cannot connect",
       3, at(2026y / 11 / 29, 6h), at(2026y / 11 / 30, 7h), false},
  };
  const Digest rendered = render_report(report, "Europe/Stockholm");
  EXPECT_EQ(rendered.subject,
            "Omvärldsbevakning – rapport v. 49: 1 utskick avvisat, 1 utskick har inte gått fram, "
            "1 källa med fel, 2 tysta källor, 1 källa med ovanligt många nya poster och 1 nämnd "
            "utan träffar");
  EXPECT_NE(
      rendered.text.find(
          "Perioden 2026-11-23 – 2026-11-30.\n"
          "\n"
          "Utskick som inte har gått fram\n"
          "* Utbildningsnämnden, Linköping (linkoping/utbildning): e-postservern avvisar "
          "utskicket (smtp://relay.linkoping.se:587: message rejected (552 5.3.4 message size "
          "exceeds fixed maximum)); nytt försök vid nästa utskickstid "
          "2026-12-07 eller när konfigurationen ändras (1 misslyckat försök, sedan 2026-11-30)\n"
          "* Miljönämnden & co (norrkoping/miljo): smtp://relay.linkoping.se:587: cannot connect "
          "(3 misslyckade försök i rad, sedan 2026-11-29; nästa försök 2026-11-30)\n"
          "\n"
          "Källor med fel\n"),
      std::string::npos)
      << rendered.text;
  EXPECT_NE(rendered.html.find("• Miljönämnden &amp; co (norrkoping/miljo): smtp://"),
            std::string::npos)
      << rendered.html;
}

// "allt fungerar" is for a report with nothing in any section that means
// trouble: each kind alone is enough to say otherwise.
TEST(Report, NeverSaysAllIsWellWhileAnythingFails) {
  Report healthy = sample_report();
  healthy.failing.clear();
  healthy.silent.clear();
  healthy.floods.clear();
  healthy.namnder.pop_back();
  ASSERT_EQ(render_report(healthy, "Europe/Stockholm").subject,
            "Omvärldsbevakning – rapport v. 49: allt fungerar");
  const Report sample = sample_report();
  struct Case {
    const char* name;
    std::function<void(Report&)> spoil;
    const char* subject_end;
  };
  const std::vector<Case> cases = {
      {"a failing source", [&](Report& r) { r.failing = sample.failing; }, "1 källa med fel"},
      {"a silent source", [&](Report& r) { r.silent.push_back(sample.silent[1]); },
       "1 tyst källa"},
      {"a flood", [&](Report& r) { r.floods = sample.floods; },
       "1 källa med ovanligt många nya poster"},
      {"ids that changed",
       [](Report& r) { r.id_rotations = {{"SKR (skr)", at(2026y / 11 / 26, 8h), 3}}; },
       "1 källa bytte id"},
      {"a nämnd without matches", [&](Report& r) { r.namnder = sample.namnder; },
       "1 nämnd utan träffar"},
      {"a digest that fails",
       [](Report& r) {
         r.deliveries = {{"U (u)", "cannot connect", 1, at(2026y / 11 / 30, 6h),
                          at(2026y / 11 / 30, 7h), false}};
       },
       "1 utskick har inte gått fram"},
      {"a digest refused for good",
       [](Report& r) {
         r.deliveries = {{"U (u)", "message rejected (552 too big)", 2, at(2026y / 11 / 30, 6h),
                          at(2026y / 12 / 7, 6h), true}};
       },
       "1 utskick avvisat"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Report report = healthy;
    c.spoil(report);
    EXPECT_EQ(render_report(report, "Europe/Stockholm").subject,
              std::string("Omvärldsbevakning – rapport v. 49: ") + c.subject_end);
  }
}

TEST(Report, ListsSourcesWhoseIdsAllChangedOnlyWhenThereAreAny) {
  Report report = sample_report();
  EXPECT_EQ(render_report(report, "Europe/Stockholm").text.find("bytte id"), std::string::npos);

  report.id_rotations = {{"SKR & <i>co</i> (skr)", at(2026y / 11 / 26, 8h), 12},
                         {"SKR & <i>co</i> (skr)", at(2026y / 11 / 27, 8h), 1}};
  const Digest rendered = render_report(report, "Europe/Stockholm");
  EXPECT_EQ(rendered.subject,
            "Omvärldsbevakning – rapport v. 49: 1 källa med fel, 2 tysta källor, 1 källa med "
            "ovanligt många nya poster, 1 källa bytte id och 1 nämnd utan träffar");
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

// What officials answered: a section per nämnd with answers, after the
// nämnder's counts; the items called not relevant with the terms that
// brought them, then the share of Nej per term in plain words.
TEST(Report, ListsTheOfficialsAnswersPerNamndOnlyWhenThereAreAny) {
  Report report = sample_report();
  const Digest without = render_report(report, "Europe/Stockholm");
  EXPECT_EQ(without.text.find("Svar från"), std::string::npos);

  report.answers = {
      {"Utbildningsnämnden, Linköping (linkoping/utbildning)",
       1,
       3,
       {{"Skolval <2027> & mer", "https://skr.example.se/skolval", 2, {"skola", "förskola"}},
        {"Läxhjälp", "", 1, {"skola"}},
        {"Gammal nyhet", "https://x.se/g", 1, {}}},
       {{"skola", 1, 3}, {"förskola", 0, 2}, {"gymnasium", 1, 0}}},
      {"Miljönämnden & co (norrkoping/miljo)", 0, 0, {}, {}},  // no answers: no section
  };
  const Digest rendered = render_report(report, "Europe/Stockholm");
  EXPECT_EQ(rendered.subject, without.subject);  // answers are not a problem to count
  EXPECT_NE(
      rendered.text.find(
          "kontrollera filtret\n"
          "\n"
          "Svar från tjänstepersonerna: Utbildningsnämnden, Linköping (linkoping/utbildning)\n"
          "* 4 svar: 1 Ja (relevant), 3 Nej (inte relevant)\n"
          "* Nej: \"Skolval <2027> & mer\" (2 svar Nej, kom med på termerna \"skola\" och "
          "\"förskola\") https://skr.example.se/skolval\n"
          "* Nej: \"Läxhjälp\" (1 svar Nej, kom med på termen \"skola\")\n"
          "* Nej: \"Gammal nyhet\" (1 svar Nej) https://x.se/g\n"
          "* term \"skola\": 3 av 4 svar Nej (75 %) – överväg att ändra eller ta bort termen\n"
          "* term \"förskola\": 2 av 2 svar Nej (100 %) – överväg att ändra eller ta bort "
          "termen\n"
          "* term \"gymnasium\": 0 av 1 svar Nej (0 %)\n"
          "\n"
          "-- \n"),
      std::string::npos)
      << rendered.text;
  EXPECT_EQ(rendered.text.find("Miljönämnden & co (norrkoping/miljo)\n* "), std::string::npos);
  EXPECT_NE(rendered.html.find("• Nej: &quot;Skolval &lt;2027&gt; &amp; mer&quot;"),
            std::string::npos)
      << rendered.html;
  EXPECT_EQ(rendered.html.find("<2027>"), std::string::npos);
}

TEST(Report, RoundsTheShareOfNejToAWholePercent) {
  Report report = sample_report();
  report.answers = {{"U (u)", 2, 1, {}, {{"a", 2, 1}, {"b", 1, 2}}}};
  const std::string text = render_report(report, "Europe/Stockholm").text;
  EXPECT_NE(text.find("* term \"a\": 1 av 3 svar Nej (33 %)\n"), std::string::npos) << text;
  // 2 of 3 is most of them, and more than one answer: worth a look.
  EXPECT_NE(text.find("* term \"b\": 2 av 3 svar Nej (67 %) – överväg"), std::string::npos)
      << text;
}

}  // namespace
}  // namespace omvarld::digest
