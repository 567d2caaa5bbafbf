// Test support: find QEMU processes of one test run, and wait for a condition with a deadline.
#pragma once

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <thread>

namespace bpfcompat::testing {

// QEMU processes whose command line mentions `marker` (the test's unique work directory).
inline int count_qemu(const std::string& marker) {
  int n = 0;
  for (const auto& p : std::filesystem::directory_iterator("/proc")) {
    std::ifstream in(p.path() / "cmdline");
    std::string cmd((std::istreambuf_iterator<char>(in)), {});
    if (cmd.find("qemu-system") != std::string::npos && cmd.find(marker) != std::string::npos) ++n;
  }
  return n;
}

inline bool wait_until(const std::function<bool()>& cond, std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (cond()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return cond();
}

}  // namespace bpfcompat::testing
