// The general reader's compound fields (feed_reader_state.h): text
// constructs and content (the summary a content fills), authors,
// publishers and contributors with feedparser's "name (email)" split,
// tags with their index, links, dates and the start of an item.

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ascii.h"
#include "feeds/feed_reader_state.h"
#include "feeds/field_text.h"
#include "markup/url.h"

namespace omvarld::feeds::general_reader {

void Reader::push_content(std::string tag, const Attrs& attrs, std::string_view default_type, bool expecting) {
  ++in_content_;
  content_ = ContentParams();
  content_.type = map_content_type(attr_or(attrs, "type", default_type));
  content_.language = lang_;
  std::replace(content_.language.begin(), content_.language.end(), '_', '-');
  content_.base = base_;
  const std::string mode = attr_or(attrs, "mode");
  content_.base64 = mode == "base64" ||
                    (!content_.type.starts_with("text/") && !content_.type.ends_with("+xml") &&
                     !content_.type.ends_with("/xml"));
  push(std::move(tag), expecting);
}

std::optional<std::string> Reader::pop_content(std::string_view tag) {
  std::optional<std::string> value = pop(tag);
  --in_content_;
  content_ = ContentParams();
  return value;
}

void Reader::start_author() {
  in_author_ = true;
  push("author", true);
  context().authors.emplace_back();
}

void Reader::sync_author_detail(bool publisher) {
  Fields& ctx = context();
  const Person* detail = nullptr;
  if (!publisher && !ctx.authors.empty()) detail = &ctx.authors.back();
  std::string& text = publisher ? ctx.publisher : ctx.author;
  if (detail && !detail->empty()) {
    if (!detail->name.empty() && !detail->email.empty()) text = detail->name + " (" + detail->email + ")";
    else if (!detail->name.empty()) text = detail->name;
    else if (!detail->email.empty()) text = detail->email;
    return;
  }
  if (text.empty()) return;
  // "email (name)" or "name <email>": find the address, the rest is the name.
  std::string author = text;
  std::string email;
  const auto at = author.find('@');
  if (at != std::string::npos) {
    auto is_email_char = [](char c) {
      return word_char(c) || c == '.' || c == '+' || c == '-' || c == '[' || c == ']';
    };
    std::size_t start = at;
    while (start > 0 && is_email_char(author[start - 1]) && author[start - 1] != '[' && author[start - 1] != ']') --start;
    std::size_t stop = at + 1;
    while (stop < author.size() && is_email_char(author[stop])) ++stop;
    if (stop < author.size() && author.compare(stop, 9, "?subject=") == 0) {
      while (stop < author.size() && author[stop] != ' ' && author[stop] != '\t' && author[stop] != '\n') ++stop;
    }
    const std::string_view domain = std::string_view(author).substr(at + 1, stop - at - 1);
    if (start < at && domain.find('.') != std::string_view::npos) {
      email = author.substr(start, stop - start);
      author.erase(start, stop - start);
      for (std::string_view junk : {"()", "<>", "&lt;&gt;"}) {
        for (auto pos = author.find(junk); pos != std::string::npos; pos = author.find(junk)) author.erase(pos, junk.size());
      }
      author = std::string(core::trim_space(author));
      if (!author.empty() && author.front() == '(') author.erase(0, 1);
      if (!author.empty() && author.back() == ')') author.pop_back();
      author = std::string(core::trim_space(author));
    }
  }
  if (author.empty() && email.empty()) return;
  std::optional<Person>& target = publisher ? ctx.publisher_detail : ctx.author_detail;
  if (!target) target = Person();
  if (!author.empty()) target->name = author;
  if (!email.empty()) target->email = email;
  if (!publisher && !ctx.authors.empty() && ctx.authors.back().empty()) ctx.authors.back() = *target;
}

void Reader::save_person(std::string_view key, const std::string& value, bool publisher) {
  Fields& ctx = context();
  std::optional<Person>& detail = publisher ? ctx.publisher_detail : ctx.author_detail;
  if (!detail) detail = Person();
  auto set = [&](Person& person) {
    if (key == "name") person.name = value;
    else if (key == "email") person.email = value;
    else person.href = value;
  };
  set(*detail);
  if (!publisher) {
    sync_author_detail(false);
    if (ctx.authors.empty()) ctx.authors.emplace_back();
    set(ctx.authors.back());
  }
}

void Reader::save_contributor(std::string_view key, const std::string& value) {
  Fields& ctx = context();
  if (ctx.contributors.empty()) ctx.contributors.emplace_back();
  Person& person = ctx.contributors.back();
  if (key == "name") person.name = value;
  else if (key == "email") person.email = value;
  else person.href = value;
}

void Reader::end_person_field(std::string_view key) {
  const std::optional<std::string> value = pop(key);
  if (!value) return;
  if (in_author_) save_person(key, *value, false);
  else if (in_contributor_) save_contributor(key, *value);
}

namespace {

std::string tag_key(const Tag& tag) {
  std::string key;
  key.append(tag.term).append(1, '\0').append(tag.scheme).append(1, '\0').append(tag.label);
  return key;
}

}  // namespace

Reader::TagIndex& Reader::tag_index(const std::vector<Tag>& tags) {
  TagIndex& index = tag_indexes_[&tags];
  if (index.size != tags.size() || (index.keys.empty() && !tags.empty())) {
    index.keys.clear();
    for (const Tag& tag : tags) ++index.keys[tag_key(tag)];
    index.size = tags.size();
  }
  return index;
}

void Reader::add_tag(const std::string& term, const std::string& scheme, const std::string& label) {
  if (term.empty() && scheme.empty() && label.empty()) return;
  std::vector<Tag>& tags = context().tags;
  Tag tag{term, scheme, label};
  if (tags.size() < kIndexedTags) {
    if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(std::move(tag));
    return;
  }
  TagIndex& index = tag_index(tags);
  int& count = index.keys[tag_key(tag)];
  if (count > 0) return;
  ++count;
  tags.push_back(std::move(tag));
  ++index.size;
}

// A category whose term comes as its text after its attributes made the tag.
void Reader::set_last_term(std::vector<Tag>& tags, const std::string& term) {
  if (tags.size() < kIndexedTags) {
    tags.back().term = term;
    return;
  }
  TagIndex& index = tag_index(tags);
  --index.keys[tag_key(tags.back())];
  tags.back().term = term;
  ++index.keys[tag_key(tags.back())];
}

void Reader::end_date(std::string_view element, Date Fields::*field) {
  const std::optional<std::string> value = pop(element);
  if (!value) return;
  (context().*field).value = date_value(*value);
}

void Reader::start_link(Attrs attrs) {
  if (!find_attr(attrs, "rel")) attrs.push_back(Attr{"rel", "alternate"});
  const std::string rel = attr_or(attrs, "rel");
  if (!find_attr(attrs, "type")) attrs.push_back(Attr{"type", rel == "self" ? "application/atom+xml" : "text/html"});
  enforce_href(attrs);
  Fields& ctx = context();
  const std::string* href = find_attr(attrs, "href");
  if (href) {
    for (Attr& attr : attrs) {
      if (attr.name == "href") attr.value = markup::resolve_url(base_, attr.value);
    }
    href = find_attr(attrs, "href");
  }
  if (rel == "alternate" && html_type(map_content_type(attr_or(attrs, "type")))) is_entry_link_ = true;
  const bool expecting = in_feed_ || in_entry_ || in_source_;
  if (!(in_entry_ && in_image_)) ctx.links.push_back(link_of(attrs));
  if (href) {
    if (is_entry_link_) ctx.link = *href;
  } else {
    push("link", expecting);
  }
}

void Reader::cdf_common(const Attrs& attrs) {
  if (const std::string* lastmod = find_attr(attrs, "lastmod")) {
    push("updated", true);
    stack_.back().text = *lastmod;
    end_date("updated", &Fields::updated);
  }
  if (const std::string* href = find_attr(attrs, "href")) {
    start_link(Attrs{});
    if (!stack_.empty() && stack_.back().element == "link") stack_.back().text = *href;
    pop("link");
    is_entry_link_ = false;
  }
}

void Reader::start_item(const Attrs& attrs) {
  tag_indexes_.clear();
  feed_.entries.emplace_back();
  ++open_items_;
  entry_depths_.clear();
  push("item", false);
  in_entry_ = true;
  guid_is_link_ = false;
  title_depth_ = -1;
  if (const std::string* about = find_attr(attrs, "rdf:about"); about && !about->empty()) context().id = *about;
  cdf_common(attrs);
}

void Reader::start_summary_like(const Attrs& attrs, bool description, std::string_view default_type) {
  Fields& ctx = context();
  if (description_is_content(ctx.summary, has_content_)) {
    summary_is_content_ = true;
    has_content_ = true;
    push_content("content", attrs, "text/plain", true);
    content_.src = attr_or(attrs, "src");
    return;
  }
  summary_is_content_ = false;
  push_content(description ? "description" : "summary", attrs, default_type,
               description ? (in_feed_ || in_entry_ || in_source_) : true);
}

void Reader::end_content() {
  const bool copy_to_summary = content_.type == "text/plain" || html_type(content_.type);
  const ContentParams params = content_;
  const std::optional<std::string> value = pop_content("content");
  if (copy_to_summary && value) {
    Fields& ctx = context();
    if (ctx.summary.empty() && (!in_entry_ || in_source_ || !feed_.entries.empty())) {
      ctx.summary = Text{*value, params.type};
      ctx.summary.language = params.language;
      ctx.summary.base = params.base;
    }
  }
}

}  // namespace omvarld::feeds::general_reader
