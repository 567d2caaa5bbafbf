#include "source_parser.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include <fmt/format.h>

namespace bpfcompat::config {
namespace {

bool has_url_scheme(const std::string& url, std::initializer_list<const char*> schemes) {
  return std::any_of(schemes.begin(), schemes.end(), [&url](const char* scheme) {
    return url.rfind(scheme, 0) == 0 && url.size() > std::char_traits<char>::length(scheme);
  });
}

// "a, b or c"
std::string join_or(std::initializer_list<const char*> items) {
  std::string out;
  std::size_t i = 0;
  for (const char* item : items) {
    if (i > 0) out += i + 1 == items.size() ? " or " : ", ";
    out += item;
    ++i;
  }
  return out;
}

// `one: x` or `many: [x, y]` (not both) into out; false on an error. Absent: out is kept, and
// an error only when required.
bool read_names(YamlReader& r, const Field& f, const char* one, const char* many,
                std::vector<std::string>& out, bool required, const char* needs) {
  auto single = find_field(f.value, one);
  auto list = find_field(f.value, many);
  if (single && list) {
    r.error(list->key, fmt::format("'apt' has both '{}' and '{}'", one, many),
            fmt::format("give '{}' (a list) or '{}' (one name), not both", many, one));
    return false;
  }
  if (single) {
    auto value = r.non_empty_string(*single);
    if (value) out = {*value};
    return value.has_value();
  }
  if (!list) {
    if (required) missing_key(r, f, many, needs);
    return !required;
  }
  auto values = r.string_list(*list);
  if (!values) return false;
  bool empty_item =
      std::any_of(values->begin(), values->end(), [](const std::string& v) { return v.empty(); });
  if (values->empty() || empty_item) {
    r.error(*list, fmt::format("'{}' must list at least one non-empty name", many));
    return false;
  }
  out = std::move(*values);
  return true;
}

std::optional<AptSource> read_apt(YamlReader& r, const Field& f) {
  ContextScope scope(r, "apt");
  const char* needs =
      "apt needs 'suites' (or 'suite') and 'package' ('repo' defaults to the Debian mirror)";
  if (!r.expect_map(f, needs)) return std::nullopt;
  r.check_keys(f.value, {"repo", "suite", "suites", "package", "component", "components", "arch",
                         "version"});
  AptSource apt{debian_mirror(), {}, "", {"main"}, "amd64", ""};
  bool ok = true;
  auto take = [&](const char* key, std::string& out, bool required) {
    auto field = find_field(f.value, key);
    if (!field) {
      if (required) missing_key(r, f, key, needs);
      ok = ok && !required;
      return;
    }
    bool is_repo = std::string(key) == "repo";
    auto value = is_repo ? read_url(r, *field, {"http://", "https://", "file://"})
                         : r.non_empty_string(*field);
    if (value) out = *value;
    ok = ok && value.has_value();
  };
  take("repo", apt.repo, false);
  ok = read_names(r, f, "suite", "suites", apt.suites, true, needs) && ok;
  take("package", apt.package, true);
  ok = read_names(r, f, "component", "components", apt.components, false, needs) && ok;
  take("arch", apt.arch, false);
  take("version", apt.version, false);
  auto arch = find_field(f.value, "arch");
  if (arch && ok && apt.arch != "amd64") {
    r.error(*arch, fmt::format("apt arch '{}' is not supported yet", apt.arch),
            "only amd64 kernels can be booted for now");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return apt;
}

std::optional<PackageUrlSource> read_package(YamlReader& r, const Field& f) {
  ContextScope scope(r, "package");
  const char* needs = "package needs 'url' (a .deb) and its 'sha256'";
  if (!r.expect_map(f, needs)) return std::nullopt;
  r.check_keys(f.value, {"url", "sha256"});
  auto url_field = find_field(f.value, "url");
  auto sha_field = find_field(f.value, "sha256");
  if (!url_field) missing_key(r, f, "url", needs);
  if (!sha_field) missing_key(r, f, "sha256", needs);
  auto url = url_field ? read_url(r, *url_field, {"http://", "https://"}) : std::nullopt;
  auto sha = sha_field ? read_sha256(r, *sha_field) : std::nullopt;
  if (!url || !sha) return std::nullopt;
  return PackageUrlSource{*url, *sha};
}

std::optional<LocalKernelSource> read_local(YamlReader& r, const Field& f) {
  ContextScope scope(r, "local");
  const char* needs = "local needs 'vmlinuz' (a bzImage) and optionally 'modules' (a directory)";
  if (!r.expect_map(f, needs)) return std::nullopt;
  r.check_keys(f.value, {"vmlinuz", "modules"});
  auto vmlinuz_field = find_field(f.value, "vmlinuz");
  auto modules_field = find_field(f.value, "modules");
  if (!vmlinuz_field) missing_key(r, f, "vmlinuz", needs);
  auto vmlinuz = vmlinuz_field ? read_local_path(r, *vmlinuz_field, false) : std::nullopt;
  auto modules = modules_field ? read_local_path(r, *modules_field, true) : std::nullopt;
  if (!vmlinuz || (modules_field && !modules)) return std::nullopt;
  return LocalKernelSource{*vmlinuz, modules.value_or("")};
}

}  // namespace

void missing_key(YamlReader& r, const Field& section, const std::string& key,
                 const std::string& needs) {
  r.error(section, fmt::format("'{}' is missing '{}'", section.name, key), needs);
}

std::optional<std::string> read_url(YamlReader& r, const Field& f,
                                    std::initializer_list<const char*> schemes) {
  auto url = r.non_empty_string(f);
  if (!url) return std::nullopt;
  if (!has_url_scheme(*url, schemes)) {
    r.error(f, fmt::format("'{}' is not a URL: '{}'", f.name, *url),
            fmt::format("use a URL starting with {}", join_or(schemes)));
    return std::nullopt;
  }
  return url;
}

std::optional<std::string> read_sha256(YamlReader& r, const Field& f) {
  auto text = r.non_empty_string(f);
  if (!text) return std::nullopt;
  std::string lower;
  for (char c : *text) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) break;
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (lower.size() == 64 && text->size() == 64) return lower;
  std::string why = text->size() != 64 ? fmt::format("got {} characters", text->size())
                                       : fmt::format("'{}' is not one", (*text)[lower.size()]);
  r.error(f, fmt::format("'sha256' must be 64 hexadecimal digits; {}", why),
          "use the file's SHA-256 as printed by `sha256sum FILE`");
  return std::nullopt;
}

// A local file or directory named in the profile; it must exist now.
std::optional<std::string> read_local_path(YamlReader& r, const Field& f, bool directory) {
  auto text = r.non_empty_string(f);
  if (!text) return std::nullopt;
  std::string path = r.resolve_path(*text);
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  bool ok =
      directory ? std::filesystem::is_directory(status) : std::filesystem::is_regular_file(status);
  if (!ok) {
    std::string why = !std::filesystem::exists(status) ? "does not exist"
                      : directory                      ? "is not a directory"
                                                       : "is not a regular file";
    r.error(f, fmt::format("'{}' path '{}' {}", f.name, *text, why),
            *text == path ? "" : fmt::format("relative paths resolve to {}", path));
    return std::nullopt;
  }
  return path;
}

std::optional<KernelSource> read_kernel_source(YamlReader& r, const Field& kernel) {
  ContextScope scope(r, "kernel");
  const char* needs = "give exactly one of apt, rpm, package or local";
  if (!r.expect_map(kernel, needs)) return std::nullopt;
  r.check_keys(kernel.value, {"apt", "rpm", "package", "local"});
  KernelSource source;
  std::optional<Field> first;
  bool ok = true;
  for (const char* kind : {"apt", "rpm", "package", "local"}) {
    auto f = find_field(kernel.value, kind);
    if (!f) continue;
    if (first) {
      r.error(f->key, fmt::format("'kernel' has both '{}' and '{}'", first->name, f->name), needs);
      ok = false;
    } else {
      first.emplace(*f);
    }
    if (f->name == "apt") {
      source.apt = read_apt(r, *f);
      ok = ok && source.apt.has_value();
    } else if (f->name == "rpm") {
      source.rpm = read_rpm(r, *f);
      ok = ok && source.rpm.has_value();
    } else if (f->name == "package") {
      source.package = read_package(r, *f);
      ok = ok && source.package.has_value();
    } else {
      source.local = read_local(r, *f);
      ok = ok && source.local.has_value();
    }
  }
  if (!first) {
    r.error(kernel, "'kernel' has no source", needs);
    return std::nullopt;
  }
  if (!ok) return std::nullopt;
  return source;
}

}  // namespace bpfcompat::config
