// -v and -vv: what each adds to stderr, and that the default run logs none of it. Boots nothing:
// the kernel comes from a file:// apt repository that lacks its index, or the stand-in QEMU.
#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/temp_dir.h"
#include "support/run_bpfcompat.h"

namespace bpfcompat {
namespace {

namespace fs = std::filesystem;

bool has(const testing::CliRun& run, const std::string& needle) {
  return run.output.find(needle) != std::string::npos;
}

class Verbosity : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::create("verbosity-test");
    ASSERT_TRUE(d);
    dir_ = std::make_unique<TempDir>(std::move(*d));
  }
  std::string path(const std::string& name) const { return dir_->path() + "/" + name; }

  // A profile whose apt repository has a Release without Packages.xz: resolving fails at once.
  std::string apt_matrix() const {
    fs::create_directories(path("repo/dists/fake"));
    EXPECT_TRUE(write_file_atomic(path("repo/dists/fake/Release"), "Suite: fake\nSHA256:\n"));
    std::string matrix = path("apt.yaml");
    EXPECT_TRUE(write_file_atomic(
        matrix, "profiles:\n  - id: fake\n    distro: x\n    kernel:\n      apt: {repo: file://" +
                    path("repo") + ", suite: fake, package: linux-image-cloud-amd64}\n"));
    return matrix;
  }
  testing::CliRun run(std::vector<std::string> flags, const std::string& matrix,
                      const std::string& cache) const {
    std::vector<std::string> args = {
        "test",        "--artifact", EXAMPLE_OBJECT, "--matrix", matrix,  "--accel",     "tcg",
        "--cache-dir", path(cache),  "--workdir",    path("w"),  "--out", path("r.json")};
    args.insert(args.begin(), flags.begin(), flags.end());
    return testing::run_bpfcompat(args);
  }
  std::unique_ptr<TempDir> dir_;
};

TEST_F(Verbosity, DashVLogsKernelResolutionDownloadsAndCacheHitsTheDefaultDoesNot) {
  std::string matrix = apt_matrix();
  std::string release = "file://" + path("repo") + "/dists/fake/Release";

  auto quiet = run({}, matrix, "cache-a");
  EXPECT_EQ(quiet.exit_code, 1) << quiet.output;
  EXPECT_TRUE(has(quiet, "Release lists no main/binary-amd64/Packages index")) << quiet.output;
  EXPECT_FALSE(has(quiet, "info: ")) << quiet.output;

  auto first = run({"-v"}, matrix, "cache-b");
  EXPECT_EQ(first.exit_code, 1) << first.output;
  EXPECT_TRUE(
      has(first, "info: resolving linux-image-cloud-amd64 in file://" + path("repo") + " fake"))
      << first.output;
  EXPECT_TRUE(has(first, "info: downloaded " + release + " (0.0 MB in ")) << first.output;
  EXPECT_FALSE(has(first, "debug: ")) << first.output;

  auto again = run({"-v"}, matrix, "cache-b");
  EXPECT_TRUE(has(again, "info: cache hit: " + release)) << again.output;

  auto report = read_file(path("r.json"));
  ASSERT_TRUE(report);
  EXPECT_EQ(report->find("info: "), std::string::npos);
}

TEST_F(Verbosity, DashVVLogsTheQemuCommandLineAndTheConsoleTailOfAFailedBoot) {
  fs::create_directories(path("k/6.1.0-fake"));
  ASSERT_TRUE(write_file_atomic(path("k/vmlinuz"), "not a real kernel"));
  std::string matrix = path("fake.yaml");
  ASSERT_TRUE(write_file_atomic(matrix,
                                "profiles:\n  - id: fake\n    distro: x\n    kernel:\n      local: "
                                "{vmlinuz: k/vmlinuz, modules: k/6.1.0-fake}\n"
                                "    kernel_cmdline: fake=panic\n"));
  setenv("BPFCOMPAT_QEMU", FAKE_QEMU, 1);
  auto plain = run({}, matrix, "cache");
  auto debug = run({"-vv"}, matrix, "cache");
  unsetenv("BPFCOMPAT_QEMU");

  EXPECT_EQ(plain.exit_code, 2) << plain.output;
  EXPECT_FALSE(has(plain, "debug: ")) << plain.output;
  EXPECT_EQ(debug.exit_code, 2) << debug.output;
  EXPECT_TRUE(has(debug, std::string("debug: qemu: ") + FAKE_QEMU + " ")) << debug.output;
  EXPECT_TRUE(has(debug, "debug: the guest stopped without the end record (qemu exited); tail of "))
      << debug.output;
  // The console's earlier lines, which the summary's evidence line does not show.
  EXPECT_TRUE(has(debug, "BUG: kernel NULL pointer dereference")) << debug.output;
  EXPECT_FALSE(has(plain, "BUG: kernel NULL pointer dereference")) << plain.output;
}

}  // namespace
}  // namespace bpfcompat
