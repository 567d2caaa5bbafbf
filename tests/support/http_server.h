// Test support: a real HTTP server (python3 -m http.server) on 127.0.0.1, serving a directory on
// a free port the server picked itself; killed with its process group when the object dies.
#pragma once

#include <chrono>
#include <cstdio>
#include <optional>
#include <regex>
#include <string>
#include <thread>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/subprocess.h"

namespace bpfcompat::testing {

class LoopbackHttpServer {
 public:
  // Serves `dir`; log_path receives the server's output (its first line names the port).
  // Empty url() and a reason in error() when it does not come up within 10 s.
  LoopbackHttpServer(const std::string& dir, const std::string& log_path) {
    auto proc = Subprocess::spawn(
        {"python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", dir},
        SpawnOptions(log_path));
    if (!proc) {
      error_ = proc.error().describe();
      return;
    }
    proc_.emplace(std::move(*proc));
    const std::regex port_line(R"(Serving HTTP on 127\.0\.0\.1 port ([0-9]+))");
    for (int i = 0; i < 200; ++i) {
      auto text = read_file(log_path);
      std::smatch m;
      if (text && std::regex_search(*text, m, port_line)) {
        url_ = "http://127.0.0.1:" + m[1].str();
        return;
      }
      if (proc_->poll()) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    error_ = "python3 -m http.server did not start; see " + log_path;
  }
  ~LoopbackHttpServer() {
    if (proc_) proc_->kill();
  }
  LoopbackHttpServer(const LoopbackHttpServer&) = delete;
  LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

  const std::string& url() const { return url_; }  // "http://127.0.0.1:PORT", no trailing slash
  const std::string& error() const { return error_; }

 private:
  std::optional<Subprocess> proc_;
  std::string url_;
  std::string error_;
};

}  // namespace bpfcompat::testing
