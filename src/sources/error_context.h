// Adds an outer context step to an Error. Same effect as Error::with_context, whose
// vector::insert at begin() trips GCC 12's -Wnull-dereference (a false positive) once inlined here.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "bpfcompat/core/result.h"

namespace bpfcompat::sources {

inline Error in_context(Error error, std::string step) {
  std::vector<std::string> context{std::move(step)};
  context.insert(context.end(), error.context.begin(), error.context.end());
  error.context = std::move(context);
  return error;
}

}  // namespace bpfcompat::sources
