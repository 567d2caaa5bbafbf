// Suite files (`bpfcompat suite --suite S.yaml`): defaults plus cases, each an artifact or a
// command with its own manifest, matrix and mode. Paths resolve relative to the suite file.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "bpfcompat/config/case_mode.h"
#include "bpfcompat/config/manifest.h"
#include "bpfcompat/config/matrix.h"
#include "bpfcompat/core/result.h"

namespace bpfcompat::config {

// The inline behavior test of a case (`test:`), turned into one more functional test named
// "<case>-behavior"; `expect.event_contains` stands in for `stdout_contains` when that is empty.
struct SuiteCaseTest {
  std::string command;
  bool required = true;
  std::chrono::seconds timeout{10};
  int expect_exit_code = 0;
  std::string expect_stdout_contains;
  std::string expect_stderr_contains;
};

struct SuiteCommand {
  std::string command;  // shell, run as root in the guest
  std::string binary;   // absolute; optional; shipped as $BPFCOMPAT_BIN
  int expect_exit = 0;
};

struct SuiteCase {
  std::string name;      // ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$, unique
  std::string artifact;  // absolute; empty for a command-only case
  std::optional<SuiteCommand> command;
  std::optional<Manifest> manifest;        // loaded (and the `test:` block merged into it)
  std::string manifest_path;               // absolute, as written (empty if none)
  std::optional<std::string> matrix_path;  // absolute; none: the default matrix
  std::optional<CaseMode> mode;            // never kCommand (a command case's mode is implied)
  std::optional<std::chrono::seconds> timeout;
  std::string origin;  // "file:line" of the case
};

struct SuiteDefaults {
  std::optional<std::string> matrix_path;  // absolute
  std::optional<CaseMode> mode;
  std::optional<std::chrono::seconds> timeout;
  int jobs = 0;            // `jobs` or the reference's `concurrency`; 0: not set
  std::string workdir;     // absolute or empty
  std::string report_dir;  // absolute or empty
};

struct Suite {
  std::string path;  // absolute
  std::string name;  // same rule as case names
  SuiteDefaults defaults;
  std::vector<SuiteCase> cases;  // ≥ 1; each case's matrix/mode/timeout already fall back to the
                                 // defaults (a case never has fewer fields set than the defaults)
  std::vector<Matrix> matrices;  // every matrix file the suite names, loaded; Matrix::path is
                                 // absolute, as SuiteCase::matrix_path
};

// Parses a suite and every manifest and matrix it names. Reference spellings are accepted
// (`validation_mode`, `concurrency`, `keep_vm_on_failure`, `runner: vm`, history labels
// `artifact_name`/`artifact_version`/`artifact_variant`/`artifact_uri`).
// A case has `artifact` or `command` (`command: {run: STR, binary: FILE, expect_exit: N}` or a
// plain string); a missing artifact/binary/manifest/matrix file is an error naming the case.
// Per-case `out`/`markdown` are errors (one report per suite run). All errors of the suite,
// its manifests and its matrices in one kInvalidInput error, file:line:col diagnostics.
Result<Suite> load_suite(const std::string& path, const ProfileCatalog& catalog = {});

}  // namespace bpfcompat::config
