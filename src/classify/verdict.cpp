#include "bpfcompat/classify/verdict.h"

namespace bpfcompat::classify {

const char* status_name(Status status) {
  switch (status) {
    case Status::kPass:
      return "pass";
    case Status::kFail:
      return "fail";
    case Status::kError:
      return "error";
    case Status::kSkipped:
      return "skipped";
  }
  return "error";
}

const char* mode_name(Mode mode) {
  switch (mode) {
    case Mode::kLoadOnly:
      return "load_only";
    case Mode::kLoadAttach:
      return "load_attach";
    case Mode::kBehavior:
      return "behavior";
  }
  return "load_attach";
}

const char* confidence_name(Confidence c) {
  switch (c) {
    case Confidence::kHigh:
      return "high";
    case Confidence::kMedium:
      return "medium";
    case Confidence::kLow:
      return "low";
  }
  return "low";
}

Verdict infrastructure_verdict(const std::string& code, const std::string& message,
                               const std::string& remediation) {
  Verdict v;
  v.status = Status::kError;
  v.code = code;
  v.confidence = Confidence::kHigh;
  v.reason = message;
  v.remediation = remediation;
  return v;
}

}  // namespace bpfcompat::classify
