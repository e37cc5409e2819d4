// [web]: off when absent, its defaults, IPv4 and IPv6 listen addresses, a
// drop-in overriding one key, and check-config's warning for an address
// other machines can reach.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "config/config.h"
#include "tests/support/temp_dir.h"

namespace omvarld::config {
namespace {

using omvarld::testing::TempDir;

constexpr char kNamnd[] = R"toml([[namnd]]
id = "linkoping/utbildning"
name = "Utbildningsnämnden"
recipients = ["utbildning@linkoping.se"]
any = ["förskola"]
)toml";

TEST(WebConfig, IsOffWithoutTheTable) {
  TempDir dir;
  auto config = load_config(dir.write("omvarld.toml", kNamnd));
  ASSERT_TRUE(config) << to_string(config.error().front());
  EXPECT_FALSE(config->web);
}

TEST(WebConfig, AnEmptyTableListensOnLoopbackPort8080) {
  TempDir dir;
  auto config = load_config(dir.write("omvarld.toml", std::string(kNamnd) + "\n[web]\n"));
  ASSERT_TRUE(config) << to_string(config.error().front());
  ASSERT_TRUE(config->web);
  EXPECT_EQ(config->web->host, "127.0.0.1");
  EXPECT_EQ(config->web->port, 8080);
  EXPECT_EQ(config->web->base_url, "");
}

TEST(WebConfig, ReadsIpv6AndABaseUrlAndADropInOverridesOneKey) {
  TempDir dir;
  const auto file = dir.write("omvarld.toml", std::string(kNamnd) +
                                                  "\n[web]\nlisten = \"[::1]:8443\"\n"
                                                  "base_url = \"https://omvarld.linkoping.se/\"\n");
  auto config = load_config(file);
  ASSERT_TRUE(config) << to_string(config.error().front());
  EXPECT_EQ(config->web->host, "::1");
  EXPECT_EQ(config->web->port, 8443);
  EXPECT_EQ(config->web->base_url, "https://omvarld.linkoping.se");  // links add "/namnd/…"

  dir.write("conf.d/50-web.toml", "[web]\nlisten = \"127.0.0.2:9000\"\n");
  config = load_config(file);
  ASSERT_TRUE(config) << to_string(config.error().front());
  EXPECT_EQ(config->web->host, "127.0.0.2");
  EXPECT_EQ(config->web->port, 9000);
  EXPECT_EQ(config->web->base_url, "https://omvarld.linkoping.se");
}

TEST(WebConfig, CheckConfigWarnsOfAnAddressOtherMachinesReach) {
  TempDir dir;
  const auto file = dir.write("omvarld.toml", std::string(kNamnd) +
                                                  "\n[web]\nlisten = \"0.0.0.0:8080\"\n");
  const ConfigReport report = check_config(file);
  ASSERT_TRUE(report.config);
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_EQ(to_string(report.warnings.front()),
            file.string() + ":8:10: listen: 0.0.0.0:8080 går att nå från andra datorer: låt arkivet "
                            "lyssna på 127.0.0.1 bakom kommunens omvända proxy och dess inloggning");

  dir.write("omvarld.toml", std::string(kNamnd) + "\n[web]\nlisten = \"[::1]:8080\"\n");
  EXPECT_TRUE(check_config(file).warnings.empty());
}

}  // namespace
}  // namespace omvarld::config
