// daemon/item_identity.h
//
// A source's `identity` setting (config/) as the option normalize takes
// (feeds/), which must not know the config model. Pure.

#pragma once

#include "config/config.h"
#include "feeds/normalize.h"

namespace omvarld::daemon {

inline feeds::ItemIdentity item_identity_of(config::Identity identity) {
  switch (identity) {
    case config::Identity::kLink:
      return feeds::ItemIdentity::kLink;
    case config::Identity::kContent:
      return feeds::ItemIdentity::kContent;
    case config::Identity::kId:
      break;
  }
  return feeds::ItemIdentity::kId;
}

}  // namespace omvarld::daemon
