#include "config/config.h"

#include <algorithm>

#include "config/specs.h"

namespace omvarld::config {

namespace {

template <class T, class Id>
const T* find_by_id(const std::vector<T>& values, const Id& id) {
  auto found = std::find_if(values.begin(), values.end(), [&](const T& value) { return value.id == id; });
  return found == values.end() ? nullptr : &*found;
}

}  // namespace

const SourceConfig* Config::find_source(const core::SourceId& id) const {
  return find_by_id(sources, id);
}

const TopicConfig* Config::find_topic(const core::TopicId& id) const {
  return find_by_id(topics, id);
}

const NamndConfig* Config::find_namnd(const core::NamndId& id) const {
  return find_by_id(namnder, id);
}

const KommunConfig* Config::find_kommun(const core::NamndId& namnd) const {
  const std::size_t slash = namnd.find('/');
  if (slash == std::string::npos) return nullptr;
  return find_by_id(kommuner, namnd.substr(0, slash));
}

Sender Config::sender_of(const core::NamndId& namnd) const {
  Sender sender{mail.from, mail.reply_to, mail.coordinators, mail.list_unsubscribe, ""};
  const KommunConfig* kommun = find_kommun(namnd);
  if (kommun == nullptr) return sender;
  if (!kommun->from.empty()) sender.from = kommun->from;
  if (!kommun->reply_to.empty()) sender.reply_to = kommun->reply_to;
  if (kommun->contacts) sender.contacts = *kommun->contacts;
  if (!kommun->list_unsubscribe.empty()) sender.list_unsubscribe = kommun->list_unsubscribe;
  sender.kommun_name = kommun->name;
  return sender;
}

filters::TopicSpec topic_spec(const TopicConfig& topic) {
  return filters::TopicSpec{topic.id, topic.any, topic.none};
}

filters::FilterSpec filter_spec(const NamndConfig& namnd) {
  return filters::FilterSpec{namnd.id, namnd.sources, namnd.topics, namnd.any, namnd.none,
                             namnd.query};
}

std::vector<filters::TopicSpec> topic_specs(const Config& config) {
  std::vector<filters::TopicSpec> specs;
  specs.reserve(config.topics.size());
  for (const TopicConfig& topic : config.topics) specs.push_back(topic_spec(topic));
  return specs;
}

std::vector<filters::FilterSpec> filter_specs(const Config& config) {
  std::vector<filters::FilterSpec> specs;
  specs.reserve(config.namnder.size());
  for (const NamndConfig& namnd : config.namnder) specs.push_back(filter_spec(namnd));
  return specs;
}

}  // namespace omvarld::config
