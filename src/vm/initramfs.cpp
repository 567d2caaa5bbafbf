#include "bpfcompat/vm/initramfs.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <system_error>

#include <fmt/format.h>

#include "cpio_writer.h"

namespace bpfcompat::vm {
namespace {

constexpr const char* kArgsPath = "etc/bpfcompat/args";

// Directories every initramfs has; mount points for /init, and /dev before devtmpfs exists.
const std::map<std::string, unsigned> kBaseDirectories = {
    {"dev", 0755}, {"etc", 0755}, {"etc/bpfcompat", 0755}, {"proc", 0755},
    {"run", 0755}, {"sys", 0755}, {"tmp", 01777},
};

// "/a/b/c" → "a/b/c"; rejects relative, non-normal paths and the entries we own.
Result<std::string> archive_name(const std::string& guest_path) {
  std::filesystem::path p(guest_path);
  bool normal =
      p.is_absolute() && p.lexically_normal().string() == guest_path && !guest_path.ends_with('/');
  if (!normal) {
    return invalid_input(
        fmt::format("initramfs path '{}' is not an absolute, normal path", guest_path));
  }
  std::string name = guest_path.substr(1);
  if (name == "init" || name == kArgsPath || name == "dev/console") {
    return invalid_input(fmt::format("initramfs path '{}' is reserved", guest_path));
  }
  return name;
}

struct Layout {
  std::map<std::string, unsigned> directories = kBaseDirectories;  // sorted: parents first
  std::vector<std::pair<std::string, const GuestFile*>> files;
};

Result<Layout> plan_layout(const InitramfsSpec& spec) {
  Layout layout;
  std::set<std::string> file_names;
  for (const auto& file : spec.files) {
    auto name = archive_name(file.guest_path);
    if (!name) return std::move(name).error();
    if (!file_names.insert(*name).second) {
      return invalid_input(fmt::format("initramfs path '{}' is given twice", file.guest_path));
    }
    for (auto dir = std::filesystem::path(*name).parent_path(); !dir.empty();
         dir = dir.parent_path()) {
      layout.directories.emplace(dir.string(), 0755);
    }
    layout.files.emplace_back(*name, &file);
  }
  for (const auto& [dir, mode] : layout.directories) {
    if (file_names.contains(dir)) {
      return invalid_input(fmt::format("initramfs path '/{}' is both a file and a directory", dir));
    }
  }
  return layout;
}

std::string args_file(const std::vector<std::string>& args) {
  std::string text;
  for (const auto& arg : args) text += arg + "\n";
  return text;
}

Result<void> write_entries(CpioWriter& writer, const InitramfsSpec& spec, const Layout& layout) {
  for (const auto& [dir, mode] : layout.directories) {
    if (auto r = writer.add_directory(dir, mode); !r) return r;
  }
  // The kernel opens /dev/console before /init runs, i.e. before devtmpfs is mounted.
  if (auto r = writer.add_char_device("dev/console", 0600, 5, 1); !r) return r;
  if (auto r = writer.add_file("init", 0755, spec.validator); !r) return r;
  if (auto r = writer.add_bytes(kArgsPath, 0644, args_file(spec.args)); !r) return r;
  for (const auto& [name, file] : layout.files) {
    if (auto r = writer.add_file(name, file->mode & 07777, file->host_path); !r) return r;
  }
  return writer.finish();
}

}  // namespace

Result<void> build_initramfs(const InitramfsSpec& spec, const std::string& out_path) {
  auto layout = plan_layout(spec);
  if (!layout) return std::move(layout).error();
  std::error_code ec;
  auto parent = std::filesystem::path(out_path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  static std::atomic<unsigned> counter{0};  // unique per thread too: targets build in parallel
  std::string tmp = fmt::format("{}.tmp.{}.{}", out_path, getpid(), counter++);
  Result<void> written;
  {
    auto writer = CpioWriter::open(tmp);
    if (writer) {
      written = write_entries(*writer, spec, *layout);
    } else {
      written = std::move(writer).error();
    }
  }  // the writer's file is closed here, on every path
  if (written && std::rename(tmp.c_str(), out_path.c_str()) != 0) {
    written = infrastructure_error(fmt::format("cannot write {}: {}", out_path, strerror(errno)));
  }
  if (!written) std::filesystem::remove(tmp, ec);
  return written;
}

}  // namespace bpfcompat::vm
