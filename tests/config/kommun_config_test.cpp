// [kommun.ID]: each municipality's own sender, contacts and list address,
// falling back to [mail]'s; and the mistakes a coordinator may make in it,
// each at FILE:LINE:COL.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "config/config.h"
#include "core/translate.h"
#include "tests/config/error_messages.h"
#include "tests/support/temp_dir.h"

namespace omvarld::config {
namespace {

using omvarld::testing::TempDir;

constexpr char kMain[] = R"toml([mail]
from = "Omvärldsbevakning <omvarld@linkoping.se>"
reply_to = "internationella.samordnare@linkoping.se"
coordinators = ["internationella.samordnare@linkoping.se"]

[[namnd]]
id = "linkoping/utbildning"
name = "Utbildningsnämnden"
recipients = ["utbildning@linkoping.se"]
any = ["förskola"]

[[namnd]]
id = "norrkoping/samhallsbyggnad"
name = "Samhällsbyggnadsnämnden"
recipients = ["samhallsbyggnad@norrkoping.se"]
any = ["bostad*"]
)toml";

TEST(KommunConfig, SignsANamndsDigestWithItsKommunsSettings) {
  TempDir dir;
  const auto main_file = dir.write("omvarld.toml", kMain);
  dir.write("conf.d/30-norrkoping.toml", R"toml([kommun.norrkoping]
name = "Norrköpings kommun"
from = "Omvärldsbevakning Norrköping <omvarld@norrkoping.se>"
reply_to = "EU-samordnare <eu.samordnare@norrkoping.se>"
contacts = ["Eva Ek <eva.ek@norrkoping.se>", "eu.samordnare@norrkoping.se"]
list_unsubscribe = "omvarld-avregistrering@norrkoping.se"
)toml");

  auto config = load_config(main_file);

  ASSERT_TRUE(config) << to_string(config.error().front());
  ASSERT_EQ(config->kommuner.size(), 1u);
  const Sender norrkoping = config->sender_of("norrkoping/samhallsbyggnad");
  EXPECT_EQ(norrkoping.from, "Omvärldsbevakning Norrköping <omvarld@norrkoping.se>");
  EXPECT_EQ(norrkoping.reply_to, "EU-samordnare <eu.samordnare@norrkoping.se>");
  EXPECT_EQ(norrkoping.contacts,
            (std::vector<std::string>{"Eva Ek <eva.ek@norrkoping.se>", "eu.samordnare@norrkoping.se"}));
  EXPECT_EQ(norrkoping.list_unsubscribe, "omvarld-avregistrering@norrkoping.se");
  EXPECT_EQ(norrkoping.kommun_name, "Norrköpings kommun");
  // Linköping has no table: [mail] signs its digests, as before.
  const Sender linkoping = config->sender_of("linkoping/utbildning");
  EXPECT_EQ(linkoping.from, "Omvärldsbevakning <omvarld@linkoping.se>");
  EXPECT_EQ(linkoping.reply_to, "internationella.samordnare@linkoping.se");
  EXPECT_EQ(linkoping.contacts, std::vector<std::string>{"internationella.samordnare@linkoping.se"});
  EXPECT_EQ(linkoping.list_unsubscribe, "");
  EXPECT_EQ(linkoping.kommun_name, "");
}

TEST(KommunConfig, TakesTheKeysAKommunLeavesOutFromMail) {
  TempDir dir;
  const auto main_file = dir.write("omvarld.toml", std::string(kMain) + R"toml(
[kommun.norrkoping]
from = "omvarld@norrkoping.se"
)toml");

  auto config = load_config(main_file);

  ASSERT_TRUE(config) << to_string(config.error().front());
  const Sender sender = config->sender_of("norrkoping/samhallsbyggnad");
  EXPECT_EQ(sender.from, "omvarld@norrkoping.se");
  EXPECT_EQ(sender.reply_to, "internationella.samordnare@linkoping.se");
  EXPECT_EQ(sender.contacts, std::vector<std::string>{"internationella.samordnare@linkoping.se"});
}

TEST(KommunConfig, ALaterFileSetsKeysInTheSameKommun) {
  TempDir dir;
  const auto main_file = dir.write("omvarld.toml", std::string(kMain) + R"toml(
[kommun.norrkoping]
from = "omvarld@norrkoping.se"
reply_to = "a@norrkoping.se"
)toml");
  dir.write("conf.d/30-norrkoping.toml", R"toml([kommun.norrkoping]
reply_to = "b@norrkoping.se"
contacts = []
)toml");

  auto config = load_config(main_file);

  ASSERT_TRUE(config) << to_string(config.error().front());
  ASSERT_EQ(config->kommuner.size(), 1u);
  const Sender sender = config->sender_of("norrkoping/samhallsbyggnad");
  EXPECT_EQ(sender.from, "omvarld@norrkoping.se");
  EXPECT_EQ(sender.reply_to, "b@norrkoping.se");
  EXPECT_TRUE(sender.contacts.empty()) << "an empty list is the kommun's own: no contacts";
}

struct ErrorCase {
  const char* name;
  const char* toml;
  std::vector<std::string> errors;  // "LINE:COL: message"; the table starts on line 18
};

const ErrorCase kErrors[] = {
    {"an unknown key", "[kommun.norrkoping]\nreplyto = \"a@norrkoping.se\"\n",
     {"19:1: unknown key \"replyto\" in [kommun.norrkoping] (did you mean \"reply_to\"?)"}},
    {"a sender that is no address", "[kommun.norrkoping]\nfrom = \"Norrköping\"\n",
     {"19:8: from: \"Norrköping\" is not an email address (write name@example.se or \"Name "
      "<name@example.se>\")"}},
    {"a header injection", "[kommun.norrkoping]\nreply_to = \"a@norrkoping.se\\r\\nBcc: x@evil.se\"\n",
     {"19:12: reply_to: \"a@norrkoping.se\r\nBcc: x@evil.se\" is not an email address (write "
      "name@example.se or \"Name <name@example.se>\")"}},
    {"two contacts in one string",
     "[kommun.norrkoping]\ncontacts = [\"a@norrkoping.se, b@norrkoping.se\"]\n",
     {"19:13: contacts: \"a@norrkoping.se, b@norrkoping.se\" holds several addresses: give each "
      "its own quotes: [\"a@norrkoping.se\", \"b@norrkoping.se\"]"}},
    {"a list address that is a URL",
     "[kommun.norrkoping]\nlist_unsubscribe = \"https://norrkoping.se/avregistrera\"\n",
     {"19:20: list_unsubscribe: \"https://norrkoping.se/avregistrera\" is not an email address "
      "(write name@example.se or \"Name <name@example.se>\")"}},
    {"a misspelt kommun", "[kommun.norkoping]\nfrom = \"omvarld@norrkoping.se\"\n",
     {"18:9: [kommun.norkoping]: no [[namnd]] id starts with \"norkoping/\", so this table signs no "
      "digest (did you mean \"norrkoping\"?)"}},
    {"a kommun written with ö", "[kommun.\"norrköping\"]\nfrom = \"omvarld@norrkoping.se\"\n",
     {"18:9: [kommun.norrköping]: \"norrköping\" has \"ö\", but a kommun id uses only a–z, 0–9, "
      "\".\", \"_\" and \"-\": write \"norrkoping\""}},
    {"settings right under [kommun]", "[kommun]\nfrom = \"omvarld@norrkoping.se\"\n",
     {"19:1: \"from\" in [kommun]: a kommun's settings go in a table of their own, [kommun.ID], "
      "where ID starts its nämnders' ids (\"norrkoping\" for \"norrkoping/samhallsbyggnad\")"}},
    {"an array of tables", "[[kommun]]\nid = \"norrkoping\"\n",
     {"18:1: kommun: expected tables such as [kommun.norrkoping], got an array"}},
};

// The messages as written in the code (language = "en"): this test is about
// where each mistake is found and what it says; po_catalog checks that every
// one has its Swedish, which check-config prints by default.
TEST(KommunConfig, ReportsEachMistakeAtItsPosition) {
  const core::Language before = core::current_language();
  core::set_language(core::Language::english);
  struct Restore {
    core::Language language;
    ~Restore() { core::set_language(language); }
  } restore{before};
  for (const ErrorCase& c : kErrors) {
    SCOPED_TRACE(c.name);
    TempDir dir;
    const std::string file = dir.write("omvarld.toml", std::string(kMain) + "\n" + c.toml).string();

    auto config = load_config(file);

    ASSERT_FALSE(config);
    EXPECT_EQ(messages_of(config.error(), file), c.errors);
  }
}

}  // namespace
}  // namespace omvarld::config
