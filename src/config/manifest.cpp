// Manifest's derived views: the attach policy it implies.
#include "bpfcompat/config/manifest.h"

namespace bpfcompat::config {

bool Manifest::attach_required() const {
  for (const auto& program : programs) {
    if (program.attach.required.value_or(false)) return true;
  }
  return false;
}

std::vector<std::string> Manifest::attach_optional_programs() const {
  std::vector<std::string> names;
  for (const auto& program : programs) {
    if (program.attach.required.has_value() && !*program.attach.required) {
      names.push_back(program.name);
    }
  }
  return names;
}

}  // namespace bpfcompat::config
