#include "feeds/entity_repair.h"

#include <string>

#include <gtest/gtest.h>

namespace omvarld::feeds {
namespace {

struct RepairCase {
  const char* name;
  const char* xml;
  const char* repaired;
  const char* problem;
};

TEST(RepairEntities, MakesTheDocumentWellFormedAndSaysWhereItHadTo) {
  const RepairCase cases[] = {
      {"HTML entity", "<t>&eacute;</t>", "<t>&#233;</t>", "1:4: undefined entity &eacute;"},
      {"bare ampersand", "<t>a & b</t>", "<t>a &amp; b</t>", "1:6: unescaped '&'"},
      {"unknown entity kept as text", "<t>&zork;</t>", "<t>&amp;zork;</t>",
       "1:4: undefined entity &zork;"},
      {"upper-case X", "<t>&#X41;</t>", "<t>&#x41;</t>", "1:4: upper-case X in character reference"},
      // The parser would end the text at the NUL: "def" would be lost.
      {"reference to NUL", "<t>abc&#0;def&#x0000;</t>", "<t>abcdef</t>", "1:7: reference to NUL removed"},
      {"XML entities and references untouched", "<t>&amp;&lt;&#233;&#xE9;</t>",
       "<t>&amp;&lt;&#233;&#xE9;</t>", ""},
      {"entity declared in the DOCTYPE",
       "<!DOCTYPE rss [<!ENTITY id \"tag:example.com,\">]><t>&id;2006</t>",
       "<!DOCTYPE rss [<!ENTITY id \"tag:example.com,\">]><t>tag:example.com,2006</t>", ""},
      {"declared entity holding markup is not expanded",
       "<!DOCTYPE rss [<!ENTITY x \"<b>\">]><t>&x;</t>",
       "<!DOCTYPE rss [<!ENTITY x \"<b>\">]><t>&amp;x;</t>", "1:38: undefined entity &x;"},
      {"CDATA untouched", "<t><![CDATA[a & b &eacute;]]></t>", "<t><![CDATA[a & b &eacute;]]></t>", ""},
      {"comment untouched", "<t><!-- a & b --></t>", "<t><!-- a & b --></t>", ""},
      // pugixml reads "<!-->" as the start of a comment, which goes on to
      // the next "-->", not as an empty one (as HTML does).
      {"comment opened by <!-->", "<!-->a & b-->\n<t/>", "<!-->a & b-->\n<t/>", ""},
      {"comment opened by <!--->", "<!--->a & b-->", "<!--->a & b-->", ""},
      {"processing instruction opened by <?>", "<?>a & b?>", "<?>a & b?>", ""},
  };
  for (const RepairCase& c : cases) {
    SCOPED_TRACE(c.name);
    const RepairedXml repaired = repair_entities(c.xml);
    EXPECT_EQ(repaired.text, c.repaired);
    EXPECT_EQ(repaired.problem, c.problem);
  }
}

TEST(RepairEntities, ChangesFarIntoALongDocumentKeepEverythingBefore) {
  const std::string before(100'000, 'a');
  const RepairedXml repaired = repair_entities("<t>" + before + "&eacute;&#X41;&#0;b &c</t>");
  EXPECT_EQ(repaired.text, "<t>" + before + "&#233;&#x41;b &amp;c</t>");
  EXPECT_EQ(repaired.problem, "1:100004: undefined entity &eacute;");
}

// Most documents need no repair; the poll's parse then keeps the one copy
// of the document it decoded (feeds/parser.cpp).
TEST(RepairEntities, ADocumentThatNeedsNothingComesBackWithoutACopy) {
  std::string document = "<rss><channel><title>a &amp; b &#233;</title>" + std::string(10'000, ' ') + "</channel></rss>";
  const std::string expected = document;
  const char* const buffer = document.data();
  const RepairedXml repaired = repair_entities(std::move(document));
  EXPECT_EQ(repaired.text, expected);
  EXPECT_EQ(repaired.text.data(), buffer);
  EXPECT_EQ(repaired.problem, "");
}

}  // namespace
}  // namespace omvarld::feeds
