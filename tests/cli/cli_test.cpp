// Bad input gets exit 64, one clear error naming the file (and line), and no report file.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/temp_dir.h"
#include "support/run_bpfcompat.h"

namespace bpfcompat {
namespace {

using testing::run_bpfcompat;
namespace fs = std::filesystem;

class BadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::create("cli-test");
    ASSERT_TRUE(d);
    dir_ = std::make_unique<TempDir>(std::move(*d));
  }
  std::string path(const std::string& name) const { return dir_->path() + "/" + name; }
  void write(const std::string& name, const std::string& text) const {
    ASSERT_TRUE(write_file_atomic(path(name), text));
  }
  testing::CliRun test_with(std::vector<std::string> extra) const {
    std::vector<std::string> args = {"test", "--out", path("report.json"), "--workdir",
                                     path("work")};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_bpfcompat(args);
  }
  void expect_usage_error(const testing::CliRun& run, const std::string& needle) const {
    EXPECT_EQ(run.exit_code, 64) << run.output;
    EXPECT_NE(run.output.find(needle), std::string::npos) << run.output;
    EXPECT_FALSE(fs::exists(path("report.json")));
    EXPECT_FALSE(fs::exists(path("work/runs")));
  }
  std::unique_ptr<TempDir> dir_;
};

TEST_F(BadInput, MissingArtifactNamesTheFile) {
  expect_usage_error(test_with({"--artifact", path("nope.bpf.o")}), path("nope.bpf.o"));
}

TEST_F(BadInput, NonElfArtifactSaysNotElf) {
  write("text.bpf.o", "this is not an object\n");
  expect_usage_error(test_with({"--artifact", path("text.bpf.o")}), "not an ELF file");
}

TEST_F(BadInput, TruncatedElfSaysTruncated) {
  auto data = read_file(EXAMPLE_OBJECT);
  ASSERT_TRUE(data) << "examples not built";
  write("cut.bpf.o", data->substr(0, data->size() / 2));
  expect_usage_error(test_with({"--artifact", path("cut.bpf.o")}), "truncated");
}

TEST_F(BadInput, YamlTypoPointsAtLineAndSuggests) {
  write("m.yaml", "name: ci\nprofiles:\n  - id: debian-12\n    requird: true\n");
  auto run = test_with({"--artifact", EXAMPLE_OBJECT, "--matrix", path("m.yaml")});
  expect_usage_error(run, path("m.yaml") + ":4:5");
  EXPECT_NE(run.output.find("did you mean 'required'"), std::string::npos) << run.output;
}

TEST_F(BadInput, YamlSyntaxErrorPointsAtLine) {
  write("m.yaml", "name: ci\nprofiles:\n  - id: [debian-12\n");
  expect_usage_error(test_with({"--artifact", EXAMPLE_OBJECT, "--matrix", path("m.yaml")}),
                     path("m.yaml") + ":");
}

TEST_F(BadInput, MissingMatrixFileNamesIt) {
  expect_usage_error(test_with({"--artifact", EXAMPLE_OBJECT, "--matrix", path("none.yaml")}),
                     path("none.yaml"));
}

TEST_F(BadInput, UnknownFlagIsUsageError) {
  expect_usage_error(test_with({"--artifact", EXAMPLE_OBJECT, "--bogus"}), "--bogus");
}

TEST_F(BadInput, BadTimeoutIsUsageError) {
  expect_usage_error(test_with({"--artifact", EXAMPLE_OBJECT, "--timeout", "soon"}), "--timeout");
}

TEST_F(BadInput, ManifestTypoPointsAtLineAndSuggests) {
  write("m.yaml", "name: x\nmaps:\n  - name: counts\n    max_entrys: 16\n");
  auto run = test_with({"--artifact", EXAMPLE_OBJECT, "--manifest", path("m.yaml")});
  expect_usage_error(run, path("m.yaml") + ":4:5");
  EXPECT_NE(run.output.find("max_entries"), std::string::npos) << run.output;
}

TEST_F(BadInput, SuiteCaseWithMissingArtifactNamesIt) {
  write("s.yaml", "name: s\ncases:\n  - name: c\n    artifact: gone.bpf.o\n");
  auto run = run_bpfcompat({"suite", "--suite", path("s.yaml"), "--out", path("report.json"),
                            "--workdir", path("work")});
  expect_usage_error(run, "gone.bpf.o");
  EXPECT_NE(run.output.find(path("s.yaml") + ":4:"), std::string::npos) << run.output;
}

// Three invalid cases and an unknown profile in the matrix they use: one exit 64, all four.
TEST_F(BadInput, SuiteReportsEveryInvalidCaseAndItsMatrixsUnknownProfileAtOnce) {
  write("fleet.yaml", "profiles:\n  - id: debain-12\n");
  write("s.yaml",
        "name: s\ndefaults: {matrix: fleet.yaml}\ncases:\n"
        "  - {name: a, artifact: gone.bpf.o}\n"
        "  - {name: b, artifact: " EXAMPLE_OBJECT
        ", mode: behaviour}\n"
        "  - {name: c, artifact: " EXAMPLE_OBJECT
        ", mode: loud}\n"
        "  - {name: d, artifact: " EXAMPLE_OBJECT ", markdown: d.md}\n");
  auto run = run_bpfcompat({"suite", "--suite", path("s.yaml"), "--out", path("report.json"),
                            "--workdir", path("work")});
  expect_usage_error(run, path("s.yaml") + ":4:25: error: artifact of case 'a' not found");
  for (const std::string& head :
       {path("s.yaml") + ":6:", path("s.yaml") + ":7:", path("fleet.yaml") + ":2:9:"}) {
    EXPECT_NE(run.output.find(head), std::string::npos) << head << "\n" << run.output;
  }
  EXPECT_EQ(run.output.find(path("s.yaml") + ":5:"), std::string::npos)  // behaviour is a mode
      << run.output;
}

TEST_F(BadInput, UnclosedBracketPointsWhereItOpens) {
  write("m.yaml", "name: [unclosed\n");
  auto run = test_with({"--artifact", EXAMPLE_OBJECT, "--manifest", path("m.yaml")});
  expect_usage_error(
      run, path("m.yaml") + ":1:7: error: '[' opened here is never closed; add the closing ']'");
}

TEST_F(BadInput, DynamicLoaderForTheKernelLaneSaysLinkStatically) {
  auto run = run_bpfcompat({"test-command", "--cmd", "$BPFCOMPAT_BIN", "--bin", "/bin/ls", "--out",
                            path("report.json"), "--workdir", path("work")});
  expect_usage_error(run, "dynamically linked");
  EXPECT_NE(run.output.find("statically"), std::string::npos) << run.output;
}

TEST_F(BadInput, ModeWithCommandModeIsUsageError) {
  expect_usage_error(run_bpfcompat({"test-command", "--cmd", "true", "--mode", "behavior", "--out",
                                    path("report.json"), "--workdir", path("work")}),
                     "--mode does not apply to command mode");
}

TEST_F(BadInput, BadShardIsUsageError) {
  expect_usage_error(test_with({"--artifact", EXAMPLE_OBJECT, "--shard", "3/2"}), "--shard");
}

TEST_F(BadInput, ReportMergeOfANonReportNamesTheFile) {
  write("a.json", "{\"schema_version\": \"9.0\"}");
  auto run = run_bpfcompat({"report", "merge", path("a.json"), "--out", path("report.json")});
  expect_usage_error(run, path("a.json"));
}

TEST(Cli, HelpExitsZeroAndListsTest) {
  auto run = run_bpfcompat({"--help"});
  EXPECT_EQ(run.exit_code, 0);
  for (const char* verb : {"test", "test-command", "suite", "report", "version"}) {
    EXPECT_NE(run.output.find(verb), std::string::npos) << verb;
  }
  auto sub = run_bpfcompat({"test", "--help"});
  EXPECT_EQ(sub.exit_code, 0);
  EXPECT_NE(sub.output.find("--artifact"), std::string::npos);
}

TEST(Cli, TestAndSuiteOfferFailOnStaleWithItsExitCode) {
  for (const char* verb : {"test", "suite", "test-command"}) {
    auto run = run_bpfcompat({verb, "--help"});
    EXPECT_EQ(run.exit_code, 0) << verb;
    auto at = run.output.find("--fail-on-stale");
    ASSERT_NE(at, std::string::npos) << verb << "\n" << run.output;
    EXPECT_NE(run.output.find("Exit 3", at), std::string::npos) << verb;
  }
}

TEST(Cli, VersionPrintsVersion) {
  auto run = run_bpfcompat({"version"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.output.rfind("bpfcompat ", 0), 0u) << run.output;
}

TEST(Cli, NoSubcommandIsUsageError) {
  EXPECT_EQ(run_bpfcompat({}).exit_code, 64);
}

}  // namespace
}  // namespace bpfcompat

namespace bpfcompat {
namespace {

// Outputs that cannot be written are found before the first boot, all at once.
TEST_F(BadInput, UnwritableOutputsAreUsageErrorsBeforeBooting) {
  fs::create_directories(path("adir"));
  write("afile", "");
  // (a missing folder is not a problem: it is created when the report is written)
  auto run = run_bpfcompat({"test", "--artifact", EXAMPLE_OBJECT, "--workdir", path("work"),
                            "--markdown", path("adir"), "--junit", path("afile/r.xml"), "--html",
                            path("missing/r.html")});
  EXPECT_EQ(run.exit_code, 64) << run.output;
  EXPECT_NE(run.output.find("2 problems"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("--markdown " + path("adir") + ": is a directory"), std::string::npos)
      << run.output;
  EXPECT_NE(
      run.output.find("--junit " + path("afile/r.xml") + ": " + path("afile") + " is not a folder"),
      std::string::npos)
      << run.output;
  EXPECT_EQ(run.output.find("--html"), std::string::npos) << run.output;
  EXPECT_FALSE(fs::exists(path("work/runs")));
}

// Every broken artifact of a run in one error, not one per run.
TEST_F(BadInput, EveryBadArtifactAtOnce) {
  write("text.bpf.o", "this is not an object\n");
  auto run = test_with({"--artifact", path("nope.bpf.o"), "--artifact", path("text.bpf.o")});
  expect_usage_error(run, "2 problems");
  EXPECT_NE(run.output.find(path("nope.bpf.o") + ": no such file"), std::string::npos);
  EXPECT_NE(run.output.find("not an ELF file"), std::string::npos);
}

}  // namespace
}  // namespace bpfcompat

namespace bpfcompat {
namespace {

// Input mistakes never get compatibility verdicts: exit 64 with the fix, before anything boots
// (a false green for an object without programs, INVALID_OBJECT on every kernel without BTF).
TEST_F(BadInput, ObjectWithoutProgramsIsAUsageError) {
  expect_usage_error(test_with({"--artifact", INSPECT_OBJECTS "/no_programs.bpf.o"}),
                     "has no BPF programs");
}

TEST_F(BadInput, ObjectWithoutBtfIsAUsageErrorWithTheFix) {
  expect_usage_error(test_with({"--artifact", INSPECT_OBJECTS "/no_btf.bpf.o"}), "-g");
}

TEST_F(BadInput, UntypedSectionNamesTheProgramAndTheManifestField) {
  auto run = test_with({"--artifact", INSPECT_OBJECTS "/custom_section.bpf.o"});
  expect_usage_error(run, "names no program type");
  EXPECT_NE(run.output.find("program_types"), std::string::npos) << run.output;
}

TEST_F(BadInput, LegacyMapsShowTheBtfDefinedReplacement) {
  auto run = test_with({"--artifact", INSPECT_OBJECTS "/legacy_maps.bpf.o"});
  expect_usage_error(run, "SEC(\".maps\")");
  EXPECT_NE(run.output.find("__uint(type, BPF_MAP_TYPE_"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace bpfcompat

namespace bpfcompat {
namespace {

// A missing QEMU is the machine's problem, found once before anything boots: exit 1, one
// message with the fix, no run directory and no per-kernel error verdicts.
TEST_F(BadInput, MissingQemuIsOneMachineErrorBeforeBooting) {
  setenv("BPFCOMPAT_QEMU", path("no-qemu/qemu-system-x86_64").c_str(), 1);
  auto run = test_with({"--artifact", EXAMPLE_OBJECT, "--accel", "tcg"});
  unsetenv("BPFCOMPAT_QEMU");
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("cannot find " + path("no-qemu/qemu-system-x86_64")), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("apt-get install qemu-system-x86"), std::string::npos) << run.output;
  EXPECT_EQ(run.output.find("debian-12"), std::string::npos) << run.output;
  EXPECT_FALSE(fs::exists(path("work/runs")));
  EXPECT_FALSE(fs::exists(path("report.json")));
}

}  // namespace
}  // namespace bpfcompat
