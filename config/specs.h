// config/specs.h
//
// One topic or nämnd as the filters see it. Internal to config/: used by
// topic_specs()/filter_specs() and by the term check while loading.

#pragma once

#include "config/config.h"
#include "filters/filter_spec.h"

namespace omvarld::config {

filters::TopicSpec topic_spec(const TopicConfig& topic);
filters::FilterSpec filter_spec(const NamndConfig& namnd);

}  // namespace omvarld::config
