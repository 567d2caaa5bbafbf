// The `kernel: rpm:` section of a profile → RpmSource (one of repo, mirrorlist or metalink; the
// package; an optional VERSION-RELEASE glob; x86_64 only for now).
#include <fmt/format.h>

#include "source_parser.h"

namespace bpfcompat::config {

std::optional<RpmSource> read_rpm(YamlReader& r, const Field& f) {
  ContextScope scope(r, "rpm");
  const char* needs = "rpm needs 'package' and one of 'repo', 'mirrorlist' or 'metalink'";
  if (!r.expect_map(f, needs)) return std::nullopt;
  r.check_keys(f.value, {"repo", "mirrorlist", "metalink", "package", "version", "arch"});
  RpmSource rpm;
  bool ok = true;
  std::optional<Field> where;
  for (auto [key, out] : {std::pair{"repo", &rpm.repo}, std::pair{"mirrorlist", &rpm.mirrorlist},
                          std::pair{"metalink", &rpm.metalink}}) {
    auto field = find_field(f.value, key);
    if (!field) continue;
    if (where) {
      r.error(field->key, fmt::format("'rpm' has both '{}' and '{}'", where->name, key), needs);
      ok = false;
    }
    where.emplace(*field);
    auto url = read_url(r, *field, {"http://", "https://", "file://"});
    if (url) *out = *url;
    ok = ok && url.has_value();
  }
  if (!where) {
    r.error(f, "'rpm' has no repository",
            "give 'repo' (a baseurl holding repodata/), "
            "'mirrorlist' or 'metalink'");
    ok = false;
  }
  auto package = find_field(f.value, "package");
  if (!package) missing_key(r, f, "package", needs);
  auto name = package ? r.non_empty_string(*package) : std::nullopt;
  if (name) rpm.package = *name;
  ok = ok && name.has_value();
  for (auto [key, out] : {std::pair{"version", &rpm.version}, std::pair{"arch", &rpm.arch}}) {
    auto field = find_field(f.value, key);
    if (!field) continue;
    auto value = r.non_empty_string(*field);
    if (value) *out = *value;
    ok = ok && value.has_value();
  }
  if (auto arch = find_field(f.value, "arch"); arch && ok && rpm.arch != "x86_64") {
    r.error(*arch, fmt::format("rpm arch '{}' is not supported yet", rpm.arch),
            "only x86_64 kernels can be booted for now");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return rpm;
}

}  // namespace bpfcompat::config
