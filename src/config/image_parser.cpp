// The cloud-image lane's `image:` and `boot:` sections, and its per-distro defaults.
#include <cctype>
#include <map>

#include <fmt/format.h>

#include "did_you_mean.h"
#include "source_parser.h"

namespace bpfcompat::config {
namespace {

const char* const kImageNeeds =
    "give 'url' with its 'sha256' or 'sha512' or a 'checksum_url', or 'path' (a local qcow2 or "
    "raw file)";
// The keys that say how a downloaded image is verified; they go with 'url' only.
const std::initializer_list<const char*> kSumKeys = {"sha256", "sha512", "checksum_url"};

// The first of `spellings` present in `map` (the reference tool's spellings are accepted too);
// a second spelling of the same key is an error.
std::optional<Field> find_spelling(YamlReader& r, const YAML::Node& map,
                                   std::initializer_list<const char*> spellings) {
  std::optional<Field> found;
  for (const char* key : spellings) {
    auto f = find_field(map, key);
    if (!f) continue;
    if (found) {
      r.error(f->key, fmt::format("'image' has both '{}' and '{}'", found->name, f->name),
              "they mean the same; keep one");
    } else {
      found.emplace(*f);
    }
  }
  return found;
}

std::optional<std::string> read_format(YamlReader& r, const Field& f) {
  auto text = r.non_empty_string(f);
  if (!text) return std::nullopt;
  if (*text == "qcow2" || *text == "raw") return text;
  std::string hint = did_you_mean(*text, {"qcow2", "raw"});
  r.error(f, fmt::format("unknown image format '{}'", *text),
          (hint.empty() ? "" : hint + " ") +
              "formats are qcow2 and raw; leave 'format' out to detect it from the file");
  return std::nullopt;
}

// 128 hex digits, lowercased.
std::optional<std::string> read_sha512(YamlReader& r, const Field& f) {
  auto text = r.non_empty_string(f);
  if (!text) return std::nullopt;
  std::size_t hex = 0;
  while (hex < text->size() && std::isxdigit(static_cast<unsigned char>((*text)[hex]))) ++hex;
  if (hex == 128 && text->size() == 128) {
    std::string lower = *text;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower;
  }
  std::string why = text->size() != 128 ? fmt::format("got {} characters", text->size())
                                        : fmt::format("'{}' is not one", (*text)[hex]);
  r.error(f, fmt::format("'sha512' must be 128 hexadecimal digits; {}", why),
          "use the file's SHA-512 as printed by `sha512sum FILE`");
  return std::nullopt;
}

std::optional<std::string> read_checksum_type(YamlReader& r, const Field& f) {
  auto text = r.non_empty_string(f);
  if (!text) return std::nullopt;
  if (*text == "sha256" || *text == "sha512") return text;
  std::string hint = did_you_mean(*text, {"sha256", "sha512"});
  r.error(f, fmt::format("unknown checksum_type '{}'", *text),
          (hint.empty() ? "" : hint + " ") +
              "types are sha256 and sha512; leave 'checksum_type' out to tell them by the length "
              "of the sums");
  return std::nullopt;
}

// Exactly one of sha256, sha512, checksum_url; nullopt after reporting otherwise.
std::optional<Field> find_sum_field(YamlReader& r, const Field& image) {
  std::optional<Field> found;
  for (const char* key : kSumKeys) {
    auto f = find_field(image.value, key);
    if (!f) continue;
    if (found) {
      r.error(f->key, fmt::format("'image' has both '{}' and '{}'", found->name, f->name),
              "give one of them");
      return std::nullopt;
    }
    found.emplace(*f);
  }
  if (!found) {
    r.error(image, "'image' is missing 'sha256', 'sha512' or 'checksum_url'", kImageNeeds);
  }
  return found;
}

std::optional<ImageSource> read_remote(YamlReader& r, const Field& image, const Field& url_field,
                                       ImageSource source) {
  auto sum_field = find_sum_field(r, image);
  if (!sum_field) return std::nullopt;
  auto type_field = find_field(image.value, "checksum_type");
  if (type_field && sum_field->name != "checksum_url") {
    r.error(
        type_field->key,
        fmt::format("'checksum_type' goes with 'checksum_url', not with '{}'", sum_field->name),
        fmt::format("'{}' names its algorithm already; remove 'checksum_type'", sum_field->name));
    return std::nullopt;
  }
  auto url = read_url(r, url_field, {"http://", "https://"});
  std::optional<std::string> sum;
  if (sum_field->name == "sha256") sum = read_sha256(r, *sum_field);
  if (sum_field->name == "sha512") sum = read_sha512(r, *sum_field);
  if (sum_field->name == "checksum_url")
    sum = read_url(r, *sum_field, {"http://", "https://", "file://"});
  std::optional<std::string> type = std::string();
  if (type_field) type = read_checksum_type(r, *type_field);
  if (!url || !sum || !type) return std::nullopt;
  source.url = *url;
  source.checksum_type = *type;
  if (sum_field->name == "sha256") source.sha256 = *sum;
  if (sum_field->name == "sha512") source.sha512 = *sum;
  if (sum_field->name == "checksum_url") source.checksum_url = *sum;
  return source;
}

}  // namespace

std::string ImageSource::describe() const {
  if (!local_path.empty()) return fmt::format("local {}", local_path);
  return url;
}

std::string default_ssh_user(const std::string& distro) {
  // The user each project's cloud images configure in cloud-init's default_user; the reference
  // tool's distro spellings are accepted too.
  static const std::map<std::string, std::string> kUsers = {
      {"debian", "debian"},          {"ubuntu", "ubuntu"},
      {"almalinux", "almalinux"},    {"rocky", "rocky"},
      {"centos", "cloud-user"},      {"centos-stream", "cloud-user"},
      {"rhel", "cloud-user"},        {"fedora", "fedora"},
      {"amazon", "ec2-user"},        {"amazonlinux", "ec2-user"},
      {"amazon-linux", "ec2-user"},  {"opensuse", "opensuse"},
      {"opensuse-leap", "opensuse"},
  };
  auto it = kUsers.find(distro);
  return it == kUsers.end() ? std::string() : it->second;
}

std::optional<ImageSource> read_image_source(YamlReader& r, const Field& image) {
  ContextScope scope(r, "image");
  if (!r.expect_map(image, kImageNeeds)) return std::nullopt;
  r.check_keys(image.value, {"url", "source_url", "sha256", "sha512", "checksum_url",
                             "checksum_type", "path", "local", "local_path", "format"});
  auto url_field = find_spelling(r, image.value, {"url", "source_url"});
  auto local_field = find_spelling(r, image.value, {"path", "local", "local_path"});
  ImageSource source;
  if (auto f = find_field(image.value, "format")) {
    auto format = read_format(r, *f);
    if (!format) return std::nullopt;
    source.format = *format;
  }
  if (url_field && local_field) {
    r.error(local_field->key,
            fmt::format("'image' has both '{}' and '{}'", url_field->name, local_field->name),
            kImageNeeds);
    return std::nullopt;
  }
  if (local_field) {
    for (const char* key : {"sha256", "sha512", "checksum_url", "checksum_type"}) {
      if (auto f = find_field(image.value, key)) {
        r.error(f->key, fmt::format("'{}' goes with 'url', not with '{}'", key, local_field->name),
                kImageNeeds);
        return std::nullopt;
      }
    }
    auto path = read_local_path(r, *local_field, false);
    if (!path) return std::nullopt;
    source.local_path = *path;
    return source;
  }
  if (!url_field) {
    missing_key(r, image, "url", kImageNeeds);
    return std::nullopt;
  }
  return read_remote(r, image, *url_field, std::move(source));
}

std::optional<DirectBoot> read_direct_boot(YamlReader& r, const Field& boot) {
  ContextScope scope(r, "boot");
  const char* needs = "boot needs 'kernel' (a bzImage), optionally 'initrd' and 'cmdline'";
  if (!r.expect_map(boot, needs)) return std::nullopt;
  r.check_keys(boot.value, {"kernel", "initrd", "cmdline"});
  auto kernel_field = find_field(boot.value, "kernel");
  if (!kernel_field) {
    missing_key(r, boot, "kernel", needs);
    return std::nullopt;
  }
  DirectBoot out;
  auto kernel = read_local_path(r, *kernel_field, false);
  bool ok = kernel.has_value();
  if (kernel) out.kernel = *kernel;
  if (auto f = find_field(boot.value, "initrd")) {
    auto initrd = read_local_path(r, *f, false);
    ok = ok && initrd.has_value();
    if (initrd) out.initrd = *initrd;
  }
  if (auto f = find_field(boot.value, "cmdline")) {
    auto text = r.string(*f);
    if (text && text->find_first_of("\n\r") != std::string::npos) {
      r.error(*f, "'cmdline' must be a single line");
      ok = false;
    } else if (text) {
      out.cmdline = *text;
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace bpfcompat::config
