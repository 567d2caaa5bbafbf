// `functional_tests:` of a manifest: shell smoke commands run in the guest while links are alive.
#include <fmt/format.h>

#include "field_rules.h"
#include "manifest_reader.h"

namespace bpfcompat::config {
namespace {

const std::vector<std::string> kTestKeys = {"name",
                                            "command",
                                            "required",
                                            "timeout",
                                            "expect_exit_code",
                                            "expect_stdout_contains",
                                            "expect_stderr_contains"};

FunctionalTest read_test(YamlReader& r, const YAML::Node& item, UniqueNames& names) {
  r.check_keys(item, kTestKeys);
  FunctionalTest test;
  if (auto f = find_field(item, "name")) {
    if (auto name = read_single_line(r, *f, kMaxTestCommandBytes, true)) {
      names.add(r, *f, *name);
      test.name = *name;
    }
  } else {
    r.error(item, "functional test has no 'name'", "add 'name:' naming the check");
  }
  ContextScope scope(r, fmt::format("functional test '{}'", test.name));
  if (auto f = find_field(item, "command")) {
    test.command = read_single_line(r, *f, kMaxTestCommandBytes, true).value_or("");
  } else {
    r.error(item, fmt::format("functional test '{}' has no 'command'", test.name),
            "add 'command:' with a shell command run as root in the guest");
  }
  if (auto f = find_field(item, "required")) test.required = r.boolean(*f).value_or(true);
  if (auto f = find_field(item, "timeout")) {
    test.timeout = read_test_timeout(r, *f).value_or(kDefaultTestTimeout);
  }
  if (auto f = find_field(item, "expect_exit_code")) {
    test.expect_exit_code = static_cast<int>(read_integer(r, *f, 0, 255).value_or(0));
  }
  if (auto f = find_field(item, "expect_stdout_contains")) {
    test.expect_stdout_contains = read_single_line(r, *f, kMaxTestCommandBytes, false).value_or("");
  }
  if (auto f = find_field(item, "expect_stderr_contains")) {
    test.expect_stderr_contains = read_single_line(r, *f, kMaxTestCommandBytes, false).value_or("");
  }
  return test;
}

}  // namespace

void read_functional_tests(YamlReader& r, const Field& list, Manifest& m) {
  const std::string example = "- {name: smoke, command: /bin/true}";
  if (!expect_list(r, list, example)) return;
  if (list.value.size() > kMaxFunctionalTests) {
    r.error(list,
            fmt::format("too many functional tests: {} (at most {})", list.value.size(),
                        kMaxFunctionalTests),
            "combine related checks into one command or script");
  }
  UniqueNames names("functional test name");
  std::size_t index = 0;
  for (const auto& item : list.value) {
    if (!expect_item_map(r, item, list, index++, example)) continue;
    m.functional_tests.push_back(read_test(r, item, names));
  }
}

}  // namespace bpfcompat::config
