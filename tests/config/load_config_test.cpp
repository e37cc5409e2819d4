// What a valid configuration loads into: typed values, drop-ins merged,
// relative references resolved.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "config/config.h"
#include "tests/support/temp_dir.h"

namespace omvarld {

void PrintTo(const FilePos& where, std::ostream* out) { *out << to_string(where); }

namespace config {
namespace {

using namespace std::chrono_literals;
using omvarld::testing::TempDir;

std::vector<std::string> texts(const std::vector<filters::Term>& terms) {
  std::vector<std::string> result;
  for (const filters::Term& term : terms) result.push_back(term.text);
  return result;
}

constexpr const char* kFullConfig = R"toml([daemon]
database = "/var/lib/omvarld/test.db"
timezone = "Europe/Stockholm"
user_agent = "omvarld-test (+https://www.linkoping.se/)"
default_interval = "15m"
allow_file_urls = false
retention = "365d"

[mail]
transport = "smtp"
from = "Omvärldsbevakning <omvarld@linkoping.se>"
smtp_url = "smtp://relay.example.se:587"
starttls = "opportunistic"
username = "omvarld"
password_file = "/etc/omvarld/smtp-password"
coordinators = ["omvarld-admin@linkoping.se", "Samordnare <eu@norrkoping.se>"]

[[source]]
id = "ec-press"
name = "Europeiska kommissionen – press"
url = "https://ec.europa.eu/commission/presscorner/api/rss"
interval = "2h"
tags = ["eu"]
identity = "link"

[[source]]
id = "skr"
url = "https://skr.se/rss"
tags = ["skr", "sverige"]

[[source]]
id = "eu-kontoret"
url = "https://www.eu-kontoret.se/feed"
tags = ["eu"]

[[topic]]
id = "eu-finansiering"
name = "EU-finansiering och utlysningar"
any = ["utlysning", "\"call for proposals\"", "Erasmus+"]
none = ["\"stängd utlysning\""]

[[namnd]]
id = "linkoping/utbildning"
name = "Utbildningsnämnden, Linköping"
recipients = ["utbildning.omvarld@linkoping.se"]
schedule = "mon,thu 07:30"
sources = ["skr", "eu"]
topics = ["eu-finansiering"]
any = ["förskola", "skol*"]
none = ["högskola*"]
query = 'digitalisering AND (skola OR utbildning)'
send_empty = true

[[namnd]]
id = "norrkoping/kultur"
name = "Kulturnämnden, Norrköping"
recipients = ["kultur@norrkoping.se"]
any = ["bibliotek"]
)toml";

TEST(LoadConfig, LoadsAFullConfigurationIntoTypedValues) {
  TempDir dir;
  const auto file = dir.write("omvarld.toml", kFullConfig);

  auto loaded = load_config(file);

  ASSERT_TRUE(loaded) << to_string(loaded.error().front());
  const Config& config = *loaded;
  EXPECT_EQ(config.files, std::vector<std::filesystem::path>{file});

  EXPECT_EQ(config.daemon.database, "/var/lib/omvarld/test.db");
  EXPECT_EQ(config.daemon.timezone, "Europe/Stockholm");
  EXPECT_EQ(config.daemon.user_agent, "omvarld-test (+https://www.linkoping.se/)");
  EXPECT_EQ(config.daemon.default_interval, 15min);
  EXPECT_FALSE(config.daemon.allow_file_urls);
  EXPECT_EQ(config.daemon.retention, 365 * 24h);

  EXPECT_EQ(config.mail.transport, MailTransport::kSmtp);
  EXPECT_EQ(config.mail.from, "Omvärldsbevakning <omvarld@linkoping.se>");
  EXPECT_EQ(config.mail.smtp_url, "smtp://relay.example.se:587");
  EXPECT_EQ(config.mail.starttls, StartTls::kOpportunistic);
  EXPECT_EQ(config.mail.username, "omvarld");
  EXPECT_EQ(config.mail.password_file, "/etc/omvarld/smtp-password");
  EXPECT_EQ(config.mail.coordinators, (std::vector<std::string>{"omvarld-admin@linkoping.se",
                                                                "Samordnare <eu@norrkoping.se>"}));

  ASSERT_EQ(config.sources.size(), 3u);
  const SourceConfig& ec = config.sources[0];
  EXPECT_EQ(ec.id, "ec-press");
  EXPECT_EQ(ec.name, "Europeiska kommissionen – press");
  EXPECT_EQ(ec.url, "https://ec.europa.eu/commission/presscorner/api/rss");
  EXPECT_EQ(ec.interval, 2h);
  EXPECT_EQ(ec.tags, std::vector<std::string>{"eu"});
  EXPECT_EQ(ec.kind, SourceKind::kFeed);
  EXPECT_EQ(ec.identity, Identity::kLink);
  EXPECT_EQ(ec.where, (FilePos{file.string(), 18, 1}));
  const SourceConfig& skr = config.sources[1];
  EXPECT_EQ(skr.name, "skr") << "name defaults to the id";
  EXPECT_EQ(skr.interval, 15min) << "interval defaults to default_interval";
  EXPECT_EQ(skr.identity, Identity::kId);

  ASSERT_EQ(config.topics.size(), 1u);
  const TopicConfig& topic = config.topics[0];
  EXPECT_EQ(topic.id, "eu-finansiering");
  EXPECT_EQ(topic.name, "EU-finansiering och utlysningar");
  EXPECT_EQ(texts(topic.any),
            (std::vector<std::string>{"utlysning", "\"call for proposals\"", "Erasmus+"}));
  EXPECT_EQ(topic.any[1].where, (FilePos{file.string(), 39, 21}));
  EXPECT_EQ(texts(topic.none), std::vector<std::string>{"\"stängd utlysning\""});

  ASSERT_EQ(config.namnder.size(), 2u);
  const NamndConfig& utbildning = config.namnder[0];
  EXPECT_EQ(utbildning.id, "linkoping/utbildning");
  EXPECT_EQ(utbildning.name, "Utbildningsnämnden, Linköping");
  EXPECT_EQ(utbildning.recipients, std::vector<std::string>{"utbildning.omvarld@linkoping.se"});
  EXPECT_EQ(core::to_string(utbildning.schedule), "mon,thu 07:30");
  EXPECT_EQ(utbildning.sources, (std::vector<std::string>{"ec-press", "skr", "eu-kontoret"}))
      << "tags expand to their sources, in source order";
  EXPECT_EQ(utbildning.topics, std::vector<std::string>{"eu-finansiering"});
  EXPECT_EQ(texts(utbildning.any), (std::vector<std::string>{"förskola", "skol*"}));
  EXPECT_EQ(texts(utbildning.none), std::vector<std::string>{"högskola*"});
  ASSERT_TRUE(utbildning.query);
  EXPECT_EQ(utbildning.query->text, "digitalisering AND (skola OR utbildning)");
  EXPECT_EQ(utbildning.query->where, (FilePos{file.string(), 51, 9}));
  EXPECT_TRUE(utbildning.send_empty);
  EXPECT_EQ(utbildning.where, (FilePos{file.string(), 42, 1}));

  const NamndConfig& kultur = config.namnder[1];
  EXPECT_EQ(core::to_string(kultur.schedule), "mon 07:00") << "the default schedule";
  EXPECT_TRUE(kultur.sources.empty()) << "no sources means every source";
  EXPECT_FALSE(kultur.send_empty);

  EXPECT_EQ(config.find_source("skr"), &config.sources[1]);
  EXPECT_EQ(config.find_source("nope"), nullptr);
  EXPECT_EQ(config.find_topic("eu-finansiering"), &config.topics[0]);
  EXPECT_EQ(config.find_namnd("norrkoping/kultur"), &config.namnder[1]);
  EXPECT_EQ(config.find_namnd("linkoping/kultur"), nullptr);
}

TEST(LoadConfig, GivesTheFiltersEveryTopicAndNamndWithResolvedSources) {
  TempDir dir;
  auto config = load_config(dir.write("omvarld.toml", kFullConfig));
  ASSERT_TRUE(config);

  const std::vector<filters::TopicSpec> topics = topic_specs(*config);
  const std::vector<filters::FilterSpec> namnder = filter_specs(*config);

  ASSERT_EQ(topics.size(), 1u);
  EXPECT_EQ(topics[0].id, "eu-finansiering");
  EXPECT_EQ(texts(topics[0].any), texts(config->topics[0].any));
  EXPECT_EQ(texts(topics[0].none), std::vector<std::string>{"\"stängd utlysning\""});
  ASSERT_EQ(namnder.size(), 2u);
  EXPECT_EQ(namnder[0].namnd, "linkoping/utbildning");
  EXPECT_EQ(namnder[0].sources, (std::vector<std::string>{"ec-press", "skr", "eu-kontoret"}));
  EXPECT_EQ(namnder[0].topics, std::vector<std::string>{"eu-finansiering"});
  EXPECT_EQ(texts(namnder[0].any), (std::vector<std::string>{"förskola", "skol*"}));
  ASSERT_TRUE(namnder[0].query);
  EXPECT_EQ(namnder[0].query->where, config->namnder[0].query->where);
  EXPECT_EQ(namnder[1].namnd, "norrkoping/kultur");
  EXPECT_FALSE(namnder[1].query);
}

TEST(LoadConfig, LoadsTheDeliveryAndReportKeys) {
  TempDir dir;
  const auto file = dir.write("omvarld.toml", R"toml([daemon]
silent_after = "21d"
first_digest_reach = "7d"

[mail]
ca_file = "/etc/omvarld/relay-ca.pem"
sendmail_path = "/usr/local/sbin/sendmail"
report_schedule = "mon,thu 06:15"
max_items = 40
)toml");

  auto config = load_config(file);

  ASSERT_TRUE(config) << to_string(config.error().front());
  EXPECT_EQ(config->daemon.silent_after, 21 * 24h);
  EXPECT_EQ(config->daemon.first_digest_reach, 7 * 24h);
  EXPECT_EQ(config->mail.ca_file, "/etc/omvarld/relay-ca.pem");
  EXPECT_EQ(config->mail.sendmail_path, "/usr/local/sbin/sendmail");
  EXPECT_EQ(core::to_string(config->mail.report_schedule), "mon,thu 06:15");
  EXPECT_EQ(config->mail.max_items, 40u);
}

TEST(LoadConfig, UsesDefaultsForAnEmptyFile) {
  TempDir dir;
  auto config = load_config(dir.write("omvarld.toml", ""));

  ASSERT_TRUE(config);
  EXPECT_EQ(config->daemon.database, "/var/lib/omvarld/omvarld.db");
  EXPECT_EQ(config->daemon.default_interval, 30min);
  EXPECT_EQ(config->mail.transport, MailTransport::kDirectory);
  EXPECT_EQ(config->mail.directory, "/var/lib/omvarld/outbox");
  EXPECT_EQ(config->mail.ca_file, "") << "the system's CA store";
  EXPECT_EQ(config->mail.sendmail_path, "/usr/sbin/sendmail");
  EXPECT_EQ(core::to_string(config->mail.report_schedule), "mon 07:00");
  EXPECT_EQ(config->mail.max_items, 150u);
  EXPECT_EQ(config->daemon.silent_after, 30 * 24h);
  EXPECT_EQ(config->daemon.first_digest_reach, 14 * 24h);
  EXPECT_TRUE(config->sources.empty());
}

TEST(LoadConfig, DropInsOverrideDaemonKeysAndAppendTables) {
  TempDir dir;
  const auto main_file = dir.write("omvarld.toml", R"toml([daemon]
database = "/var/lib/omvarld/omvarld.db"
default_interval = "30m"

[[source]]
id = "ec-press"
url = "https://ec.europa.eu/rss"
)toml");
  const auto later = dir.write("conf.d/20-namnd.toml", R"toml([[namnd]]
id = "linkoping/utbildning"
name = "Utbildningsnämnden"
recipients = ["utbildning@linkoping.se"]
sources = ["skr"]
any = ["förskola"]
)toml");
  const auto earlier = dir.write("conf.d/10-local.toml", R"toml([daemon]
default_interval = "1h"

[mail]
from = "omvarld@linkoping.se"

[[source]]
id = "skr"
url = "https://skr.se/rss"
)toml");
  dir.write("conf.d/README", "not a drop-in\n");
  dir.write("conf.d/old.toml.bak", "not = [ a drop-in\n");

  auto config = load_config(main_file);

  ASSERT_TRUE(config) << to_string(config.error().front());
  EXPECT_EQ(config->files, (std::vector<std::filesystem::path>{main_file, earlier, later}));
  EXPECT_EQ(config->daemon.database, "/var/lib/omvarld/omvarld.db") << "not overridden";
  EXPECT_EQ(config->daemon.default_interval, 1h);
  EXPECT_EQ(config->mail.from, "omvarld@linkoping.se");
  ASSERT_EQ(config->sources.size(), 2u);
  EXPECT_EQ(config->sources[0].id, "ec-press");
  EXPECT_EQ(config->sources[0].interval, 1h) << "the merged default_interval";
  EXPECT_EQ(config->sources[1].id, "skr");
  EXPECT_EQ(config->sources[1].where, (FilePos{earlier.string(), 7, 1}));
  ASSERT_EQ(config->namnder.size(), 1u);
  EXPECT_EQ(config->namnder[0].sources, std::vector<std::string>{"skr"});
}

TEST(LoadConfig, NamesTheFirstDefinitionOfAnIdRepeatedInADropIn) {
  TempDir dir;
  const auto main_file = dir.write("omvarld.toml",
                                   "[[source]]\nid = \"ec-press\"\nurl = \"https://ec.europa.eu/rss\"\n");
  const auto drop_in = dir.write(
      "conf.d/10-eu.toml",
      "\n[[source]]\nid = \"ec-press\"\nurl = \"https://ec.europa.eu/rss2\"\n");

  auto config = load_config(main_file);

  ASSERT_FALSE(config);
  ASSERT_EQ(config.error().size(), 1u);
  EXPECT_EQ(to_string(config.error()[0]),
            drop_in.string() + ":3:6: käll-id \"ec-press\" används två gånger (första gången på " +
                main_file.string() + ":2:6)");
}

TEST(LoadConfig, ResolvesRelativeUrlsAndPathsAgainstTheFileThatHoldsThem) {
  TempDir dir;
  const auto main_file = dir.write("omvarld.toml", R"toml([[source]]
id = "ec-press"
url = "feeds/ec-press.xml"

[[source]]
id = "skr"
url = "file:///srv/feeds/skr.xml"
)toml");
  // allow_file_urls is set after the sources that need it, in another file.
  dir.write("conf.d/10-demo.toml", R"toml([daemon]
allow_file_urls = true
database = "data/omvarld.db"

[mail]
directory = "../outbox"
password_file = "./secret"
ca_file = "tls/relay-ca.pem"
)toml");
  dir.write("conf.d/20-sendmail.toml", R"toml([mail]
sendmail_path = "../bin/sendmail"
)toml");

  auto config = load_config(main_file);

  ASSERT_TRUE(config) << to_string(config.error().front());
  EXPECT_EQ(config->sources[0].url, "file://" + (dir.path() / "feeds/ec-press.xml").string());
  EXPECT_EQ(config->sources[1].url, "file:///srv/feeds/skr.xml");
  EXPECT_EQ(config->daemon.database, (dir.path() / "conf.d/data/omvarld.db").string());
  EXPECT_EQ(config->mail.directory, (dir.path() / "outbox").string());
  EXPECT_EQ(config->mail.password_file, (dir.path() / "conf.d/secret").string());
  EXPECT_EQ(config->mail.ca_file, (dir.path() / "conf.d/tls/relay-ca.pem").string());
  EXPECT_EQ(config->mail.sendmail_path, (dir.path() / "bin/sendmail").string());
}

TEST(LoadConfig, RequiresAllowFileUrlsForRelativeUrls) {
  TempDir dir;
  const auto main_file =
      dir.write("omvarld.toml", "[[source]]\nid = \"ec-press\"\nurl = \"feeds/ec-press.xml\"\n");

  auto config = load_config(main_file);

  ASSERT_FALSE(config);
  ASSERT_EQ(config.error().size(), 1u);
  EXPECT_EQ(to_string(config.error()[0]),
            main_file.string() + ":3:7: url: file://-adresser kräver allow_file_urls = true i [daemon]");
}

TEST(LoadConfig, LoadsTheShippedExample) {
  const std::filesystem::path example = std::filesystem::path(OMVARLD_SOURCE_DIR) / "examples/omvarld.toml";

  auto config = load_config(example);

  ASSERT_TRUE(config) << to_string(config.error().front());
  ASSERT_FALSE(config->sources.empty());
  EXPECT_EQ(config->sources[0].url.rfind("file:///", 0), 0u) << config->sources[0].url;
  EXPECT_FALSE(config->namnder.empty());
}

TEST(LoadConfig, ResolvesTheSourcesCaFileAgainstItsFile) {
  TempDir dir;
  const auto main_file = dir.write("omvarld.toml", "[daemon]\nca_file = \"tls/sources-ca.pem\"\n");

  auto config = load_config(main_file);

  ASSERT_TRUE(config) << to_string(config.error().front());
  EXPECT_EQ(config->daemon.ca_file, (dir.path() / "tls/sources-ca.pem").string());
  EXPECT_EQ(config->mail.ca_file, "") << "the mail relay's CA file is its own";
}

}  // namespace
}  // namespace config
}  // namespace omvarld
