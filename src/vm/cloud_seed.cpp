#include "bpfcompat/vm/cloud_seed.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "bpfcompat/core/unique_fd.h"

namespace bpfcompat::vm {
namespace {

bool is_printable_line(std::string_view s) {
  for (char c : s) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return !s.empty();
}

bool only_chars(std::string_view s, std::string_view extra) {
  for (char c : s) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || extra.find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return !s.empty();
}

// A YAML double-quoted scalar: every value is quoted, so none is read as a bool, number or null.
std::string yaml_quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// A literal block scalar ("|") for a multi-line value, each line indented by `indent` spaces.
std::string yaml_block(std::string_view text, int indent) {
  std::string out = "|\n";
  std::string pad(static_cast<std::size_t>(indent), ' ');
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    out += line.empty() ? "\n" : pad + std::string(line) + "\n";
    start = end + 1;
  }
  return out;
}

Result<void> check_spec(const CloudSeedSpec& spec) {
  if (!is_printable_line(spec.instance_id)) {
    return invalid_input(
        fmt::format("cloud seed instance id '{}' is empty or not printable", spec.instance_id));
  }
  if (!only_chars(spec.hostname, ".-") || spec.hostname.size() > 63) {
    return invalid_input(
        fmt::format("cloud seed hostname '{}' is not a valid host name", spec.hostname),
        "use lowercase letters, digits, '-' and '.'");
  }
  if (!only_chars(spec.user, "_-") || spec.user.size() > 32 || spec.user == "root" ||
      spec.user[0] == '-' || (spec.user[0] >= '0' && spec.user[0] <= '9')) {
    return invalid_input(fmt::format("ssh user '{}' is not a valid login name", spec.user),
                         "use a lowercase name such as 'bpfcompat' (not root)");
  }
  for (const auto& [what, key] : {std::pair{"client public key", &spec.authorized_key},
                                  std::pair{"guest host public key", &spec.host_key_public}}) {
    if (!is_printable_line(*key) || !key->starts_with("ssh-")) {
      return invalid_input(fmt::format("cloud seed {} is not a one-line ssh public key", what));
    }
  }
  const std::string& pem = spec.host_key_private;
  bool pem_ok = pem.starts_with("-----BEGIN OPENSSH PRIVATE KEY-----\n");
  for (char c : pem) pem_ok = pem_ok && (c == '\n' || (c >= 0x20 && c <= 0x7e));
  if (!pem_ok) return invalid_input("cloud seed guest host private key is not an OpenSSH key");
  return {};
}

}  // namespace

Result<std::string> cloud_meta_data(const CloudSeedSpec& spec) {
  if (auto c = check_spec(spec); !c) return c.error();
  return fmt::format("instance-id: {}\nlocal-hostname: {}\n", yaml_quote(spec.instance_id),
                     yaml_quote(spec.hostname));
}

Result<std::string> cloud_user_data(const CloudSeedSpec& spec) {
  if (auto c = check_spec(spec); !c) return c.error();
  std::string y = "#cloud-config\n";
  y += "users:\n";
  y += fmt::format("  - name: {}\n", yaml_quote(spec.user));
  y += "    sudo: \"ALL=(ALL) NOPASSWD:ALL\"\n";
  y += "    shell: \"/bin/bash\"\n";
  y += "    lock_passwd: true\n";
  y += fmt::format("    ssh_authorized_keys:\n      - {}\n", yaml_quote(spec.authorized_key));
  y += "disable_root: true\n";
  y += "ssh_pwauth: false\n";
  // The guest's host key is the one we generated, so the client can pin it.
  y += "ssh_deletekeys: true\n";
  y += "ssh_genkeytypes: []\n";
  y += "ssh_keys:\n";
  y += "  ed25519_private: " + yaml_block(spec.host_key_private, 4);
  y += fmt::format("  ed25519_public: {}\n", yaml_quote(spec.host_key_public));
  // A disposable guest: no network updates, no resizing of the overlay.
  y += "package_update: false\n";
  y += "package_upgrade: false\n";
  y += "growpart:\n  mode: \"off\"\n";
  y += "resize_rootfs: false\n";
  return y;
}

namespace {

struct ArchiveFree {
  void operator()(struct archive* a) const { archive_write_free(a); }
};
struct EntryFree {
  void operator()(archive_entry* e) const { archive_entry_free(e); }
};

Result<void> add_file(struct archive* a, const std::string& name, const std::string& content) {
  std::unique_ptr<archive_entry, EntryFree> entry(archive_entry_new());
  archive_entry_set_pathname(entry.get(), name.c_str());
  archive_entry_set_filetype(entry.get(), AE_IFREG);
  archive_entry_set_perm(entry.get(), 0644);
  archive_entry_set_size(entry.get(), static_cast<la_int64_t>(content.size()));
  archive_entry_set_mtime(entry.get(), 0, 0);
  if (archive_write_header(a, entry.get()) != ARCHIVE_OK ||
      archive_write_data(a, content.data(), content.size()) !=
          static_cast<la_ssize_t>(content.size())) {
    return infrastructure_error(
        fmt::format("cannot add {} to the seed: {}", name, archive_error_string(a)));
  }
  return {};
}

// Rock Ridge and Joliet keep the lowercase names cloud-init looks for; the label is cidata.
Result<void> write_iso(int fd, const std::vector<std::pair<std::string, std::string>>& files) {
  std::unique_ptr<struct archive, ArchiveFree> a(archive_write_new());
  if (!a) return internal_error("archive_write_new failed");
  struct archive* ar = a.get();
  bool ok = archive_write_set_format_iso9660(ar) == ARCHIVE_OK &&
            archive_write_set_format_option(ar, "iso9660", "volume-id", "cidata") == ARCHIVE_OK &&
            archive_write_set_format_option(ar, "iso9660", "rockridge", "1") == ARCHIVE_OK &&
            archive_write_set_format_option(ar, "iso9660", "joliet", "1") == ARCHIVE_OK &&
            archive_write_set_format_option(ar, "iso9660", "pad", nullptr) == ARCHIVE_OK &&
            archive_write_open_fd(ar, fd) == ARCHIVE_OK;
  if (!ok)
    return infrastructure_error(fmt::format("cannot write the seed: {}", archive_error_string(ar)));
  for (const auto& [name, content] : files) {
    if (auto r = add_file(ar, name, content); !r) return r;
  }
  if (archive_write_close(ar) != ARCHIVE_OK) {
    return infrastructure_error(
        fmt::format("cannot finish the seed: {}", archive_error_string(ar)));
  }
  return {};
}

}  // namespace

Result<void> write_cloud_seed(const CloudSeedSpec& spec, const std::string& iso_path) {
  auto meta = cloud_meta_data(spec);
  if (!meta) return std::move(meta).error();
  auto user = cloud_user_data(spec);
  if (!user) return std::move(user).error();
  std::vector<std::pair<std::string, std::string>> files = {{"meta-data", *meta},
                                                            {"user-data", *user}};
  if (!spec.network_config.empty()) files.emplace_back("network-config", spec.network_config);

  std::string tmp = fmt::format("{}.tmp.{}", iso_path, getpid());
  UniqueFd fd(open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (!fd) {
    return infrastructure_error(fmt::format("cannot write {}: {}", iso_path, strerror(errno)));
  }
  auto written = write_iso(fd.get(), files);
  if (written && fsync(fd.get()) != 0) {
    written = infrastructure_error(fmt::format("cannot write {}: {}", iso_path, strerror(errno)));
  }
  fd.reset();
  if (written && rename(tmp.c_str(), iso_path.c_str()) != 0) {
    written = infrastructure_error(fmt::format("cannot write {}: {}", iso_path, strerror(errno)));
  }
  if (!written) unlink(tmp.c_str());
  if (!written) return std::move(written).error().with_context(fmt::format("writing {}", iso_path));
  return {};
}

}  // namespace bpfcompat::vm
