// The general reader's element dispatch (feed_reader_state.h): what each
// element's start and end do, by its handler (feed_vocabulary.h), with
// feedparser's state flags (in entry, in image, in source, …) settling
// repeated and nested elements.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ascii.h"
#include "feeds/feed_reader_state.h"
#include "markup/url.h"

namespace omvarld::feeds::general_reader {

void Reader::start(ElementHandler handler, std::string_view prefix, std::string_view local, Attrs& attrs) {
  switch (handler) {
    case ElementHandler::kRss:
      break;
    case ElementHandler::kFeed:
      in_feed_ = true;
      break;
    case ElementHandler::kChannel:
      in_feed_ = true;
      cdf_common(attrs);
      break;
    case ElementHandler::kItem: start_item(attrs); break;
    case ElementHandler::kImage:
      if (!in_entry_ && feed_.image.empty()) context().image.emplace_back();
      in_image_ = true;
      title_depth_ = -1;
      push("image", false);
      break;
    case ElementHandler::kTextinput:
      if (&context() == &feed_ && feed_.textinput.empty()) feed_.textinput.emplace_back();
      in_textinput_ = true;
      title_depth_ = -1;
      push("textinput", false);
      break;
    case ElementHandler::kAuthor: start_author(); break;
    case ElementHandler::kContributor:
      in_contributor_ = true;
      context().contributors.emplace_back();
      push("contributor", false);
      break;
    case ElementHandler::kDcContributor:
      in_contributor_ = true;
      context().contributors.emplace_back();
      push("name", false);
      break;
    case ElementHandler::kName: push("name", false); break;
    case ElementHandler::kWidth: push("width", false); break;
    case ElementHandler::kHeight: push("height", false); break;
    case ElementHandler::kUrl: push("href", true); break;
    case ElementHandler::kEmail: push("email", false); break;
    case ElementHandler::kSubtitle: push_content("subtitle", attrs, "text/plain", true); break;
    case ElementHandler::kRights: push_content("rights", attrs, "text/plain", true); break;
    case ElementHandler::kInfo: push_content("info", attrs, "text/plain", true); break;
    case ElementHandler::kLanguage: push("language", true); break;
    case ElementHandler::kWebmaster: push("publisher", true); break;
    case ElementHandler::kPublished: push("published", true); break;
    case ElementHandler::kUpdated: push("updated", true); break;
    case ElementHandler::kCreated: push("created", true); break;
    case ElementHandler::kExpired: push("expired", true); break;
    case ElementHandler::kValid: push("validity", true); break;
    case ElementHandler::kCategory: {
      std::string scheme = attr_or(attrs, "scheme");
      if (!find_attr(attrs, "scheme")) scheme = attr_or(attrs, "domain");
      add_tag(attr_or(attrs, "term"), scheme, attr_or(attrs, "label"));
      push("category", true);
      break;
    }
    case ElementHandler::kTags: push("tags", true); break;
    case ElementHandler::kCloud: {
      Fields& ctx = context();
      ctx.cloud.clear();
      for (const Attr& attr : attrs) ctx.cloud.emplace_back(attr.name, attr.value);
      if (ctx.cloud.empty()) ctx.cloud.emplace_back();
      break;
    }
    case ElementHandler::kLink: start_link(attrs); break;
    case ElementHandler::kGuid: {
      const std::string* is_permalink = find_attr(attrs, "ispermalink");
      guid_is_link_ = guid_is_permalink(is_permalink ? std::optional<std::string_view>(*is_permalink) : std::nullopt);
      push("id", true);
      break;
    }
    case ElementHandler::kTitle: push_content("title", attrs, "text/plain", in_feed_ || in_entry_ || in_source_); break;
    case ElementHandler::kDescription: start_summary_like(attrs, true, "text/html"); break;
    case ElementHandler::kAbstract:
      summary_is_content_ = false;
      push_content("description", attrs, "text/plain", in_feed_ || in_entry_ || in_source_);
      break;
    case ElementHandler::kSummary: start_summary_like(attrs, false, "text/plain"); break;
    case ElementHandler::kGenerator: {
      enforce_href(attrs);
      Generator generator;
      for (const Attr& attr : attrs) {
        if (attr.name == "href") generator.href = markup::resolve_url(base_, attr.value);
        if (attr.name == "version") generator.version = attr.value;
      }
      context().generator_detail = generator;
      push("generator", true);
      break;
    }
    case ElementHandler::kGeneratorAgent: {
      push("generator", true);
      const std::string value = attr_or(attrs, "rdf:resource");
      stack_.back().text = value;
      pop("generator");
      Generator generator;
      generator.href = value;
      context().generator_detail = generator;
      break;
    }
    case ElementHandler::kEnclosure: {
      enforce_href(attrs);
      Link link = link_of(attrs);
      link.rel = "enclosure";
      context().links.push_back(std::move(link));
      break;
    }
    case ElementHandler::kSource:
      if (const std::string* url = find_attr(attrs, "url")) source_.href = *url;
      push("source", true);
      in_source_ = true;
      title_depth_ = -1;
      break;
    case ElementHandler::kContent:
      has_content_ = true;
      push_content("content", attrs, "text/plain", true);
      content_.src = attr_or(attrs, "src");
      break;
    case ElementHandler::kBody: push_content("content", attrs, kXhtmlType, true); break;
    case ElementHandler::kContentEncoded:
      has_content_ = true;
      push_content("content", attrs, "text/html", true);
      break;
    case ElementHandler::kNewlocation: push("newlocation", true); break;
    case ElementHandler::kCcLicense: {
      Link link;
      link.rel = "license";
      link.href = attr_or(attrs, "rdf:resource");
      context().links.push_back(std::move(link));
      break;
    }
    case ElementHandler::kCcRssLicense: push("license", true); break;
    case ElementHandler::kNone: {
      std::string key = prefix.empty() ? std::string(local) : std::string(prefix) + "_" + std::string(local);
      if (attrs.empty()) {
        push(std::move(key), true);
      } else if (!extension_prefix(prefix)) {
        FeedValue object = FeedValue::object();
        for (const Attr& attr : attrs) object[attr.name] = FeedValue::string(attr.value);
        context().extras[key] = std::move(object);
      }
      break;
    }
  }
}

void Reader::end(ElementHandler handler, std::string_view prefix, std::string_view local) {
  switch (handler) {
    case ElementHandler::kRss: break;
    case ElementHandler::kChannel:
    case ElementHandler::kFeed: in_feed_ = false; break;
    case ElementHandler::kItem:
      pop("item");
      in_entry_ = false;
      has_content_ = false;
      // Handed over only when no item is open: an inner item's entry comes
      // after its outer one's, as in `entries`, and the outer one is still
      // written to (entry() is the last entry) until it ends.
      if (--open_items_ == 0 && on_entry_) {
        for (ParsedEntry& done : feed_.entries) on_entry_(std::move(done));
        entries_handed_ += feed_.entries.size();
        feed_.entries.clear();
      }
      break;
    case ElementHandler::kImage:
      pop("image");
      in_image_ = false;
      break;
    case ElementHandler::kTextinput:
      pop("textinput");
      in_textinput_ = false;
      break;
    case ElementHandler::kAuthor: end_author(); break;
    case ElementHandler::kContributor:
      pop("contributor");
      in_contributor_ = false;
      break;
    case ElementHandler::kDcContributor:
    case ElementHandler::kName: {
      const std::optional<std::string> value = pop("name");
      if (value) {
        if (in_author_) save_person("name", *value, false);
        else if (in_contributor_) save_contributor("name", *value);
        else if (in_textinput_) context().name = *value;
      }
      if (handler == ElementHandler::kDcContributor) in_contributor_ = false;
      break;
    }
    case ElementHandler::kWidth:
    case ElementHandler::kHeight: {
      const bool width = handler == ElementHandler::kWidth;
      const std::optional<std::string> value = pop(width ? "width" : "height");
      if (!value || !in_image_) break;
      int number = 0;
      const std::string_view digits = *value;
      bool ok = !digits.empty();
      std::size_t i = digits.starts_with('-') || digits.starts_with('+') ? 1 : 0;
      if (i == digits.size()) ok = false;
      for (; ok && i < digits.size(); ++i) {
        if (digits[i] < '0' || digits[i] > '9' || number > 100000000) { ok = false; break; }
        number = number * 10 + (digits[i] - '0');
      }
      if (ok && digits.starts_with('-')) number = -number;
      (width ? context().width : context().height) = ok ? number : 0;
      break;
    }
    case ElementHandler::kUrl: end_person_field("href"); break;
    case ElementHandler::kEmail: end_person_field("email"); break;
    case ElementHandler::kSubtitle: pop_content("subtitle"); break;
    case ElementHandler::kRights: pop_content("rights"); break;
    case ElementHandler::kInfo: pop_content("info"); break;
    case ElementHandler::kLanguage: pop("language"); break;
    case ElementHandler::kWebmaster:
      pop("publisher");
      sync_author_detail(true);
      break;
    case ElementHandler::kPublished: end_date("published", &Fields::published); break;
    case ElementHandler::kUpdated: end_date("updated", &Fields::updated); break;
    case ElementHandler::kCreated: end_date("created", &Fields::created); break;
    case ElementHandler::kExpired: end_date("expired", &Fields::expired); break;
    case ElementHandler::kValid: {
      const std::optional<std::string> value = pop("validity");
      if (!value) break;
      std::string_view rest = *value;
      while (!rest.empty()) {
        const auto semi = rest.find(';');
        const std::string_view part = rest.substr(0, semi);
        rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
        const auto eq = part.find('=');
        if (eq == std::string_view::npos) continue;
        const std::string_view key = part.substr(0, eq);
        if (key == "start") context().validity_start = read_date(part.substr(eq + 1));
        if (key == "end") context().validity_end = read_date(part.substr(eq + 1));
      }
      break;
    }
    case ElementHandler::kCategory: {
      const std::optional<std::string> value = pop("category");
      if (!value || value->empty()) break;
      std::vector<Tag>& tags = context().tags;
      if (!tags.empty() && tags.back().term.empty()) set_last_term(tags, *value);
      else add_tag(*value, {}, {});
      break;
    }
    case ElementHandler::kTags: {
      const std::optional<std::string> value = pop("tags");
      if (!value) break;
      std::string_view rest = *value;
      while (true) {
        const auto comma = rest.find(',');
        add_tag(std::string(core::trim_space(rest.substr(0, comma))), {}, {});
        if (comma == std::string_view::npos) break;
        rest = rest.substr(comma + 1);
      }
      break;
    }
    case ElementHandler::kLink:
      pop("link");
      is_entry_link_ = false;
      break;
    case ElementHandler::kGuid: {
      const std::optional<std::string> value = pop("id");
      Fields& ctx = context();
      if (!ctx.guidislink) ctx.guidislink = guid_is_link_ && ctx.link.empty();
      if (value) guid_fills_link(ctx.link, *value, guid_is_link_);
      break;
    }
    case ElementHandler::kTitle: {
      const std::optional<std::string> value = pop_content("title");
      if (value && !value->empty()) title_depth_ = depth_;
      break;
    }
    case ElementHandler::kDescription:
    case ElementHandler::kSummary:
    case ElementHandler::kAbstract:
      if (summary_is_content_) end_content();
      else pop_content(handler == ElementHandler::kSummary ? "summary" : "description");
      summary_is_content_ = false;
      break;
    case ElementHandler::kGenerator: {
      const std::optional<std::string> value = pop("generator");
      Fields& ctx = context();
      if (value && ctx.generator_detail) ctx.generator_detail->name = *value;
      break;
    }
    case ElementHandler::kSource: {
      in_source_ = false;
      const std::optional<std::string> value = pop("source");
      if (value && !value->empty()) source_.title.value = *value;
      Fields& ctx = context();
      ctx.source.clear();
      ctx.source.push_back(std::move(source_));
      source_ = Fields();
      tag_indexes_.erase(&source_.tags);  // a list anew at the same place
      break;
    }
    case ElementHandler::kContent:
    case ElementHandler::kBody:
    case ElementHandler::kContentEncoded: end_content(); break;
    case ElementHandler::kNewlocation: {
      const std::optional<std::string> value = pop("newlocation");
      if (value && &context() == &feed_) {
        feed_.extras["newlocation"] = FeedValue::string(safe_absolute_uri(base_, core::trim_space(*value)));
      }
      break;
    }
    case ElementHandler::kCcRssLicense: {
      const std::optional<std::string> value = pop("license");
      if (!value) break;
      Link link;
      link.rel = "license";
      link.href = *value;
      context().links.push_back(std::move(link));
      break;
    }
    case ElementHandler::kCcLicense:
    case ElementHandler::kEnclosure:
    case ElementHandler::kCloud:
    case ElementHandler::kGeneratorAgent:
      break;
    case ElementHandler::kNone: {
      const std::string key = prefix.empty() ? std::string(local) : std::string(prefix) + "_" + std::string(local);
      pop(key);
      break;
    }
  }
}

}  // namespace omvarld::feeds::general_reader
