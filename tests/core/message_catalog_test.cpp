#include "core/message_catalog.h"

#include <cstdint>
#include <regex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/embedded_catalog.h"

namespace omvarld::core {
namespace {

void put_word(std::string& out, std::size_t at, std::uint32_t value, bool big_endian) {
  for (std::size_t i = 0; i < 4; ++i) {
    const std::size_t shift = big_endian ? 24 - 8 * i : 8 * i;
    out[at + i] = static_cast<char>((value >> shift) & 0xff);
  }
}

// A .mo file as msgfmt writes one (no hash table), for the pairs given.
std::string mo_file(const std::vector<std::pair<std::string, std::string>>& pairs,
                    bool big_endian = false) {
  const std::size_t count = pairs.size();
  const std::size_t originals = 28;
  const std::size_t translations = originals + 8 * count;
  std::string out(translations + 8 * count, '\0');
  put_word(out, 0, 0x950412de, big_endian);
  put_word(out, 4, 0, big_endian);
  put_word(out, 8, static_cast<std::uint32_t>(count), big_endian);
  put_word(out, 12, static_cast<std::uint32_t>(originals), big_endian);
  put_word(out, 16, static_cast<std::uint32_t>(translations), big_endian);
  for (std::size_t table = 0; table < 2; ++table) {
    for (std::size_t i = 0; i < count; ++i) {
      const std::string& text = table == 0 ? pairs[i].first : pairs[i].second;
      const std::size_t entry = (table == 0 ? originals : translations) + 8 * i;
      put_word(out, entry, static_cast<std::uint32_t>(text.size()), big_endian);
      put_word(out, entry + 4, static_cast<std::uint32_t>(out.size()), big_endian);
      out += text;
      out += '\0';
    }
  }
  return out;
}

const std::vector<std::pair<std::string, std::string>> kPairs = {
    {"", "Content-Type: text/plain; charset=UTF-8\n"},
    {"print JSON", "skriv JSON"},
    {"{0} items", "{0} poster"},
};

TEST(MessageCatalog, FindsEachTranslationAndLeavesOutTheHeader) {
  const std::string mo = mo_file(kPairs);
  const auto catalog = MessageCatalog::parse(mo);
  ASSERT_TRUE(catalog);
  EXPECT_EQ(catalog->size(), 2u);
  EXPECT_EQ(catalog->find("print JSON"), "skriv JSON");
  EXPECT_EQ(catalog->find("{0} items"), "{0} poster");
  EXPECT_FALSE(catalog->find(""));
  EXPECT_FALSE(catalog->find("print json"));
}

TEST(MessageCatalog, ReadsBigEndianFiles) {
  const std::string mo = mo_file(kPairs, true);
  const auto catalog = MessageCatalog::parse(mo);
  ASSERT_TRUE(catalog);
  EXPECT_EQ(catalog->find("print JSON"), "skriv JSON");
}

TEST(MessageCatalog, KeepsTheSingularOfAPluralAndSkipsContextsAndEmptyTranslations) {
  const std::string mo = mo_file({{std::string("file\0files", 10), std::string("fil\0filer", 9)},
                                  {"menu\x04Open", "Öppna"},
                                  {"untranslated", ""}});
  const auto catalog = MessageCatalog::parse(mo);
  ASSERT_TRUE(catalog);
  EXPECT_EQ(catalog->find("file"), "fil");
  EXPECT_FALSE(catalog->find("Open"));
  EXPECT_FALSE(catalog->find("untranslated"));
  EXPECT_EQ(catalog->size(), 1u);
}

TEST(MessageCatalog, RefusesEveryTruncationOfAValidFile) {
  const std::string mo = mo_file(kPairs);
  for (std::size_t size = 0; size < mo.size(); ++size) {
    EXPECT_FALSE(MessageCatalog::parse(std::string_view(mo).substr(0, size))) << size;
  }
}

TEST(MessageCatalog, RefusesAWrongMagicOrAnUnknownMajorRevision) {
  std::string mo = mo_file(kPairs);
  mo[0] = 'x';
  EXPECT_FALSE(MessageCatalog::parse(mo));
  mo = mo_file(kPairs);
  put_word(mo, 4, 2u << 16, false);
  EXPECT_FALSE(MessageCatalog::parse(mo));
  put_word(mo, 4, 1, false);  // a minor revision is read
  EXPECT_TRUE(MessageCatalog::parse(mo));
}

TEST(MessageCatalog, RefusesCountsOffsetsAndLengthsOutsideTheBuffer) {
  const std::string valid = mo_file(kPairs);
  // {field offset, value}: a count of 2^32-1 entries, tables that start past
  // the end or wrap around, a string that runs past the end or wraps, a
  // string without its NUL.
  const std::vector<std::pair<std::size_t, std::uint32_t>> corruptions = {
      {8, 0xffffffff},   {8, 1000},         {12, 0xffffffff}, {16, 0xfffffff8},
      {16, static_cast<std::uint32_t>(valid.size())},
      {28 + 8, 0xffffffff},       // length of the second msgid
      {28 + 12, 0xffffffff},      // its offset
      {28 + 12, static_cast<std::uint32_t>(valid.size())},
      {28 + 8, 11},               // one byte too long: no NUL after it
  };
  for (const auto& [at, value] : corruptions) {
    std::string mo = valid;
    put_word(mo, at, value, false);
    EXPECT_FALSE(MessageCatalog::parse(mo)) << "word at " << at << " = " << value;
  }
}

TEST(MessageCatalog, SurvivesEveryByteOfAValidFileFlipped) {
  const std::string valid = mo_file(kPairs);
  for (std::size_t at = 0; at < valid.size(); ++at) {
    std::string mo = valid;
    mo[at] = static_cast<char>(mo[at] ^ 0xff);
    (void)MessageCatalog::parse(mo);  // under ASan: no read outside the buffer
  }
}

// The {N} placeholders of a message, as a set.
std::multiset<std::string> placeholders(std::string_view text) {
  std::multiset<std::string> found;
  static const std::regex kPlaceholder(R"(\{[0-9]{1,2}\})");
  const std::string copy(text);
  for (auto it = std::sregex_iterator(copy.begin(), copy.end(), kPlaceholder);
       it != std::sregex_iterator(); ++it) {
    found.insert(it->str());
  }
  return found;
}

TEST(EmbeddedCatalog, IsAWellFormedCatalogWithTranslations) {
  const auto catalog = MessageCatalog::parse(embedded_swedish_catalog());
  ASSERT_TRUE(catalog);
  EXPECT_GT(catalog->size(), 50u);
  EXPECT_EQ(catalog->find("print JSON"), "skriv ut JSON");
}

TEST(EmbeddedCatalog, EveryTranslationKeepsThePlaceholdersOfItsMessage) {
  const auto catalog = MessageCatalog::parse(embedded_swedish_catalog());
  ASSERT_TRUE(catalog);
  for (const auto& [msgid, msgstr] : catalog->entries()) {
    EXPECT_EQ(placeholders(msgid), placeholders(msgstr))
        << "msgid \"" << msgid << "\"\nmsgstr \"" << msgstr << "\"";
  }
}

}  // namespace
}  // namespace omvarld::core
