// External BTF end to end on debian-12 with its own BTF hidden from the validator
// (bpfcompat.hide_btf=1 on the kernel command line), three boots: a CO-RE object passes with the
// kernel's BTF, fails MISSING_BTF (with the btfhub fix) when it is hidden, and passes again with
// the hidden kernel's BTF handed in as `btf: {path}` (taken from the kernel's own bzImage by
// tests/fixtures/extract-vmlinux-btf, as btfhub ships it).
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "bpfcompat/core/temp_dir.h"
#include "cloud_fixture.h"
#include "report_json.h"
#include "wrapped_kernel.h"

namespace bpfcompat {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* kObject = "core_field_present.bpf.o";
constexpr const char* kHidden =
    "  - id: debian-12-hidden-btf\n"
    "    kernel: {apt: {suite: bookworm, package: linux-image-cloud-amd64}}\n"
    "    kernel_cmdline: bpfcompat.hide_btf=1\n";

// The raw BTF of a bzImage, as btfhub ships it; "" when the fixture script fails.
std::string extract_btf(const std::string& vmlinuz, const std::string& out) {
  std::string cmd = std::string(BPFCOMPAT_SOURCE_DIR) + "/tests/fixtures/extract-vmlinux-btf '" +
                    vmlinuz + "' '" + out + "'";
  return std::system(cmd.c_str()) == 0 ? out : std::string();
}

// The -kernel argument of a boot's recorded QEMU command line.
std::string kernel_of(const json& target) {
  std::ifstream in(testing::str(target["evidence_files"], "qemu_cmdline"));
  std::string word;
  while (in >> word) {
    if (word == "-kernel" && in >> word) return word;
  }
  return "";
}

json run_test(const std::string& dir, const std::string& name, const std::string& matrix,
              int expected_exit) {
  auto [run, report] = testing::run_examples_on_matrix(dir, name, matrix, {kObject}, 20min);
  EXPECT_EQ(run.exit_code, expected_exit) << run.output;
  return report;
}

TEST(ExternalBtf, HiddenKernelBtfFailsMissingBtfAndExternalBtfMakesItPass) {
  auto d = TempDir::create("e2e-external-btf");
  ASSERT_TRUE(d);
  std::string dir = d->path();

  // Boots 1 and 2: the normal verdict, and the same kernel with its BTF hidden.
  json first = run_test(dir, "hidden", std::string("profiles:\n  - debian-12\n") + kHidden, 2);
  const json* normal = testing::target(first, "debian-12", kObject);
  const json* hidden = testing::target(first, "debian-12-hidden-btf", kObject);
  ASSERT_TRUE(normal && hidden) << first.dump(2);
  EXPECT_EQ((*normal)["status"], "pass") << normal->dump(2);
  EXPECT_EQ((*normal)["host"]["btf_vmlinux"], true) << normal->dump(2);
  EXPECT_EQ((*hidden)["status"], "fail") << hidden->dump(2);
  EXPECT_EQ((*hidden)["classification_code"], "MISSING_BTF") << hidden->dump(2);
  EXPECT_EQ((*hidden)["host"]["btf_vmlinux"], false) << hidden->dump(2);
  std::string fix = testing::str(*hidden, "remediation");
  EXPECT_NE(fix.find("https://github.com/aquasecurity/btfhub-archive"), std::string::npos) << fix;
  EXPECT_NE(fix.find("btf: {path:"), std::string::npos) << fix;

  // The hidden kernel's own BTF, taken from the bzImage it booted.
  std::string vmlinuz = kernel_of(*hidden);
  ASSERT_FALSE(vmlinuz.empty()) << hidden->dump(2);
  std::string btf = extract_btf(vmlinuz, dir + "/vmlinux.btf");
  ASSERT_FALSE(btf.empty()) << "tests/fixtures/extract-vmlinux-btf " << vmlinuz;

  // Boot 3: hidden again, with the external BTF: the normal verdict.
  json second = run_test(
      dir, "external", std::string("profiles:\n") + kHidden + "    btf: {path: " + btf + "}\n", 0);
  const json* external = testing::target(second, "debian-12-hidden-btf", kObject);
  ASSERT_TRUE(external) << second.dump(2);
  EXPECT_EQ((*external)["host"]["btf_vmlinux"], false) << external->dump(2);
  EXPECT_EQ((*external)["status"], (*normal)["status"]) << external->dump(2);
  EXPECT_EQ((*external)["classification_code"], (*normal)["classification_code"])
      << external->dump(2);
  EXPECT_EQ((*external)["programs"].size(), (*normal)["programs"].size()) << external->dump(2);
}

// The cloud-image lane copies the file in over SFTP and passes --btf: the fixture's kernel (which
// has BTF; the hide knob is the kernel lane's) with its own BTF handed in passes, and the
// validator says it used the copy.
TEST(ExternalBtfCloud, TheFileIsCopiedInAndHandedToTheValidator) {
  auto fixture = testing::cloud_fixture();
  if (!fixture.why_missing.empty()) GTEST_SKIP() << fixture.why_missing;
  auto d = TempDir::create("e2e-external-btf-cloud");
  ASSERT_TRUE(d);
  std::string dir = d->path();
  std::string btf = extract_btf(fixture.kernel, dir + "/vmlinux.btf");
  ASSERT_FALSE(btf.empty()) << "tests/fixtures/extract-vmlinux-btf " << fixture.kernel;
  json report = run_test(dir, "cloud",
                         "profiles:\n" + testing::fixture_profile(fixture, "fixture-btf",
                                                                  "    btf: {path: " + btf + "}\n"),
                         0);
  const json* t = testing::target(report, "fixture-btf", kObject);
  ASSERT_TRUE(t) << report.dump(2);
  EXPECT_EQ((*t)["status"], "pass") << t->dump(2);
  std::ifstream results(testing::str((*t)["evidence_files"], "validator_output"));
  std::string hello;
  std::getline(results, hello);
  EXPECT_NE(hello.find(R"("btf_custom_path":"/tmp/bpfcompat-vmlinux.btf")"), std::string::npos)
      << hello;
}

}  // namespace
}  // namespace bpfcompat
