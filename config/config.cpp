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
