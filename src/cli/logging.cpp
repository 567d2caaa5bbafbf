#include "logging.h"

#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "bpfcompat/core/exit_codes.h"

namespace bpfcompat::cli {

void setup_logging(int verbosity) {
  auto logger = spdlog::stderr_color_mt("bpfcompat");
  logger->set_pattern("%^%l%$: %v");
  switch (verbosity) {
    case -1:
      logger->set_level(spdlog::level::err);
      break;
    case 0:
      logger->set_level(spdlog::level::warn);
      break;
    case 1:  // -v: resolver decisions, downloads with their sizes, cache hits
      logger->set_level(spdlog::level::info);
      break;
    default:  // -vv: QEMU command lines, the console tail of a failed boot
      logger->set_level(spdlog::level::debug);
      break;
  }
  spdlog::set_default_logger(logger);
}

int report_error(const Error& error) {
  // Config diagnostics are already formatted (file:line:col, source line, caret, hint).
  std::string text = error.describe();
  if (text.rfind("error:", 0) != 0 && text.find(": error: ") == std::string::npos) {
    text = "error: " + text;
  }
  fmt::print(stderr, "bpfcompat: {}\n", text);
  if (!error.hint.empty()) fmt::print(stderr, "hint: {}\n", error.hint);
  switch (error.kind) {
    case ErrorKind::kInvalidInput:
      return kExitUsage;
    case ErrorKind::kCancelled:
      return kExitInterrupted;
    default:
      return kExitInfrastructure;
  }
}

}  // namespace bpfcompat::cli
