// Functional-test verdicts shared by classify_artifact. Private to classify.
#pragma once

#include <optional>

#include "bpfcompat/classify/verdict.h"

namespace bpfcompat::classify {

// FUNCTIONAL_TEST_FAILURE for the first required test that did not pass, if the aggregate
// status is fail.
std::optional<Verdict> functional_verdict(const validation::ArtifactResult& record);

}  // namespace bpfcompat::classify
