// Which base case each head case is compared with in `report compare`: the same name, an explicit
// `--rename`, or the one unmatched case on the other side that runs the same artifact.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "bpfcompat/core/result.h"
#include "bpfcompat/report/compare.h"

namespace bpfcompat::report {

struct CaseMatching {
  std::map<std::string, std::string> base_of;  // head case name → base case name
  std::vector<RenamedCase> renamed;            // explicit renames first, then by artifact
};

// All bad renames at once (kInvalidInput, each naming its --rename).
Result<CaseMatching> match_cases(const RunReport& base, const RunReport& head,
                                 const std::vector<CaseRename>& renames);

}  // namespace bpfcompat::report
