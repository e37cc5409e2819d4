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

void Reader::start(H handler, std::string_view prefix, std::string_view local, Attrs& attrs) {
  switch (handler) {
    case H::kRss:
      break;
    case H::kFeed:
      in_feed_ = true;
      break;
    case H::kChannel:
      in_feed_ = true;
      cdf_common(attrs);
      break;
    case H::kItem: start_item(attrs); break;
    case H::kImage:
      if (!in_entry_ && feed_.image.empty()) context().image.emplace_back();
      in_image_ = true;
      title_depth_ = -1;
      push("image", false);
      break;
    case H::kTextinput:
      if (&context() == &feed_ && feed_.textinput.empty()) feed_.textinput.emplace_back();
      in_textinput_ = true;
      title_depth_ = -1;
      push("textinput", false);
      break;
    case H::kAuthor: start_author(); break;
    case H::kContributor:
      in_contributor_ = true;
      context().contributors.emplace_back();
      push("contributor", false);
      break;
    case H::kDcContributor:
      in_contributor_ = true;
      context().contributors.emplace_back();
      push("name", false);
      break;
    case H::kName: push("name", false); break;
    case H::kWidth: push("width", false); break;
    case H::kHeight: push("height", false); break;
    case H::kUrl: push("href", true); break;
    case H::kEmail: push("email", false); break;
    case H::kSubtitle: push_content("subtitle", attrs, "text/plain", true); break;
    case H::kRights: push_content("rights", attrs, "text/plain", true); break;
    case H::kInfo: push_content("info", attrs, "text/plain", true); break;
    case H::kLanguage: push("language", true); break;
    case H::kWebmaster: push("publisher", true); break;
    case H::kPublished: push("published", true); break;
    case H::kUpdated: push("updated", true); break;
    case H::kCreated: push("created", true); break;
    case H::kExpired: push("expired", true); break;
    case H::kValid: push("validity", true); break;
    case H::kCategory: {
      std::string scheme = attr_or(attrs, "scheme");
      if (!find_attr(attrs, "scheme")) scheme = attr_or(attrs, "domain");
      add_tag(attr_or(attrs, "term"), scheme, attr_or(attrs, "label"));
      push("category", true);
      break;
    }
    case H::kTags: push("tags", true); break;
    case H::kCloud: {
      Fields& ctx = context();
      ctx.cloud.clear();
      for (const Attr& attr : attrs) ctx.cloud.emplace_back(attr.name, attr.value);
      if (ctx.cloud.empty()) ctx.cloud.emplace_back();
      break;
    }
    case H::kLink: start_link(attrs); break;
    case H::kGuid: {
      const std::string* is_permalink = find_attr(attrs, "ispermalink");
      guid_is_link_ = guid_is_permalink(is_permalink ? std::optional<std::string_view>(*is_permalink) : std::nullopt);
      push("id", true);
      break;
    }
    case H::kTitle: push_content("title", attrs, "text/plain", in_feed_ || in_entry_ || in_source_); break;
    case H::kDescription: start_summary_like(attrs, true, "text/html"); break;
    case H::kAbstract:
      summary_is_content_ = false;
      push_content("description", attrs, "text/plain", in_feed_ || in_entry_ || in_source_);
      break;
    case H::kSummary: start_summary_like(attrs, false, "text/plain"); break;
    case H::kGenerator: {
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
    case H::kGeneratorAgent: {
      push("generator", true);
      const std::string value = attr_or(attrs, "rdf:resource");
      stack_.back().text = value;
      pop("generator");
      Generator generator;
      generator.href = value;
      context().generator_detail = generator;
      break;
    }
    case H::kEnclosure: {
      enforce_href(attrs);
      Link link = link_of(attrs);
      link.rel = "enclosure";
      context().links.push_back(std::move(link));
      break;
    }
    case H::kSource:
      if (const std::string* url = find_attr(attrs, "url")) source_.href = *url;
      push("source", true);
      in_source_ = true;
      title_depth_ = -1;
      break;
    case H::kContent:
      has_content_ = true;
      push_content("content", attrs, "text/plain", true);
      content_.src = attr_or(attrs, "src");
      break;
    case H::kBody: push_content("content", attrs, kXhtmlType, true); break;
    case H::kContentEncoded:
      has_content_ = true;
      push_content("content", attrs, "text/html", true);
      break;
    case H::kNewlocation: push("newlocation", true); break;
    case H::kCcLicense: {
      Link link;
      link.rel = "license";
      link.href = attr_or(attrs, "rdf:resource");
      context().links.push_back(std::move(link));
      break;
    }
    case H::kCcRssLicense: push("license", true); break;
    case H::kNone: {
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

void Reader::end(H handler, std::string_view prefix, std::string_view local) {
  switch (handler) {
    case H::kRss: break;
    case H::kChannel:
    case H::kFeed: in_feed_ = false; break;
    case H::kItem:
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
    case H::kImage:
      pop("image");
      in_image_ = false;
      break;
    case H::kTextinput:
      pop("textinput");
      in_textinput_ = false;
      break;
    case H::kAuthor: end_author(); break;
    case H::kContributor:
      pop("contributor");
      in_contributor_ = false;
      break;
    case H::kDcContributor:
    case H::kName: {
      const std::optional<std::string> value = pop("name");
      if (value) {
        if (in_author_) save_person("name", *value, false);
        else if (in_contributor_) save_contributor("name", *value);
        else if (in_textinput_) context().name = *value;
      }
      if (handler == H::kDcContributor) in_contributor_ = false;
      break;
    }
    case H::kWidth:
    case H::kHeight: {
      const bool width = handler == H::kWidth;
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
    case H::kUrl: end_person_field("href"); break;
    case H::kEmail: end_person_field("email"); break;
    case H::kSubtitle: pop_content("subtitle"); break;
    case H::kRights: pop_content("rights"); break;
    case H::kInfo: pop_content("info"); break;
    case H::kLanguage: pop("language"); break;
    case H::kWebmaster:
      pop("publisher");
      sync_author_detail(true);
      break;
    case H::kPublished: end_date("published", &Fields::published); break;
    case H::kUpdated: end_date("updated", &Fields::updated); break;
    case H::kCreated: end_date("created", &Fields::created); break;
    case H::kExpired: end_date("expired", &Fields::expired); break;
    case H::kValid: {
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
    case H::kCategory: {
      const std::optional<std::string> value = pop("category");
      if (!value || value->empty()) break;
      std::vector<Tag>& tags = context().tags;
      if (!tags.empty() && tags.back().term.empty()) set_last_term(tags, *value);
      else add_tag(*value, {}, {});
      break;
    }
    case H::kTags: {
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
    case H::kLink:
      pop("link");
      is_entry_link_ = false;
      break;
    case H::kGuid: {
      const std::optional<std::string> value = pop("id");
      Fields& ctx = context();
      if (!ctx.guidislink) ctx.guidislink = guid_is_link_ && ctx.link.empty();
      if (value) guid_fills_link(ctx.link, *value, guid_is_link_);
      break;
    }
    case H::kTitle: {
      const std::optional<std::string> value = pop_content("title");
      if (value && !value->empty()) title_depth_ = depth_;
      break;
    }
    case H::kDescription:
    case H::kSummary:
    case H::kAbstract:
      if (summary_is_content_) end_content();
      else pop_content(handler == H::kSummary ? "summary" : "description");
      summary_is_content_ = false;
      break;
    case H::kGenerator: {
      const std::optional<std::string> value = pop("generator");
      Fields& ctx = context();
      if (value && ctx.generator_detail) ctx.generator_detail->name = *value;
      break;
    }
    case H::kSource: {
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
    case H::kContent:
    case H::kBody:
    case H::kContentEncoded: end_content(); break;
    case H::kNewlocation: {
      const std::optional<std::string> value = pop("newlocation");
      if (value && &context() == &feed_) {
        feed_.extras["newlocation"] = FeedValue::string(safe_absolute_uri(base_, core::trim_space(*value)));
      }
      break;
    }
    case H::kCcRssLicense: {
      const std::optional<std::string> value = pop("license");
      if (!value) break;
      Link link;
      link.rel = "license";
      link.href = *value;
      context().links.push_back(std::move(link));
      break;
    }
    case H::kCcLicense:
    case H::kEnclosure:
    case H::kCloud:
    case H::kGeneratorAgent:
      break;
    case H::kNone: {
      const std::string key = prefix.empty() ? std::string(local) : std::string(prefix) + "_" + std::string(local);
      pop(key);
      break;
    }
  }
}

}  // namespace omvarld::feeds::general_reader
