// A repository base URL as the resolvers join it: without trailing slashes, so that
// `base + "/" + path` never doubles one.
#pragma once

#include <string>

namespace bpfcompat::sources {

inline std::string without_trailing_slashes(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace bpfcompat::sources
