#include "bpfcompat/core/result.h"

#include <cassert>
#include <string>

namespace bpfcompat {

Error&& Error::with_context(std::string step) && {
  std::vector<std::string> outer;
  outer.reserve(context.size() + 1);
  outer.push_back(std::move(step));
  for (auto& c : context) outer.push_back(std::move(c));
  context = std::move(outer);
  return std::move(*this);
}

Error&& Error::with_code(std::string error_code) && {
  code = std::move(error_code);
  return std::move(*this);
}

std::string Error::describe() const {
  std::string out;
  for (const auto& step : context) {
    out += step;
    out += ": ";
  }
  out += message;
  return out;
}

Error invalid_input(std::string message, std::string hint) {
  return Error{ErrorKind::kInvalidInput, std::move(message), {}, std::move(hint), {}};
}

Error infrastructure_error(std::string message, std::string hint) {
  return Error{ErrorKind::kInfrastructure, std::move(message), {}, std::move(hint), {}};
}

Error internal_error(std::string message) {
  return Error{ErrorKind::kInternal, std::move(message), {}, {}, {}};
}

Error combine_errors(std::vector<Error> errors) {
  assert(!errors.empty());
  if (errors.size() == 1) return std::move(errors.front());
  Error out{errors.front().kind, std::to_string(errors.size()) + " problems:", {}, {}, {}};
  for (const auto& e : errors) {
    out.message += "\n" + e.describe();
    if (!e.hint.empty()) out.message += "\n  hint: " + e.hint;
  }
  return out;
}

}  // namespace bpfcompat
