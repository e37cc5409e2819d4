// The .eml reader the end-to-end test relies on: if it misread a message,
// the demo test would lie, so it is tested on a hand-written message.

#include "tests/support/eml_reader.h"

#include <string>

#include <gtest/gtest.h>

namespace omvarld::testing {
namespace {

// A digest as a mail client receives it: folded headers, a Subject in two
// encoded-words (B, then Q), a quoted-printable text part with a soft line
// break and a base64 HTML part.
constexpr const char* kDigest =
    "From: =?UTF-8?Q?Omv=C3=A4rldsbevakning?= <omvarld@linkoping.se>\r\n"
    "To: utbildning.omvarld@linkoping.se\r\n"
    "Subject: =?UTF-8?B?T212w6RybGRzYmV2YWtuaW5nIHYuIDQ4IOKAkyA=?=\r\n"
    " =?UTF-8?Q?Utbildningsn=C3=A4mnden,_Link=C3=B6ping:_3_nya_tr=C3=A4ffar?=\r\n"
    "X-Omvarld-Namnd: linkoping/utbildning\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/alternative;\r\n"
    "\tboundary=\"=_omvarld_b1\"\r\n"
    "\r\n"
    "This is a multi-part message in MIME format.\r\n"
    "--=_omvarld_b1\r\n"
    "Content-Type: text/plain; charset=UTF-8\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "\r\n"
    "F=C3=B6rskola i fokus: en l=\r\n"
    "=C3=A5ng rad   \r\n"
    "1 + 1 =3D 2\r\n"
    "\r\n"
    "--=_omvarld_b1\r\n"
    "Content-Type: text/html; charset=\"utf-8\"\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "PHA+RsO2cnNrb2xhICZhbXA7IHNrb2xhPC9wPg0KPHA+VnV4ZW51dGJp\r\n"
    "bGRuaW5nPC9wPg0K\r\n"
    "--=_omvarld_b1--\r\n";

TEST(EmlReader, LooksUpUnfoldedHeadersInAnyCase) {
  auto eml = parse_eml(kDigest);
  ASSERT_TRUE(eml) << eml.error();
  EXPECT_EQ(eml->header("x-omvarld-namnd"), "linkoping/utbildning");
  EXPECT_EQ(eml->header("CONTENT-TYPE"), "multipart/alternative;\tboundary=\"=_omvarld_b1\"");
  EXPECT_EQ(eml->header("Cc"), std::nullopt);
}

TEST(EmlReader, DecodesAdjacentEncodedWordsInTheSubject) {
  auto eml = parse_eml(kDigest);
  ASSERT_TRUE(eml) << eml.error();
  EXPECT_EQ(eml->subject(),
            "Omvärldsbevakning v. 48 – Utbildningsnämnden, Linköping: 3 nya träffar");
}

TEST(EmlReader, DecodesAQuotedPrintableTextPart) {
  auto eml = parse_eml(kDigest);
  ASSERT_TRUE(eml) << eml.error();
  EXPECT_EQ(eml->text, "Förskola i fokus: en lång rad\n1 + 1 = 2\n");
}

TEST(EmlReader, DecodesABase64HtmlPart) {
  auto eml = parse_eml(kDigest);
  ASSERT_TRUE(eml) << eml.error();
  EXPECT_EQ(eml->html, "<p>Förskola &amp; skola</p>\n<p>Vuxenutbildning</p>\n");
}

TEST(EmlReader, FindsTheTextPartsOfANestedMultipart) {
  const std::string raw =
      "Subject: nested\r\n"
      "Content-Type: multipart/mixed; boundary=outer\r\n"
      "\r\n"
      "--outer\r\n"
      "Content-Type: multipart/alternative; boundary=inner\r\n"
      "\r\n"
      "--inner\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n"
      "Content-Transfer-Encoding: 8bit\r\n"
      "\r\n"
      "Hej Växjö\r\n"
      "--inner\r\n"
      "Content-Type: text/html; charset=utf-8\r\n"
      "\r\n"
      "<p>Hej</p>\r\n"
      "--inner--\r\n"
      "--outer\r\n"
      "Content-Type: text/plain\r\n"
      "Content-Disposition: attachment; filename=bilaga.txt\r\n"
      "\r\n"
      "not the body\r\n"
      "--outer--\r\n";
  auto eml = parse_eml(raw);
  ASSERT_TRUE(eml) << eml.error();
  EXPECT_EQ(eml->text, "Hej Växjö");
  EXPECT_EQ(eml->html, "<p>Hej</p>");
}

TEST(EmlReader, DecodesEncodedWordsOfEveryKind) {
  struct Case {
    const char* name;
    const char* header;
    const char* decoded;
  };
  const Case kCases[] = {
      {"plain ASCII is unchanged", "Veckans digest", "Veckans digest"},
      {"Q with underscores and lower-case tags", "=?utf-8?q?f=C3=B6rskola_och_skola?=",
       "förskola och skola"},
      {"B words split inside a character are joined", "=?UTF-8?B?ww==?= =?UTF-8?B?tnJ0?=",
       "ört"},
      {"text around a word keeps its blanks", "Re: =?ISO-8859-1?Q?V=E4xj=F6?= idag",
       "Re: Växjö idag"},
      {"a language tag is ignored", "=?UTF-8*sv?Q?L=C3=A4n?=", "Län"},
      {"an unknown encoding is left as it is", "=?UTF-8?X?abc?= kvar", "=?UTF-8?X?abc?= kvar"},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(decode_encoded_words(c.header), c.decoded);
  }
}

TEST(EmlReader, RejectsAMultipartWithoutItsClosingDelimiter) {
  const std::string raw =
      "Content-Type: multipart/alternative; boundary=b1\r\n"
      "\r\n"
      "--b1\r\n"
      "Content-Type: text/plain\r\n"
      "\r\n"
      "cut off\r\n";
  auto eml = parse_eml(raw);
  ASSERT_FALSE(eml);
  EXPECT_EQ(eml.error(), "multipart body has no closing \"--b1--\"");
}

TEST(EmlReader, RejectsBadBase64) {
  auto decoded = decode_base64("w7Z!");
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error(), "base64: unexpected character '!'");
}

}  // namespace
}  // namespace omvarld::testing
