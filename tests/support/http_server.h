// Test support: a real HTTP server (python3's http.server) on 127.0.0.1 and a free port,
// serving a directory; started by the test, killed with its process group when it goes away.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/subprocess.h"

namespace bpfcompat::testing {

class LoopbackHttpServer {
 public:
  // Serves `root`; `port_file` is where the server writes the port it bound. nullopt when it
  // did not come up within 10 s.
  static std::optional<LoopbackHttpServer> start(const std::string& root,
                                                 const std::string& port_file) {
    static const char* kScript =
        "import functools, http.server, os, sys\n"
        "root, port_file = sys.argv[1], sys.argv[2]\n"
        "class Quiet(http.server.SimpleHTTPRequestHandler):\n"
        "    def log_message(self, *args): pass\n"
        "srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0),\n"
        "                                      functools.partial(Quiet, directory=root))\n"
        "open(port_file + '.tmp', 'w').write(str(srv.server_address[1]))\n"
        "os.rename(port_file + '.tmp', port_file)\n"
        "srv.serve_forever()\n";
    auto proc = Subprocess::spawn({"python3", "-c", kScript, root, port_file}, SpawnOptions{});
    if (!proc) return std::nullopt;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      if (auto port = read_file(port_file); port && !port->empty()) {
        return LoopbackHttpServer(std::move(*proc), "http://127.0.0.1:" + *port);
      }
      if (proc->poll()) return std::nullopt;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return std::nullopt;
  }
  const std::string& url() const { return url_; }

 private:
  LoopbackHttpServer(Subprocess proc, std::string url)
      : proc_(std::move(proc)), url_(std::move(url)) {}
  Subprocess proc_;
  std::string url_;
};

}  // namespace bpfcompat::testing
