// Deb extraction, prepare_kernel on local fixtures (file:// URLs, no network) and module lookup.
#include <filesystem>

#include <gtest/gtest.h>

#include "archive_reader.h"
#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/sha256.h"
#include "bpfcompat/core/temp_dir.h"
#include "bpfcompat/sources/kernel_source.h"
#include "kernel_tree.h"
#include "modinfo.h"
#include "module_files.h"

namespace bpfcompat::sources {
namespace {

namespace fs = std::filesystem;
const std::string kData = std::string(BPFCOMPAT_TEST_DATA) + "/sources";
const std::string kModules = kData + "/modules/9.9.9-test";

TempDir temp_dir() {
  auto dir = TempDir::create("sources-test");
  EXPECT_TRUE(dir);
  return std::move(*dir);
}

TEST(DebExtract, KeepsKernelFilesAndMovesUsrLibModules) {
  TempDir dir = temp_dir();
  ASSERT_TRUE(extract_deb(kData + "/kernel-boot_1.0-1_amd64.deb", dir.path(), kernel_path_filter));
  EXPECT_TRUE(fs::is_regular_file(dir.path() + "/boot/vmlinuz-9.9.9-test"));
  EXPECT_TRUE(fs::is_regular_file(dir.path() + "/boot/config-9.9.9-test"));
  EXPECT_TRUE(fs::is_regular_file(dir.path() +
                                  "/lib/modules/9.9.9-test/kernel/net/sched/sch_ingress.ko.xz"));
  EXPECT_FALSE(fs::exists(dir.path() + "/usr"));
}

TEST(DebExtract, RejectsFileThatIsNotADeb) {
  TempDir dir = temp_dir();
  auto r = extract_deb(kData + "/Release-bookworm", dir.path(), kernel_path_filter);
  EXPECT_FALSE(r);
}

TEST(KernelTree, FindsKernelInEitherLayout) {
  for (const char* deb : {"kernel-boot_1.0-1_amd64.deb", "kernel-split_1.0-1_amd64.deb"}) {
    TempDir dir = temp_dir();
    ASSERT_TRUE(extract_deb(kData + "/" + deb, dir.path(), kernel_path_filter)) << deb;
    auto tree = find_kernel_in_tree(dir.path());
    ASSERT_TRUE(tree) << deb;
    EXPECT_EQ(tree->release, "9.9.9-test") << deb;
    EXPECT_EQ(tree->modules_root, dir.path() + "/lib/modules/9.9.9-test") << deb;
    EXPECT_TRUE(fs::is_regular_file(tree->vmlinuz)) << deb;
  }
  TempDir empty = temp_dir();
  EXPECT_FALSE(find_kernel_in_tree(empty.path()));
}

TEST(Decompress, ReadsXzZstdGzipAndPlainFiles) {
  for (const char* file : {"b_mod.ko.xz", "a-mod.ko.zst", "d-mod.ko.gz"}) {
    auto image = decompress_file(kModules + "/kernel/lib/" + file, 1 << 20);
    ASSERT_TRUE(image) << file;
    EXPECT_EQ(image->substr(0, 4),
              "\x7f"
              "ELF")
        << file;
  }
  auto plain = decompress_file(kModules + "/kernel/lib/c-mod.ko", 1 << 20);
  ASSERT_TRUE(plain);
  EXPECT_EQ(*plain, *read_file(kModules + "/kernel/lib/c-mod.ko"));
  EXPECT_FALSE(decompress_file(kModules + "/kernel/lib/b_mod.ko.xz", 10));
  EXPECT_FALSE(decompress_file(kModules + "/kernel/lib/d-mod.ko.gz", 10));
}

TEST(ModuleFiles, NamesEveryCompressionForm) {
  EXPECT_EQ(module_stem("d-mod.ko.gz"), "d-mod");
  EXPECT_EQ(module_stem("a-mod.ko.zst"), "a-mod");
  EXPECT_EQ(module_stem("b_mod.ko.xz"), "b_mod");
  EXPECT_EQ(module_stem("c-mod.ko"), "c-mod");
  EXPECT_EQ(module_stem("c-mod.ko.bz2"), "");
  EXPECT_EQ(module_stem("System.map"), "");
  auto files = module_files(kModules);
  EXPECT_EQ(files.at("d_mod"), kModules + "/kernel/lib/d-mod.ko.gz");
  auto image = read_module_image(files.at("d_mod"));
  ASSERT_TRUE(image) << image.error().describe();
  auto deps = modinfo_depends(*image, "d-mod");
  ASSERT_TRUE(deps);
  EXPECT_EQ(*deps, (std::vector<std::string>{"b_mod"}));
}

TEST(Modinfo, ReadsDependsList) {
  auto image = decompress_file(kModules + "/kernel/lib/a-mod.ko.zst", 1 << 20);
  ASSERT_TRUE(image);
  auto deps = modinfo_depends(*image, "a-mod");
  ASSERT_TRUE(deps);
  EXPECT_EQ(*deps, (std::vector<std::string>{"b_mod", "c_mod"}));
  EXPECT_FALSE(modinfo_depends("not elf", "x"));
}

std::vector<std::string> names(const std::vector<KernelModule>& modules) {
  std::vector<std::string> out;
  for (const auto& m : modules) out.push_back(m.name);
  return out;
}

TEST(ResolveModules, OrdersDependenciesFirstWithoutDuplicates) {
  TempDir out = temp_dir();
  PreparedKernel kernel;
  kernel.modules_root = kModules;
  // '-' and '_' are interchangeable; built-in (absent) names are left out.
  auto mods =
      resolve_modules(kernel, {"a_mod", "sch-ingress", "b-mod", "veth", "cls_bpf"}, out.path());
  ASSERT_TRUE(mods) << mods.error().message;
  EXPECT_EQ(names(*mods),
            (std::vector<std::string>{"c-mod", "b_mod", "a-mod", "sch_ingress", "cls_bpf"}));
  for (const auto& m : *mods) {
    auto text = read_file(m.path);
    ASSERT_TRUE(text) << m.path;
    EXPECT_EQ(text->substr(0, 4),
              "\x7f"
              "ELF")
        << m.path;  // decompressed
    EXPECT_EQ(fs::path(m.path).parent_path(), fs::path(out.path()));
  }
}

TEST(ResolveModules, DecompressesAGzipModuleAndItsXzDependency) {
  TempDir out = temp_dir();
  PreparedKernel kernel;
  kernel.modules_root = kModules;
  auto mods = resolve_modules(kernel, {"d_mod"}, out.path());
  ASSERT_TRUE(mods) << mods.error().describe();
  EXPECT_EQ(names(*mods), (std::vector<std::string>{"c-mod", "b_mod", "d-mod"}));
  auto gz = read_file(out.path() + "/d-mod.ko");
  ASSERT_TRUE(gz);
  EXPECT_EQ(*gz, *read_module_image(kModules + "/kernel/lib/d-mod.ko.gz"));
  EXPECT_EQ(gz->substr(0, 4),
            "\x7f"
            "ELF");
}

TEST(ResolveModules, KernelWithoutModuleTreeYieldsNothing) {
  TempDir out = temp_dir();
  auto mods = resolve_modules(PreparedKernel{}, {"sch_ingress"}, out.path());
  ASSERT_TRUE(mods);
  EXPECT_TRUE(mods->empty());
}

// A copy of the fixture module tree (the tests remove parts of it).
PreparedKernel copied_module_tree(const TempDir& dir) {
  fs::copy(kModules, dir.path() + "/9.9.9-test", fs::copy_options::recursive);
  PreparedKernel kernel;
  kernel.modules_root = dir.path() + "/9.9.9-test";
  kernel.release = "9.9.9-test";
  return kernel;
}

TEST(ModulesDefining, FindsTheModuleOfAFunctionVmlinuxLacks) {
  TempDir dir = temp_dir();
  PreparedKernel kernel = copied_module_tree(dir);
  // global and static functions of a zstd-compressed module; vmlinux's own functions (System.map)
  // and functions nobody defines are left out.
  Cache cache(dir.path() + "/cache");
  auto found = modules_defining(
      cache, kernel,
      {"a_mod_open", "a_mod_static_helper", "shared_with_vmlinux", "vfs_read", "nowhere"});
  ASSERT_TRUE(found) << found.error().describe();
  EXPECT_EQ(*found, (std::map<std::string, std::string>{{"a_mod_open", "a_mod"},
                                                        {"a_mod_static_helper", "a_mod"}}));
  // The index is the cache's: the kernel's tree is left as it was.
  EXPECT_FALSE(fs::exists(kernel.modules_root + "/bpfcompat-module-functions.txt"));
  EXPECT_TRUE(fs::exists(dir.path() + "/cache/module-index"));
  // every compression form is indexed: a plain .ko, .ko.zst (above) and .ko.gz
  auto gz = modules_defining(cache, kernel, {"d_mod_probe"});
  ASSERT_TRUE(gz) << gz.error().describe();
  EXPECT_EQ(*gz, (std::map<std::string, std::string>{{"d_mod_probe", "d_mod"}}));
}

TEST(ModulesDefining, WithoutSystemMapEveryModuleFunctionCountsAndTheIndexIsReused) {
  TempDir dir = temp_dir();
  PreparedKernel kernel = copied_module_tree(dir);
  fs::remove(kernel.modules_root + "/System.map");
  Cache cache(dir.path() + "/cache");
  auto first = modules_defining(cache, kernel, {"shared_with_vmlinux"});
  ASSERT_TRUE(first) << first.error().describe();
  EXPECT_EQ(first->at("shared_with_vmlinux"), "c_mod");
  // The index is read, not rebuilt: with the modules gone it still answers.
  fs::remove_all(kernel.modules_root + "/kernel");
  auto second = modules_defining(cache, kernel, {"a_mod_open"});
  ASSERT_TRUE(second) << second.error().describe();
  EXPECT_EQ(second->at("a_mod_open"), "a_mod");
}

TEST(ModulesDefining, NoModuleTreeOrNoFunctionsIsNothing) {
  TempDir dir = temp_dir();
  Cache cache(dir.path() + "/cache");
  auto none = modules_defining(cache, PreparedKernel{}, {"a_mod_open"});
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

config::Profile package_profile(const std::string& deb, const std::string& sha) {
  config::Profile p;
  p.id = "test-kernel";
  p.kernel.package = config::PackageUrlSource{"file://" + kData + "/" + deb, sha};
  return p;
}

TEST(PrepareKernel, ExtractsPackageUrlOnceAndReusesIt) {
  TempDir dir = temp_dir();
  Cache cache(dir.path() + "/cache");
  std::string sha = *sha256_file(kData + "/kernel-split_1.0-1_amd64.deb");
  auto first = prepare_kernel(cache, package_profile("kernel-split_1.0-1_amd64.deb", sha));
  ASSERT_TRUE(first) << first.error().describe();
  EXPECT_EQ(first->release, "9.9.9-test");
  EXPECT_EQ(first->package, "kernel-split");
  EXPECT_EQ(first->package_version, "1.0-1");
  EXPECT_EQ(first->sha256, sha);
  EXPECT_EQ(first->vmlinuz,
            cache.root() + "/kernels/" + sha + "/tree/lib/modules/9.9.9-test/vmlinuz");
  EXPECT_FALSE(first->source.empty());
  auto second = prepare_kernel(cache, package_profile("kernel-split_1.0-1_amd64.deb", sha));
  ASSERT_TRUE(second);
  EXPECT_EQ(second->vmlinuz, first->vmlinuz);
  // Only the finished tree is left beside the lock file: no temporary directories.
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(cache.root() + "/kernels/" + sha)) {
    ++entries;
  }
  EXPECT_EQ(entries, 2);
}

TEST(PrepareKernel, ChecksumMismatchNamesProfile) {
  TempDir dir = temp_dir();
  Cache cache(dir.path() + "/cache");
  auto r =
      prepare_kernel(cache, package_profile("kernel-boot_1.0-1_amd64.deb", std::string(64, '0')));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "IMAGE_CHECKSUM_MISMATCH");
  EXPECT_NE(r.error().describe().find("test-kernel"), std::string::npos);
}

TEST(PrepareKernel, LocalKernelReleaseFromHeaderOrModulesDir) {
  TempDir dir = temp_dir();
  ASSERT_TRUE(extract_deb(kData + "/kernel-boot_1.0-1_amd64.deb", dir.path(), kernel_path_filter));
  Cache cache(dir.path() + "/cache");
  config::Profile p;
  p.id = "local";
  p.kernel.local = config::LocalKernelSource{dir.path() + "/boot/vmlinuz-9.9.9-test", ""};
  auto from_header = prepare_kernel(cache, p);
  ASSERT_TRUE(from_header) << from_header.error().describe();
  EXPECT_EQ(from_header->release, "9.9.9-test");
  EXPECT_TRUE(from_header->modules_root.empty());
  p.kernel.local->modules_dir = kModules + "/";
  auto from_dir = prepare_kernel(cache, p);
  ASSERT_TRUE(from_dir);
  EXPECT_EQ(from_dir->release, "9.9.9-test");
  EXPECT_EQ(from_dir->modules_root, kModules + "/");
  p.kernel.local->vmlinuz = dir.path() + "/absent";
  auto missing = prepare_kernel(cache, p);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::kInvalidInput);
}

}  // namespace
}  // namespace bpfcompat::sources
