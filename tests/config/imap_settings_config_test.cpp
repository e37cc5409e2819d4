// [source.imap]: the mailbox of a kind = "imap" source as load_config reads
// it, and each mistake a coordinator can make in it, with the whole message
// at its FILE:LINE:COL.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "config/config.h"
#include "tests/config/error_messages.h"
#include "tests/support/temp_dir.h"

namespace omvarld::config {
namespace {

using omvarld::testing::TempDir;

TEST(ImapSettingsConfig, ReadsTheMailboxAndResolvesThePasswordFileAgainstTheConfig) {
  TempDir dir;
  const std::string file = dir.write("conf/omvarld.toml", R"toml(
[[source]]
id = "east-sweden-veckobrev"
url = "imaps://imap.example.se/Nyhetsbrev"
kind = "imap"

[source.imap]
username = "omvarld"
password_file = "secrets/imap-password"
split = "links"
)toml").string();
  auto config = load_config(file);
  ASSERT_TRUE(config) << messages_of(config.error(), file)[0];
  const SourceConfig& source = config->sources.at(0);
  EXPECT_EQ(source.kind, SourceKind::kImap);
  EXPECT_EQ(source.url, "imaps://imap.example.se/Nyhetsbrev");
  EXPECT_EQ(source.imap.username, "omvarld");
  EXPECT_EQ(source.imap.password_file, (dir.path() / "conf/secrets/imap-password").string());
  EXPECT_EQ(source.imap.split, "links");
}

TEST(ImapSettingsConfig, SplitsAtHeadingsByDefault) {
  TempDir dir;
  const std::string file = dir.write("omvarld.toml", R"toml(
[[source]]
id = "veckobrev"
url = "imap://127.0.0.1:1143/INBOX"
kind = "imap"

[source.imap]
username = "omvarld"
password_file = "/etc/omvarld/imap-password"
)toml").string();
  auto config = load_config(file);
  ASSERT_TRUE(config) << messages_of(config.error(), file)[0];
  EXPECT_EQ(config->sources.at(0).imap.split, "headings");
}

TEST(ImapSettingsConfig, AFileDirectoryNeedsNoLoginButAllowFileUrls) {
  TempDir dir;
  const std::string allowed = dir.write("ok/omvarld.toml", R"toml(
[daemon]
allow_file_urls = true

[[source]]
id = "veckobrev"
url = "newsletters/"
kind = "imap"
)toml").string();
  auto config = load_config(allowed);
  ASSERT_TRUE(config) << messages_of(config.error(), allowed)[0];
  EXPECT_EQ(config->sources.at(0).url, "file://" + (dir.path() / "ok/newsletters/").string());

  const std::string refused = dir.write("no/omvarld.toml", R"toml(
[[source]]
id = "veckobrev"
url = "file:///srv/newsletters"
kind = "imap"
)toml").string();
  auto refused_config = load_config(refused);
  ASSERT_FALSE(refused_config);
  EXPECT_EQ(messages_of(refused_config.error(), refused),
            std::vector<std::string>{"4:7: url: file://-adresser kräver allow_file_urls = true i [daemon]"});
}

struct ImapCase {
  const char* name;
  const char* toml;
  std::vector<std::string> errors;  // "LINE:COL: message"
};

const ImapCase kBadSettings[] = {
    {"imap kind without its table",
     "[[source]]\nid = \"v\"\nurl = \"imaps://mail.example.se/INBOX\"\nkind = \"imap\"\n",
     {"4:8: kind = \"imap\" behöver en tabell [source.imap] med username och password_file"}},
    {"table without username and password_file",
     "[[source]]\nid = \"v\"\nurl = \"imaps://mail.example.se/INBOX\"\nkind = \"imap\"\n"
     "[source.imap]\nsplit = \"headings\"\n",
     {"5:1: [source.imap] saknar den obligatoriska nyckeln \"username\"",
      "5:1: [source.imap] saknar den obligatoriska nyckeln \"password_file\""}},
    {"an http url for an imap source",
     "[[source]]\nid = \"v\"\nurl = \"https://mail.example.se/\"\nkind = \"imap\"\n"
     "[source.imap]\nusername = \"u\"\npassword_file = \"p\"\n",
     {"3:7: url: kind = \"imap\" behöver en imap://- eller imaps://-adress till brevlådans mapp (eller file:// till en mapp med .eml-filer), fick \"https://mail.example.se/\""}},
    {"a mailbox url without a folder",
     "[[source]]\nid = \"v\"\nurl = \"imaps://mail.example.se/\"\nkind = \"imap\"\n"
     "[source.imap]\nusername = \"u\"\npassword_file = \"p\"\n",
     {"3:7: url: ange brevlådans mapp, som i \"imaps://mail.example.se/Nyhetsbrev\", fick \"imaps://mail.example.se/\""}},
    {"an imap url for a feed",
     "[[source]]\nid = \"v\"\nurl = \"imaps://mail.example.se/INBOX\"\n",
     {"3:7: url: en imap://- eller imaps://-adress behöver kind = \"imap\""}},
    {"an imap table on a feed",
     "[[source]]\nid = \"v\"\nurl = \"https://example.se/rss\"\n[source.imap]\nusername = \"u\"\n",
     {"4:1: [source.imap] läses bara när kind = \"imap\": ange kind eller ta bort tabellen"}},
    {"unknown split and a misspelt key",
     "[[source]]\nid = \"v\"\nurl = \"imaps://mail.example.se/INBOX\"\nkind = \"imap\"\n"
     "[source.imap]\nusername = \"u\"\npasword_file = \"p\"\nsplit = \"paragraphs\"\n",
     {"5:1: [source.imap] saknar den obligatoriska nyckeln \"password_file\"",
      "7:1: okänd nyckel \"pasword_file\" i [source.imap] (menade du \"password_file\"?)",
      "8:9: split: väntade \"headings\" eller \"links\", fick \"paragraphs\""}},
};

TEST(ImapSettingsConfig, ReportsEachMistakeAtItsPosition) {
  for (const ImapCase& c : kBadSettings) {
    SCOPED_TRACE(c.name);
    TempDir dir;
    const std::string file = dir.write("omvarld.toml", c.toml).string();
    auto config = load_config(file);
    ASSERT_FALSE(config);
    EXPECT_EQ(messages_of(config.error(), file), c.errors);
  }
}

}  // namespace
}  // namespace omvarld::config
