// The checks that need every file: a [[source]] in one drop-in may be named
// by a [[namnd]] in another, and allow_file_urls may be set anywhere.

#include <algorithm>
#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>

#include "config/checks.h"
#include "config/draft.h"
#include "config/specs.h"
#include "core/translate.h"
#include "filters/matcher.h"

namespace omvarld::config {

namespace {

// Reports every id seen before, naming where it was first defined.
template <class DraftList>
void check_duplicates(const DraftList& drafts, std::string_view what, Draft& draft) {
  std::map<std::string, FilePos> first;
  for (const auto& entry : drafts) {
    if (!entry.id_at) continue;
    auto [seen, inserted] = first.emplace(entry.config.id, *entry.id_at);
    if (!inserted) {
      draft.error(core::trf("duplicate {0} \"{1}\" (first defined at {2})",
                            {what, entry.config.id, to_string(seen->second)}),
                  *entry.id_at);
    }
  }
}

void check_sources(Draft& draft) {
  for (SourceDraft& source : draft.sources) {
    if (!source.interval_set) source.config.interval = draft.config.daemon.default_interval;
    if (source.file_url_at && !draft.config.daemon.allow_file_urls) {
      draft.error(std::string(core::tr("url: file:// URLs need allow_file_urls = true in [daemon]")),
                  *source.file_url_at);
    }
  }
}

void check_mail(Draft& draft) {
  if (draft.config.mail.transport == MailTransport::kSmtp && !draft.smtp_url_set &&
      draft.transport_at) {
    draft.error(std::string(core::tr("transport: \"smtp\" needs smtp_url in [mail]")), *draft.transport_at);
  }
  // The SMTP transport refuses this too, but only when a digest is due.
  const MailSection& mail = draft.config.mail;
  if (mail.transport == MailTransport::kSmtp && mail.starttls == StartTls::kOff &&
      !mail.username.empty() && !mail.smtp_url.starts_with("smtps://") && draft.starttls_at) {
    draft.error(std::string(core::tr("starttls: \"off\" with a username would send the password in clear; set "
                                     "starttls = \"required\" or use an smtps:// URL")),
        *draft.starttls_at);
  }
}

// A nämnd's `sources` names source ids and tags; it is stored as the ids it
// stands for, in the order of the sources, each once.
void resolve_sources(NamndDraft& namnd, const std::vector<SourceDraft>& sources,
                     std::span<const std::string_view> ids_and_tags, Draft& draft) {
  std::set<core::SourceId> wanted;
  for (const Located<std::string>& ref : namnd.source_refs) {
    bool known = false;
    for (const SourceDraft& source : sources) {
      const auto& tags = source.config.tags;
      if (source.config.id == ref.value ||
          std::find(tags.begin(), tags.end(), ref.value) != tags.end()) {
        wanted.insert(source.config.id);
        known = true;
      }
    }
    if (!known) {
      draft.error(core::trf("sources: \"{0}\" is neither a source id nor a tag", {ref.value}) +
                      did_you_mean(ref.value, ids_and_tags),
                  ref.where);
    }
  }
  namnd.config.sources.clear();
  for (const SourceDraft& source : sources) {
    if (wanted.erase(source.config.id) == 1) namnd.config.sources.push_back(source.config.id);
  }
}

void resolve_topics(NamndDraft& namnd, const std::set<core::TopicId>& topic_ids,
                    std::span<const std::string_view> topic_list, Draft& draft) {
  namnd.config.topics.clear();
  for (const Located<std::string>& ref : namnd.topic_refs) {
    if (topic_ids.count(ref.value) == 0) {
      draft.error(core::trf("topics: unknown topic \"{0}\"", {ref.value}) + did_you_mean(ref.value, topic_list),
                  ref.where);
      continue;
    }
    auto& topics = namnd.config.topics;
    if (std::find(topics.begin(), topics.end(), ref.value) == topics.end()) {
      topics.push_back(ref.value);
    }
  }
}

// A [kommun.ID] signs the digests of the nämnder whose ids start with
// "ID/": one that none has is most likely misspelt, and its nämnder would
// go out under [mail]'s sender without a word.
void check_kommuner(Draft& draft) {
  std::vector<std::string> prefixes;
  for (const NamndDraft& namnd : draft.namnder) {
    const std::size_t slash = namnd.config.id.find('/');
    if (slash == std::string::npos) continue;
    std::string prefix = namnd.config.id.substr(0, slash);
    if (std::find(prefixes.begin(), prefixes.end(), prefix) == prefixes.end()) {
      prefixes.push_back(std::move(prefix));
    }
  }
  const std::vector<std::string_view> known(prefixes.begin(), prefixes.end());
  for (const KommunDraft& kommun : draft.kommuner) {
    const std::string& id = kommun.config.id;
    if (!kommun.id_at || std::find(prefixes.begin(), prefixes.end(), id) != prefixes.end()) continue;
    draft.error(core::trf("[kommun.{0}]: no [[namnd]] id starts with \"{0}/\", so this table signs "
                          "no digest",
                          {id}) +
                    did_you_mean(id, known),
                *kommun.id_at);
  }
}

}  // namespace

void validate_merged(Draft& draft) {
  check_duplicates(draft.sources, core::tr("source id"), draft);
  check_duplicates(draft.topics, core::tr("topic id"), draft);
  check_duplicates(draft.namnder, core::tr("namnd id"), draft);
  check_sources(draft);
  check_mail(draft);
  check_kommuner(draft);

  std::set<core::TopicId> topic_ids;
  for (const TopicDraft& topic : draft.topics) {
    if (topic.id_at) topic_ids.insert(topic.config.id);
  }
  // What an unknown reference may have meant, in configuration order.
  std::vector<std::string_view> ids_and_tags;
  for (const SourceDraft& source : draft.sources) {
    ids_and_tags.push_back(source.config.id);
    for (const std::string& tag : source.config.tags) ids_and_tags.push_back(tag);
  }
  std::vector<std::string_view> topic_list;
  for (const TopicDraft& topic : draft.topics) topic_list.push_back(topic.config.id);
  for (NamndDraft& namnd : draft.namnder) {
    resolve_sources(namnd, draft.sources, ids_and_tags, draft);
    resolve_topics(namnd, topic_ids, topic_list, draft);
  }
}

void check_terms(Draft& draft) {
  // Only the references that resolved are in the specs (resolve_topics left
  // the others out), so the matcher does not report them a second time.
  std::vector<filters::TopicSpec> topics;
  for (const TopicDraft& topic : draft.topics) topics.push_back(topic_spec(topic.config));
  std::vector<filters::FilterSpec> namnder;
  for (const NamndDraft& namnd : draft.namnder) namnder.push_back(filter_spec(namnd.config));
  for (Error& error : filters::Matcher::check(topics, namnder)) draft.errors.push_back(std::move(error));
}

}  // namespace omvarld::config
