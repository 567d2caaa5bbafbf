// Suite parsing pieces shared by the top level (`defaults:`) and the cases: modes, files that
// must exist, matrix paths, and the reference's keys that are accepted but not used.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bpfcompat/config/case_mode.h"
#include "bpfcompat/config/suite.h"
#include "field_rules.h"
#include "yaml_reader.h"

namespace bpfcompat::config {

// What the cases of one suite share while they are read.
struct SuiteFiles {
  std::string display_dir;  // the suite file's directory, as the user spelled it
  std::map<std::string, std::optional<Manifest>> manifests;  // by absolute path: read once
  // Matrix files named so far, absolute → as the user would spell it; read after the suite.
  std::vector<std::pair<std::string, std::string>> matrices;
};

// `written` (relative to the suite file) as a path from the user's working directory.
std::string display_path(const SuiteFiles& files, const std::string& written);

// A suite or case name: ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$; `what` is "suite name" or "case name".
std::optional<std::string> read_suite_name(YamlReader& r, const Field& f, const std::string& what);

// A mode in any spelling parse_case_mode() accepts (the CLI's: one set everywhere).
std::optional<CaseMode> read_mode_value(YamlReader& r, const Field& f);
// `mode` or the reference's `validation_mode` (both: an error), read with read_mode_value().
std::optional<CaseMode> read_mode(YamlReader& r, const YAML::Node& map);

// The one of two spellings of a key that is present (`jobs`/`concurrency`); both: an error.
std::optional<Field> find_either(YamlReader& r, const YAML::Node& map, const std::string& ours,
                                 const std::string& reference);

// A path relative to the suite file that must name an existing file; absolute. `what` names the
// file ("artifact") and `owner` whose it is ("case 'x'", "defaults").
std::optional<std::string> read_existing_file(YamlReader& r, const Field& f,
                                              const std::string& what, const std::string& owner);

// A matrix file path, like read_existing_file() but with hints for a value that names nothing;
// an existing one is noted in `files.matrices`.
std::optional<std::string> read_matrix_path(YamlReader& r, const Field& f, const std::string& owner,
                                            SuiteFiles& files);

// Keys of the reference tool that are accepted for compatibility but not used (see
// suite_fields.cpp for why each is ignored); their values are still type-checked.
extern const std::vector<std::string> kIgnoredDefaultsKeys;
extern const std::vector<std::string> kIgnoredCaseKeys;
void check_ignored_keys(YamlReader& r, const YAML::Node& map, const std::vector<std::string>& keys);

// The reference's per-case `out` and `markdown`: each one given is an error at its key.
extern const std::vector<std::string> kUnsupportedCaseKeys;
void check_unsupported_case_keys(YamlReader& r, const YAML::Node& map);

// Reads `cases:` into `cases` (in suite_case.cpp).
void read_suite_cases(YamlReader& r, const Field& list, SuiteFiles& files,
                      std::vector<SuiteCase>& cases);

}  // namespace bpfcompat::config
