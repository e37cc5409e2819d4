// One named case per kind of configuration error, each asserting the whole
// message as check-config prints it: FILE:LINE:COL: message.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "config/config.h"
#include "tests/support/temp_dir.h"

namespace omvarld::config {
namespace {

using omvarld::testing::TempDir;

struct ErrorCase {
  const char* name;
  const char* toml;
  // "LINE:COL: message" in order; {file} stands for the file's path.
  std::vector<std::string> errors;
  Errc code = Errc::kInvalidConfig;
};

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::vector<std::string> messages_of(const std::vector<Error>& errors) {
  std::vector<std::string> messages;
  for (const Error& error : errors) messages.push_back(to_string(error));
  return messages;
}

const ErrorCase kErrorCases[] = {
    {"TOML syntax error", "[daemon]\ndatabase =\n",
     {"2:11: database: värdet saknas efter \"=\""}},
    // The TOML mistakes people make, said in words a coordinator knows.
    {"Word's curly quotes", "[[namnd]]\nname = \u201DÄldrenämnden\u201D\n",
     {"2:8: citattecknet ” är ett typografiskt citattecken, som Word skriver dem: TOML kräver "
      "raka citattecken \"…\" (skriv filen i en vanlig textredigerare, inte i Word)"}},
    {"a curly quote closing a straight one", "[[namnd]]\nname = \"Äldrenämnden\u201D\n",
     {"2:21: citattecknet ” är ett typografiskt citattecken, som Word skriver dem: TOML kräver "
      "raka citattecken \"…\" (skriv filen i en vanlig textredigerare, inte i Word)"}},
    {"a non-breaking space", "[[namnd]]\nrecipients\u00A0= [\"a@linkoping.se\"]\n",
     {"2:11: ett hårt mellanslag (U+00A0) ser ut som ett mellanslag men är inte det: ta bort det "
      "och skriv ett vanligt mellanslag"}},
    {"a file saved as Latin-1", "[[namnd]]\nname = \"\xC4ldren\xE4mnden\"\n",
     {"2:8: filen är inte sparad som UTF-8 (den kan vara Latin-1, som Windows kallar \"ANSI\"): "
      "öppna den i en textredigerare och spara filen som UTF-8"}},
    {"a missing closing quote", "[[namnd]]\nname = \"Äldrenämnden\nrecipients = []\n",
     {"2:21: name: texten saknar avslutande citattecken: avsluta den med \" på samma rad"}},
    {"a missing closing quote at the end of the file", "[[namnd]]\nname = \"Äldre",
     {"2:14: name: texten saknar avslutande citattecken: avsluta den med \" på samma rad"}},
    {"a phrase's quotes doubled", "[[topic]]\nany = [\"\"social ekonomi\"\"]\n",
     {"2:10: citattecknen runt en fras ska stå innanför textens citattecken: skriv "
      "'\"social ekonomi\"' eller \"\\\"social ekonomi\\\"\""}},
    {"a value without quotes", "[[namnd]]\nsend_empty = ja\n",
     {"2:14: send_empty: \"ja\" är inget värde: text skrivs inom citattecken (\"ja\"), ja eller "
      "nej som true eller false, ett tal med siffror"}},
    {"a missing comma in a list", "[[topic]]\nany = [\"skola\" \"förskola\"]\n",
     {"2:16: any: i en lista skiljs värdena åt med kommatecken och listan slutar med ]: "
      "[\"förskola\", \"skola\"]"}},
    {"a missing equals sign", "[[namnd]]\nname \"Äldre\"\n",
     {"2:6: en inställning skrivs som ett namn, \"=\" och ett värde: name = \"Utbildningsnämnden\""}},
    {"a key set twice", "[[namnd]]\nid = \"linkoping/a\"\nid = \"linkoping/b\"\n",
     {"3:6: id: satt två gånger i samma tabell: behåll en av dem (en ny rad [[namnd]], [[source]] "
      "eller [[topic]] börjar en ny tabell)"}},
    {"a backslash in a Windows path", "[daemon]\ndatabase = \"C:\\data\\omvarld.db\"\n",
     {"2:15: database: ett omvänt snedstreck \\ inom \"…\" inleder en escape-sekvens: skriv \\\\ "
      "för ett omvänt snedstreck, eller sätt texten inom enkla citattecken '…'"}},
    {"several addresses in one string",
     "[[namnd]]\nid = \"linkoping/a\"\nname = \"A\"\nrecipients = [\"a@linkoping.se, b@linkoping.se\"]\n"
     "any = [\"skola\"]\n",
     {"4:15: recipients: \"a@linkoping.se, b@linkoping.se\" innehåller flera adresser: ge var och en egna citattecken: [\"a@linkoping.se\", \"b@linkoping.se\"]"}},
    {"several addresses in one string, Outlook's way", "[mail]\ncoordinators = [\"a@linkoping.se; b@linkoping.se\"]\n",
     {"2:17: coordinators: \"a@linkoping.se; b@linkoping.se\" innehåller flera adresser: ge var och en egna citattecken: [\"a@linkoping.se\", \"b@linkoping.se\"]"}},
    {"text after a value", "[[namnd]]\nsend_empty = true;\n",
     {"2:18: send_empty: efter värdet kommer radens slut eller en #-kommentar: ta bort det som "
      "står efter värdet"}},
    {"two commas in a row", "[[topic]]\nany = [\"skola\", , \"förskola\"]\n",
     {"2:17: any: i en lista saknas ett värde mellan två kommatecken: [\"förskola\", \"skola\"]"}},
    {"words without quotes in a list", "[[topic]]\nany = [skola, förskola]\n",
     {"2:8: any: \"skola\" är inget värde: text skrivs inom citattecken (\"skola\"), ja eller nej "
      "som true eller false, ett tal med siffror"}},
    {"a single table after an array of tables",
     "[[topic]]\nid = \"a\"\nany = [\"a\"]\n[topic]\nid = \"b\"\n",
     {"4:1: [topic] efter [[topic]]: var och en börjar med dubbla hakparenteser, [[topic]]"}},
    {"a literal string left open", "[[namnd]]\nname = 'Äldre\n",
     {"2:14: name: texten saknar avslutande citattecken: avsluta den med ' på samma rad"}},
    {"a control character inside a closed string", "[[namnd]]\nname = \"Äld\x7Fre\"\n",
     {"2:12: name: här finns ett osynligt styrtecken i texten: ta bort det"}},
    {"a non-breaking space inside text is not the mistake",
     "[[topic]]\nany = [\"10\u00A0000 kr\" \"bidrag\"]\n",
     {"2:20: any: i en lista skiljs värdena åt med kommatecken och listan slutar med ]: "
      "[\"förskola\", \"skola\"]"}},
    {"several named addresses in one string",
     "[[namnd]]\nid = \"linkoping/a\"\nname = \"A\"\nrecipients = [\"Anna <a@linkoping.se>, Bo <b@linkoping.se>\"]\n"
     "any = [\"skola\"]\n",
     {"4:15: recipients: \"Anna <a@linkoping.se>, Bo <b@linkoping.se>\" innehåller flera adresser: ge var och en egna citattecken: [\"Anna <a@linkoping.se>\", \"Bo <b@linkoping.se>\"]"}},
    {"unknown key with a close spelling",
     R"toml([[namnd]]
id = "linkoping/utbildning"
name = "Utbildningsnämnden"
recipents = ["utbildning@linkoping.se"]
any = ["förskola"]
)toml",
     {"1:1: [[namnd]] saknar den obligatoriska nyckeln \"recipients\"",
      "4:1: okänd nyckel \"recipents\" i [[namnd]] (menade du \"recipients\"?)"}},
    {"unknown key without a close spelling", "[daemon]\ncolour = \"blue\"\n",
     {"2:1: okänd nyckel \"colour\" i [daemon]"}},
    {"a language written as its name", "[daemon]\nlanguage = \"English\"\n",
     {"2:12: language: väntade \"sv\" eller \"en\", fick \"English\" (menade du \"en\"?)"}},
    {"a language as a region", "[daemon]\nlanguage = \"sv-SE\"\n",
     {"2:12: language: väntade \"sv\" eller \"en\", fick \"sv-SE\" (menade du \"sv\"?)"}},
    {"a language in capitals", "[daemon]\nlanguage = \"EN\"\n",
     {"2:12: language: väntade \"sv\" eller \"en\", fick \"EN\" (menade du \"en\"?)"}},
    {"a language omvarld does not speak", "[daemon]\nlanguage = \"de\"\n",
     {"2:12: language: väntade \"sv\" (svenska) eller \"en\" (engelska), fick \"de\""}},
    {"a language that is not text", "[daemon]\nlanguage = 1\n",
     {"2:12: language: väntade en text, fick ett heltal"}},
    {"unknown key in [web]", "[web]\nlisten = \"127.0.0.1:8080\"\nbase_uri = \"https://omvarld.linkoping.se\"\n",
     {"3:1: okänd nyckel \"base_uri\" i [web] (menade du \"base_url\"?)"}},
    {"misspelt [web]", "[webb]\nlisten = \"127.0.0.1:8080\"\n",
     {"1:2: okänd tabell \"webb\" (menade du \"web\"?)"}},
    {"[web] listen without a port", "[web]\nlisten = \"127.0.0.1\"\n",
     {"2:10: listen: väntade en adress och port som \"127.0.0.1:8080\" eller \"[::1]:8080\", "
      "fick \"127.0.0.1\""}},
    {"[web] listen on a host name", "[web]\nlisten = \"localhost:8080\"\n",
     {"2:10: listen: väntade en adress och port som \"127.0.0.1:8080\" eller \"[::1]:8080\", "
      "fick \"localhost:8080\""}},
    {"[web] listen on port 0 or past 65535", "[web]\nlisten = \"[::1]:65536\"\n",
     {"2:10: listen: väntade en adress och port som \"127.0.0.1:8080\" eller \"[::1]:8080\", "
      "fick \"[::1]:65536\""}},
    {"[web] base_url not absolute", "[web]\nbase_url = \"omvarld.linkoping.se/arkiv\"\n",
     {"2:12: base_url: väntade arkivets adress så som mejlläsare öppnar den, till exempel "
      "\"https://omvarld.linkoping.se\", fick \"omvarld.linkoping.se/arkiv\""}},
    {"[web] base_url with a backslash", "[web]\nbase_url = 'https://intranet.linkoping.se\\omvarld'\n",
     {"2:12: base_url: väntade arkivets adress så som mejlläsare öppnar den, till exempel "
      "\"https://omvarld.linkoping.se\", fick \"https://intranet.linkoping.se\\omvarld\""}},
    {"[web] base_url with a path", "[web]\nbase_url = \"https://intranet.linkoping.se/omvarld/\"\n",
     {"2:12: base_url: \"https://intranet.linkoping.se/omvarld/\" har en sökväg: arkivets sidor "
      "och mejl länkar från roten (\"/namnd/…\"); låt den omvända proxyn ge arkivet ett eget "
      "värdnamn, till exempel \"https://omvarld.linkoping.se\""}},
    {"[web] not a table", "web = \"127.0.0.1:8080\"\n",
     {"1:7: web: väntade en tabell [web], fick en text"}},
    {"unknown table", "[sources]\n", {"1:2: okänd tabell \"sources\" (menade du \"source\"?)"}},
    {"table where an array of tables belongs", "[source]\nid = \"ec-press\"\n",
     {"1:1: source: väntade [[source]]-tabeller, fick en tabell"}},
    {"string where an array of strings belongs",
     R"toml([[namnd]]
id = "linkoping/utbildning"
name = "U"
recipients = "utbildning@linkoping.se"
any = ["förskola"]
)toml",
     {"4:14: recipients: väntade en lista med texter, fick en text"}},
    {"string where a boolean belongs",
     R"toml([[namnd]]
id = "linkoping/utbildning"
name = "U"
recipients = ["utbildning@linkoping.se"]
any = ["förskola"]
send_empty = "yes"
)toml",
     {"6:14: send_empty: väntade ett sanningsvärde (true eller false), fick en text"}},
    {"missing required key", "[[source]]\nid = \"ec-press\"\n",
     {"1:1: [[source]] saknar den obligatoriska nyckeln \"url\""}},
    {"nämnd that would never match",
     R"toml([[namnd]]
id = "linkoping/utbildning"
name = "U"
recipients = ["utbildning@linkoping.se"]
)toml",
     {"1:1: [[namnd]] \"linkoping/utbildning\" har varken any, query eller topics: den skulle aldrig få några träffar"}},
    {"topic without terms", "[[topic]]\nid = \"eu\"\nany = []\n",
     {"3:7: any: väntade minst ett sökord"}},
    {"duplicate source id",
     R"toml([[source]]
id = "ec-press"
url = "https://ec.europa.eu/rss"

[[source]]
id = "ec-press"
url = "https://ec.europa.eu/rss2"
)toml",
     {"6:6: käll-id \"ec-press\" används två gånger (första gången på {file}:2:6)"}},
    {"duplicate topic id",
     "[[topic]]\nid = \"eu\"\nany = [\"eu\"]\n[[topic]]\nid = \"eu\"\nany = [\"eu\"]\n",
     {"5:6: ämnes-id \"eu\" används två gånger (första gången på {file}:2:6)"}},
    {"unknown source or tag",
     R"toml([[source]]
id = "ec-press"
url = "https://ec.europa.eu/rss"
tags = ["eu"]

[[namnd]]
id = "linkoping/utbildning"
name = "U"
recipients = ["utbildning@linkoping.se"]
sources = ["eu", "skr2"]
any = ["förskola"]
)toml",
     {"10:18: sources: \"skr2\" är varken ett käll-id eller en tagg"}},
    {"misspelt source and tag",
     R"toml([[source]]
id = "ec-press"
url = "https://ec.europa.eu/rss"
tags = ["regionkommitten"]

[[namnd]]
id = "linkoping/utbildning"
name = "U"
recipients = ["utbildning@linkoping.se"]
sources = ["ec-pres", "regionkomiten", "regionkommittén", "bryssel"]
any = ["förskola"]
)toml",
     {"10:12: sources: \"ec-pres\" är varken ett käll-id eller en tagg (menade du \"ec-press\"?)",
      "10:23: sources: \"regionkomiten\" är varken ett käll-id eller en tagg (menade du \"regionkommitten\"?)",
      "10:40: sources: \"regionkommittén\" är varken ett käll-id eller en tagg (id skrivs utan \"é\": menade du \"regionkommitten\"?)",
      "10:59: sources: \"bryssel\" är varken ett käll-id eller en tagg"}},
    {"unknown topic",
     R"toml([[topic]]
id = "eu-finansiering"
any = ["utlysning"]

[[namnd]]
id = "linkoping/utbildning"
name = "U"
recipients = ["utbildning@linkoping.se"]
topics = ["eu-finans"]
)toml",
     {"9:11: topics: okänt ämne \"eu-finans\""}},
    {"misspelt topic",
     R"toml([[topic]]
id = "eu-finansiering"
any = ["utlysning"]

[[topic]]
id = "aldreomsorg"
any = ["äldreomsorg"]

[[namnd]]
id = "linkoping/utbildning"
name = "U"
recipients = ["utbildning@linkoping.se"]
topics = ["eu-finansering", "äldreomsorg"]
)toml",
     {"13:11: topics: okänt ämne \"eu-finansering\" (menade du \"eu-finansiering\"?)",
      "13:29: topics: okänt ämne \"äldreomsorg\" (id skrivs utan \"ä\": menade du "
      "\"aldreomsorg\"?)"}},
    {"bad duration", "[daemon]\ndefault_interval = \"half an hour\"\n",
     {"2:20: default_interval: väntade en tidslängd som \"30m\", fick \"half an hour\""}},
    {"bad silent_after", "[daemon]\nsilent_after = \"a month\"\n",
     {"2:16: silent_after: väntade en tidslängd som \"30m\", fick \"a month\""}},
    {"bad first_digest_reach", "[daemon]\nfirst_digest_reach = \"14 dagar\"\n",
     {"2:22: first_digest_reach: väntade en tidslängd som \"30m\", fick \"14 dagar\""}},
    {"unknown time zone", "[daemon]\ntimezone = \"Europe/Linkoping\"\n",
     {"2:12: timezone: väntade en tidszon som \"Europe/Stockholm\", fick \"Europe/Linkoping\""}},
    {"bad schedule",
     R"toml([[namnd]]
id = "linkoping/utbildning"
name = "U"
recipients = ["utbildning@linkoping.se"]
any = ["förskola"]
schedule = "månadsvis 07:00"
)toml",
     {"6:12: schedule: okänd veckodag \"månadsvis\"; väntade ett schema som \"mån 07:00\", \"tis,tor 07.00\", \"vardagar 07:30\" eller \"dagligen 07:00\", fick \"månadsvis 07:00\""}},
    {"misspelt day in a schedule",
     R"toml([[namnd]]
id = "linkoping/utbildning"
name = "U"
recipients = ["utbildning@linkoping.se"]
any = ["förskola"]
schedule = "Tisdg 7.00"
)toml",
     {"6:12: schedule: okänd veckodag \"tisdg\" (menade du \"tisdag\"?); väntade ett schema som \"mån 07:00\", \"tis,tor 07.00\", \"vardagar 07:30\" eller \"dagligen 07:00\", fick "
      "\"Tisdg 7.00\""}},
    {"bad report schedule", "[mail]\nreport_schedule = \"monday 7am\"\n",
     {"2:19: report_schedule: \"7am\" är ingen tid: skriv timmar och minuter, som 07:00 eller 7.00; väntade ett schema som \"mån 07:00\", \"tis,tor 07.00\", \"vardagar 07:30\" eller \"dagligen 07:00\", fick \"monday 7am\""}},
    {"max_items of zero", "[mail]\nmax_items = 0\n",
     {"2:13: max_items: väntade ett heltal från 1 till 1000, fick 0"}},
    {"max_items too large", "[mail]\nmax_items = 100000\n",
     {"2:13: max_items: väntade ett heltal från 1 till 1000, fick 100000"}},
    {"max_items as text", "[mail]\nmax_items = \"150\"\n",
     {"2:13: max_items: väntade ett heltal, fick en text"}},
    {"max_items as a fraction", "[mail]\nmax_items = 1.5\n",
     {"2:13: max_items: väntade ett heltal, fick ett decimaltal"}},
    {"empty ca_file", "[mail]\nca_file = \"\"\n", {"2:11: ca_file: väntade en sökväg, fick \"\""}},
    {"empty sendmail_path", "[mail]\nsendmail_path = \"\"\n",
     {"2:17: sendmail_path: väntade en sökväg, fick \"\""}},
    {"malformed recipient",
     R"toml([[namnd]]
id = "linkoping/utbildning"
name = "U"
recipients = ["utbildning@@linkoping.se"]
any = ["förskola"]
)toml",
     {"4:15: recipients: \"utbildning@@linkoping.se\" är ingen e-postadress (skriv namn@example.se eller \"Namn <namn@example.se>\")"}},
    {"malformed sender", "[mail]\nfrom = \"Omvärld <omvarld@linkoping>\"\n",
     {"2:8: from: \"Omvärld <omvarld@linkoping>\" är ingen e-postadress (skriv namn@example.se eller \"Namn <namn@example.se>\")"}},
    {"malformed source id", "[[source]]\nid = \"EC Press\"\nurl = \"https://ec.europa.eu/rss\"\n",
     {"2:6: id: \"EC Press\" går inte att använda som käll-id: använd små bokstäver a–z, siffror, \".\", \"_\" och \"-\", och börja med en bokstav eller siffra; skriv \"ec-press\""}},
    {"source id with å, ä or ö", "[[source]]\nid = \"länsstyrelsen\"\nurl = \"https://lst.se/rss\"\n",
     {"2:6: id: \"länsstyrelsen\" innehåller \"ä\", men som käll-id går bara a–z, 0–9, \".\", \"_\" och \"-\" att använda: skriv \"lansstyrelsen\""}},
    {"nämnd id with å, ä or ö",
     R"toml([[namnd]]
id = "linköping/äldrenämnden"
name = "Äldrenämnden"
recipients = ["aldre@linkoping.se"]
any = ["äldreomsorg"]
)toml",
     {"2:6: id: \"linköping/äldrenämnden\" innehåller \"ö\" och \"ä\", men som nämnd-id går bara a–z, 0–9, \".\", \"_\" och \"-\" att använda: skriv \"linkoping/aldrenamnden\""}},
    {"tags follow the rule of ids",
     "[[source]]\nid = \"skr\"\nurl = \"https://skr.se/rss\"\ntags = [\"Sverige\", \"välfärd\", \"EU stöd\"]\n",
     {"4:9: tags: \"Sverige\" går inte att använda som tagg: använd små bokstäver a–z, siffror, \".\", \"_\" och \"-\", och börja med en bokstav eller siffra; skriv \"sverige\"",
      "4:20: tags: \"välfärd\" innehåller \"ä\", men som tagg går bara a–z, 0–9, \".\", \"_\" och \"-\" att använda: skriv \"valfard\"",
      "4:31: tags: \"EU stöd\" innehåller \"ö\", men som tagg går bara a–z, 0–9, \".\", \"_\" och \"-\" att använda: skriv \"eu-stod\""}},
    {"nämnd id without kommun",
     R"toml([[namnd]]
id = "utbildning"
name = "U"
recipients = ["utbildning@linkoping.se"]
any = ["förskola"]
)toml",
     {"2:6: id: \"utbildning\" går inte att använda som nämnd-id: väntade \"kommun/nämnd\", till exempel \"linkoping/utbildning\""}},
    {"unknown transport", "[mail]\ntransport = \"smpt\"\n",
     {"2:13: transport: väntade \"smtp\", \"sendmail\" eller \"directory\", fick \"smpt\""}},
    {"html source without its profile",
     "[[source]]\nid = \"ec\"\nurl = \"https://ec.europa.eu/\"\nkind = \"html\"\n",
     {"4:8: kind = \"html\" behöver en tabell [source.html] med items, title och link"}},
    {"smtp transport without smtp_url", "[mail]\ntransport = \"smtp\"\n",
     {"2:13: transport: \"smtp\" kräver smtp_url i [mail]"}},
    {"a username with starttls off",
     "[mail]\ntransport = \"smtp\"\nsmtp_url = \"smtp://mail.linkoping.se\"\nstarttls = \"off\"\n"
     "username = \"omvarld\"\n",
     {"4:12: starttls: \"off\" med ett username skulle skicka lösenordet okrypterat; ange starttls = \"required\" eller använd en smtps://-adress"}},
    {"url with another scheme", "[[source]]\nid = \"ec\"\nurl = \"ftp://ec.europa.eu/rss\"\n",
     {"3:7: url: väntade en http://-, https://- eller file://-adress, fick \"ftp://ec.europa.eu/rss\""}},
    {"file url without allow_file_urls",
     "[[source]]\nid = \"ec\"\nurl = \"file:///srv/feeds/ec.xml\"\n",
     {"3:7: url: file://-adresser kräver allow_file_urls = true i [daemon]"}},
    {"bad term", "[[topic]]\nid = \"skola\"\nany = [\"förskola\", \"*\"]\n",
     {"3:21: any: \"*\" ensam träffar allt"},
     Errc::kInvalidQuery},
    {"bad query",
     R"toml([[namnd]]
id = "linkoping/utbildning"
name = "U"
recipients = ["utbildning@linkoping.se"]
any = ["förskola"]
query = 'digitalisering AND'
)toml",
     {"6:28: query: väntade ett ord efter AND"},
     Errc::kInvalidQuery},
    // Columns count characters: ö, å and ä take two bytes each but one column.
    {"bad query after å, ä and ö",
     R"toml([[namnd]]
id = "linkoping/utbildning"
name = "U"
recipients = ["utbildning@linkoping.se"]
any = ["förskola"]
query = 'förskola åk ärende AND'
)toml",
     {"6:32: query: väntade ett ord efter AND"},
     Errc::kInvalidQuery},
};

TEST(LoadConfig, ReportsEachKindOfMistakeAtItsPosition) {
  for (const ErrorCase& c : kErrorCases) {
    SCOPED_TRACE(c.name);
    TempDir dir;
    const std::string file = dir.write("omvarld.toml", c.toml).string();
    std::vector<std::string> expected;
    for (const std::string& error : c.errors) {
      expected.push_back(file + ":" + replace_all(error, "{file}", file));
    }

    auto config = load_config(file);

    ASSERT_FALSE(config);
    EXPECT_EQ(messages_of(config.error()), expected);
    for (const Error& error : config.error()) EXPECT_EQ(error.code, c.code);
  }
}

// check-config died here, its stack overflowed by the parser's recursion.
TEST(LoadConfig, ReportsAQueryNestedTooDeepOrWithTooManyTermsAtTheColumnWhereItGoesTooFar) {
  struct QueryCase {
    const char* name;
    std::string query;
    std::string error;  // "LINE:COL: message"
  };
  const QueryCase cases[] = {
      {"100,000 parentheses", std::string(100000, '('),
       "6:42: query: har fler än 32 nivåer av parenteser och NOT"},
      {"100,000 NOTs", [] { std::string q; for (int i = 0; i < 100000; ++i) q += "NOT "; return q + "x"; }(),
       "6:138: query: har fler än 32 nivåer av parenteser och NOT"},
      {"4,000 prefixes", [] { std::string q; for (int i = 0; i < 4000; ++i) q += "e* "; return q; }(),
       "6:3010: query: fler än 1000 ord i en query"},
  };
  for (const QueryCase& c : cases) {
    SCOPED_TRACE(c.name);
    TempDir dir;
    const std::string file = dir.write("omvarld.toml", "[[namnd]]\nid = \"linkoping/utbildning\"\nname = \"U\"\n"
                                                       "recipients = [\"utbildning@linkoping.se\"]\n"
                                                       "any = [\"förskola\"]\nquery = '" + c.query + "'\n").string();
    auto config = load_config(file);
    ASSERT_FALSE(config);
    EXPECT_EQ(messages_of(config.error()), std::vector<std::string>{file + ":" + c.error});
    EXPECT_EQ(config.error().front().code, Errc::kInvalidQuery);
  }
}

TEST(LoadConfig, ReportsEveryMistakeOfAFileInReadingOrder) {
  TempDir dir;
  const std::string file = dir.write("omvarld.toml", R"toml([daemon]
retention = "two years"

[[topic]]
id = "eu-finansiering"
any = ["utlysning"]

[[namnd]]
id = "linkoping/utbildning"
name = "Utbildningsnämnden"
recipients = ["utbildning.linkoping.se"]
schedule = "mon 7"
topics = ["eu-finans"]
send_emtpy = true
)toml").string();

  auto config = load_config(file);

  ASSERT_FALSE(config);
  EXPECT_EQ(messages_of(config.error()),
            (std::vector<std::string>{
                file + ":2:13: retention: väntade en tidslängd som \"30m\", fick \"two years\"",
                file + ":11:15: recipients: \"utbildning.linkoping.se\" är ingen e-postadress (skriv namn@example.se eller \"Namn <namn@example.se>\")",
                file + ":12:12: schedule: \"7\" är ingen tid: skriv timmar och minuter, som 07:00 eller 7.00; väntade ett schema som \"mån 07:00\", \"tis,tor 07.00\", \"vardagar 07:30\" eller \"dagligen 07:00\", fick \"mon 7\"",
                file + ":13:11: topics: okänt ämne \"eu-finans\"",
                file + ":14:1: okänd nyckel \"send_emtpy\" i [[namnd]] (menade du \"send_empty\"?)",
            }));
}

TEST(LoadConfig, ReportsOtherFilesMistakesWhenOneFileHasASyntaxError) {
  TempDir dir;
  const std::string main_file = dir.write("omvarld.toml", "[daemon\n").string();
  const std::string drop_in =
      dir.write("conf.d/10-daemon.toml", "[daemon]\nretention = \"forever\"\n").string();

  auto config = load_config(main_file);

  ASSERT_FALSE(config);
  EXPECT_EQ(messages_of(config.error()),
            (std::vector<std::string>{
                main_file + ":1:8: en tabells namn skrivs inom hakparenteser på en egen rad: "
                            "[mail], [[namnd]]",
                drop_in + ":2:13: retention: väntade en tidslängd som \"30m\", fick \"forever\"",
            }));
}

TEST(LoadConfig, NamesAMissingMainFile) {
  TempDir dir;
  const std::string file = (dir.path() / "omvarld.toml").string();

  auto config = load_config(file);

  ASSERT_FALSE(config);
  ASSERT_EQ(config.error().size(), 1u);
  EXPECT_EQ(to_string(config.error()[0]), file + ": filen finns inte");
  EXPECT_EQ(config.error()[0].code, Errc::kInvalidConfig);
}

}  // namespace
}  // namespace omvarld::config
