// tests/digest/sample_digest.h
//
// The fixed recipient, entries and moment the digest tests compose from:
// three entries, two of them through one topic (one undated) and one matched
// by the nämnd's own term, composed on Monday 23 November 2026 (week 48) at 07:00 in
// Stockholm. Header-only, for tests.

#pragma once

#include <chrono>
#include <vector>

#include "digest/compose.h"

namespace omvarld::digest::testing {

using namespace std::chrono_literals;

inline core::TimePoint at(std::chrono::year_month_day day, std::chrono::seconds time = 0s) {
  return core::TimePoint{std::chrono::sys_days{day}} + time;
}

inline Recipient sample_recipient() {
  Recipient recipient;
  recipient.namnd = "linkoping/utbildning";
  recipient.name = "Utbildningsnämnden, Linköping";
  recipient.addresses = {"utbildning.omvarld@linkoping.se", "Åsa Öberg <asa.oberg@linkoping.se>"};
  recipient.from = "Omvärldsbevakning <omvarld@linkoping.se>";
  recipient.contacts = {"Eva Ek <eva.ek@linkoping.se>", "internationella@linkoping.se"};
  return recipient;
}

inline core::TimePoint sample_now() { return at(2026y / 11 / 23, 6h); }

inline std::vector<Entry> sample_entries() {
  Entry erasmus;
  erasmus.title = "Commission opens the 2027 Erasmus+ call for proposals";
  erasmus.link =
      "https://ec.europa.eu/commission/presscorner/detail/en/ip_26_4711?lang=en&format=html";
  erasmus.source_name = "Europeiska kommissionen – press";
  erasmus.published = at(2026y / 11 / 20, 9h + 30min);
  erasmus.text =
      "The European Commission has today published the 2027 call for proposals under Erasmus+, "
      "the EU programme for education, training, youth and sport. Schools, förskola providers "
      "and adult education organisations can apply for mobility projects & cooperation "
      "partnerships. The budget for school education grows by 12 % compared with 2026, and "
      "small-scale partnerships get a simpler application form. Deadlines are in February and "
      "October 2027.";
  erasmus.terms = {"Erasmus+", "\"call for proposals\""};
  erasmus.found_words = {{"Erasmus+"}, {"call for proposals"}};
  erasmus.title_match = true;
  erasmus.topics = {"EU-finansiering och utlysningar"};

  Entry forskola;
  forskola.title = "Ny vägledning om förskolans arbete med språkutveckling";
  forskola.link = "https://skr.se/skr/tjanster/press/nyheter/forskola-sprak.html";
  forskola.source_name = "SKR";
  // 23:30 UTC is already Sunday 22 November in Stockholm.
  forskola.published = at(2026y / 11 / 21, 23h + 30min);
  forskola.text =
      "SKR har tagit fram en vägledning för förskola och förskoleklass om <arbetet> med "
      "språk och läsning.";
  forskola.terms = {"förskola"};
  forskola.found_words = {{"förskolans", "förskola", "förskoleklass"}};
  forskola.title_match = true;

  Entry interreg;
  interreg.title = "Interreg Östersjön: tredje utlysningen öppnar";
  interreg.link = "https://www.ostsam.se/nyheter/interreg-ostersjon";
  interreg.source_name = "EU-kontoret i Bryssel";
  interreg.text =
      "Interreg Östersjön öppnar sin tredje utlysning för projekt om skola, klimat och "
      "innovation.";
  // Stored before omvarld kept the words found: varför shows the terms.
  interreg.terms = {"Interreg", "utlysning"};
  interreg.title_match = true;
  interreg.topics = {"EU-finansiering och utlysningar"};

  return {erasmus, forskola, interreg};
}

}  // namespace omvarld::digest::testing
