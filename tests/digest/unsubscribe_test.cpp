// How a reader leaves a digest: the List-Unsubscribe header and the footer
// line, both to the first coordinator with an address.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "digest/compose.h"
#include "digest/footer.h"
#include "digest/message.h"
#include "tests/digest/sample_digest.h"

namespace omvarld::digest {
namespace {

using testing::sample_entries;
using testing::sample_now;
using testing::sample_recipient;

std::string eml_for(const Recipient& recipient) {
  const Digest digest = compose(recipient, sample_entries(), sample_now());
  return to_message(recipient, digest, sample_now(), "<1@linkoping.se>").eml;
}

std::string headers_of(const std::string& eml) { return eml.substr(0, eml.find("\r\n\r\n") + 2); }

TEST(Unsubscribe, BuildsAMailtoToTheFirstContactWithAnAddress) {
  struct Case {
    const char* name;
    std::vector<std::string> contacts;
    const char* mailto;
  };
  const std::vector<Case> cases = {
      {"display name", {"Eva Ek <eva.ek@linkoping.se>", "b@x.se"},
       "mailto:eva.ek@linkoping.se?subject=Avregistrera%20linkoping%2Futbildning"},
      {"first has no address", {"Internationella enheten", "b@x.se"},
       "mailto:b@x.se?subject=Avregistrera%20linkoping%2Futbildning"},
      {"CR LF in a contact", {"evil@x.se\r\nBcc: all@x.se", "b@x.se"},
       "mailto:b@x.se?subject=Avregistrera%20linkoping%2Futbildning"},
      {"none", {}, ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(unsubscribe_mailto(c.contacts, "linkoping/utbildning"), c.mailto);
  }
  EXPECT_EQ(unsubscribe_mailto({"a@x.se"}, "norrköping/miljö"),
            "mailto:a@x.se?subject=Avregistrera%20norrk%C3%B6ping%2Fmilj%C3%B6");
}

TEST(Unsubscribe, PutsListUnsubscribeInTheHeaderToTheFirstCoordinator) {
  const std::string headers = headers_of(eml_for(sample_recipient()));
  EXPECT_NE(headers.find("\r\nList-Unsubscribe: "
                         "<mailto:eva.ek@linkoping.se?subject=Avregistrera%20linkoping%2Futbildning>"
                         "\r\n"),
            std::string::npos)
      << headers;
}

TEST(Unsubscribe, LeavesTheHeaderOutWithoutCoordinators) {
  Recipient recipient = sample_recipient();
  recipient.contacts.clear();
  EXPECT_EQ(headers_of(eml_for(recipient)).find("List-Unsubscribe"), std::string::npos);
}

TEST(Unsubscribe, LetsNoCrLfFromAContactReachTheHeaders) {
  Recipient recipient = sample_recipient();
  recipient.contacts = {"evil@x.se\r\nBcc: all@x.se"};
  const std::string headers = headers_of(eml_for(recipient));
  EXPECT_EQ(headers.find("Bcc:"), std::string::npos) << headers;
  EXPECT_EQ(headers.find("List-Unsubscribe"), std::string::npos) << headers;
}

TEST(Unsubscribe, TellsTheReaderHowToLeaveInBothParts) {
  const Digest digest = compose(sample_recipient(), sample_entries(), sample_now());
  EXPECT_NE(digest.text.find(
                "\nVill du inte längre få detta utskick? Skriv till eva.ek@linkoping.se.\n"),
            std::string::npos)
      << digest.text;
  EXPECT_NE(digest.html.find("Vill du inte längre få detta utskick? Skriv till <a "
                             "href=\"mailto:eva.ek@linkoping.se?subject=Avregistrera%20linkoping%"
                             "2Futbildning\" style=\"color:#00538a;\">eva.ek@linkoping.se</a>."),
            std::string::npos)
      << digest.html;
}

}  // namespace
}  // namespace omvarld::digest
