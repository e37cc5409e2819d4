#include "feeds/feed_vocabulary.h"

#include <unordered_map>

#include "core/ascii.h"

namespace omvarld::feeds {

std::string_view canonical_prefix(std::string_view lower_uri, bool& known) {
  static const std::unordered_map<std::string_view, std::string_view> table = {
      {"", ""}, {"http://backend.userland.com/rss", ""}, {"http://blogs.law.harvard.edu/tech/rss", ""},
      {"http://purl.org/rss/1.0/", ""}, {"http://my.netscape.com/rdf/simple/0.9/", ""},
      {"http://example.com/newformat#", ""}, {"http://example.com/necho", ""}, {"http://purl.org/echo/", ""},
      {"uri/of/echo/namespace#", ""}, {"http://purl.org/pie/", ""}, {"http://purl.org/atom/ns#", ""},
      {"http://www.w3.org/2005/atom", ""}, {"http://purl.org/rss/1.0/modules/rss091#", ""},
      {"http://webns.net/mvcb/", "admin"}, {"http://purl.org/rss/1.0/modules/aggregation/", "ag"},
      {"http://purl.org/rss/1.0/modules/annotate/", "annotate"}, {"http://media.tangent.org/rss/1.0/", "audio"},
      {"http://backend.userland.com/blogchannelmodule", "blogChannel"},
      {"http://creativecommons.org/ns#license", "cc"}, {"http://web.resource.org/cc/", "cc"},
      {"http://cyber.law.harvard.edu/rss/creativecommonsrssmodule.html", "creativecommons"},
      {"http://backend.userland.com/creativecommonsrssmodule", "creativecommons"},
      {"http://purl.org/rss/1.0/modules/company", "co"}, {"http://purl.org/rss/1.0/modules/content/", "content"},
      {"http://my.theinfo.org/changed/1.0/rss/", "cp"}, {"http://purl.org/dc/elements/1.1/", "dc"},
      {"http://purl.org/dc/terms/", "dcterms"}, {"http://purl.org/rss/1.0/modules/email/", "email"},
      {"http://purl.org/rss/1.0/modules/event/", "ev"}, {"http://rssnamespace.org/feedburner/ext/1.0", "feedburner"},
      {"http://freshmeat.net/rss/fm/", "fm"}, {"http://xmlns.com/foaf/0.1/", "foaf"},
      {"http://www.w3.org/2003/01/geo/wgs84_pos#", "geo"}, {"http://www.georss.org/georss", "georss"},
      {"http://www.opengis.net/gml", "gml"}, {"http://postneo.com/icbm/", "icbm"},
      {"http://purl.org/rss/1.0/modules/image/", "image"}, {"http://www.itunes.com/dtds/podcast-1.0.dtd", "itunes"},
      {"http://example.com/dtds/podcast-1.0.dtd", "itunes"}, {"http://purl.org/rss/1.0/modules/link/", "l"},
      {"http://search.yahoo.com/mrss", "media"}, {"http://search.yahoo.com/mrss/", "media"},
      {"http://madskills.com/public/xml/rss/module/pingback/", "pingback"},
      {"http://prismstandard.org/namespaces/1.2/basic/", "prism"},
      {"http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf"}, {"http://www.w3.org/2000/01/rdf-schema#", "rdfs"},
      {"http://purl.org/rss/1.0/modules/reference/", "ref"}, {"http://purl.org/rss/1.0/modules/richequiv/", "reqv"},
      {"http://purl.org/rss/1.0/modules/search/", "search"}, {"http://purl.org/rss/1.0/modules/slash/", "slash"},
      {"http://schemas.xmlsoap.org/soap/envelope/", "soap"}, {"http://purl.org/rss/1.0/modules/servicestatus/", "ss"},
      {"http://hacks.benhammersley.com/rss/streaming/", "str"}, {"http://purl.org/rss/1.0/modules/subscription/", "sub"},
      {"http://purl.org/rss/1.0/modules/syndication/", "sy"}, {"http://schemas.pocketsoap.com/rss/mydescmodule/", "szf"},
      {"http://purl.org/rss/1.0/modules/taxonomy/", "taxo"}, {"http://purl.org/rss/1.0/modules/threading/", "thr"},
      {"http://purl.org/rss/1.0/modules/textinput/", "ti"},
      {"http://madskills.com/public/xml/rss/module/trackback/", "trackback"},
      {"http://wellformedweb.org/commentapi/", "wfw"}, {"http://purl.org/rss/1.0/modules/wiki/", "wiki"},
      {"http://www.w3.org/1999/xhtml", "xhtml"}, {"http://www.w3.org/1999/xlink", "xlink"},
      {"http://www.w3.org/xml/1998/namespace", "xml"}, {"http://podlove.org/simple-chapters", "psc"},
  };
  if (lower_uri.find("backend.userland.com/rss") != std::string_view::npos) {
    known = true;
    return "";
  }
  const auto it = table.find(lower_uri);
  known = it != table.end();
  return known ? it->second : std::string_view();
}

bool extension_prefix(std::string_view prefix) {
  return prefix == "itunes" || prefix == "media" || prefix == "georss" || prefix == "gml" ||
         prefix == "psc" || prefix == "geo";
}

ElementHandler handler_of(std::string_view prefix, std::string_view local) {
  using enum ElementHandler;
  static const std::unordered_map<std::string_view, ElementHandler> core = {
      {"rss", kRss}, {"channel", kChannel}, {"feed", kFeed}, {"item", kItem},
      {"entry", kItem}, {"image", kImage}, {"textinput", kTextinput}, {"author", kAuthor},
      {"managingeditor", kAuthor}, {"contributor", kContributor}, {"name", kName},
      {"width", kWidth}, {"height", kHeight}, {"url", kUrl}, {"homepage", kUrl},
      {"uri", kUrl}, {"email", kEmail}, {"subtitle", kSubtitle}, {"tagline", kSubtitle},
      {"rights", kRights}, {"copyright", kRights}, {"language", kLanguage},
      {"webmaster", kWebmaster}, {"published", kPublished}, {"issued", kPublished},
      {"pubdate", kPublished}, {"updated", kUpdated}, {"modified", kUpdated},
      {"lastbuilddate", kUpdated}, {"created", kCreated}, {"expirationdate", kExpired},
      {"category", kCategory}, {"keywords", kCategory}, {"cloud", kCloud}, {"link", kLink},
      {"guid", kGuid}, {"id", kGuid}, {"title", kTitle}, {"description", kDescription},
      {"abstract", kAbstract}, {"info", kInfo}, {"generator", kGenerator},
      {"summary", kSummary}, {"enclosure", kEnclosure}, {"source", kSource},
      {"content", kContent}, {"body", kBody}, {"fullitem", kContentEncoded},
      {"newlocation", kNewlocation}, {"tags", kTags}};
  static const std::unordered_map<std::string_view, ElementHandler> dc = {
      {"author", kAuthor}, {"creator", kAuthor}, {"date", kUpdated},
      {"description", kDescription}, {"language", kLanguage}, {"publisher", kWebmaster},
      {"rights", kRights}, {"subject", kCategory}, {"title", kTitle},
      {"contributor", kDcContributor}};
  if (prefix.empty()) {
    const auto it = core.find(local);
    return it == core.end() ? kNone : it->second;
  }
  if (prefix == "dc") {
    const auto it = dc.find(local);
    return it == dc.end() ? kNone : it->second;
  }
  if (prefix == "dcterms") {
    if (local == "created") return kCreated;
    if (local == "issued") return kPublished;
    if (local == "modified") return kUpdated;
    if (local == "valid") return kValid;
  }
  if (prefix == "content" && local == "encoded") return kContentEncoded;
  if (prefix == "xhtml" && local == "body") return kBody;
  if (prefix == "feedburner" && local == "browserfriendly") return kInfo;
  if (prefix == "cc" && local == "license") return kCcLicense;
  if (prefix == "creativecommons" && local == "license") return kCcRssLicense;
  if (prefix == "admin" && local == "generatoragent") return kGeneratorAgent;
  return kNone;
}

std::string_view stored_key(std::string_view key) {
  if (key == "guid") return "id";
  if (key == "date" || key == "modified") return "updated";
  if (key == "issued") return "published";
  if (key == "copyright") return "rights";
  if (key == "tagline") return "subtitle";
  if (key == "url") return "href";
  return key;
}

std::string unknown_namespace_prefix(std::string_view given_prefix) {
  std::string prefix = core::lowercase_ascii(given_prefix);
  using enum ElementHandler;
  if (handler_of(prefix, "title") != kNone || handler_of(prefix, "encoded") != kNone ||
      handler_of(prefix, "created") != kNone || handler_of(prefix, "body") != kNone) {
    prefix += "-other";
  }
  return prefix;
}

}  // namespace omvarld::feeds
