#include "bpfcompat/core/result.h"

namespace bpfcompat {

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
  return Error{ErrorKind::kInvalidInput, std::move(message), {}, std::move(hint)};
}

Error infrastructure_error(std::string message, std::string hint) {
  return Error{ErrorKind::kInfrastructure, std::move(message), {}, std::move(hint)};
}

Error internal_error(std::string message) {
  return Error{ErrorKind::kInternal, std::move(message), {}, {}};
}

}  // namespace bpfcompat
