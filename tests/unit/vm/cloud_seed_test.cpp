#include "bpfcompat/vm/cloud_seed.h"

#include <archive.h>
#include <archive_entry.h>
#include <unistd.h>

#include <filesystem>
#include <map>

#include <gtest/gtest.h>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/subprocess.h"
#include "bpfcompat/core/temp_dir.h"

namespace bpfcompat::vm {
namespace {

const char* kPem =
    "-----BEGIN OPENSSH PRIVATE KEY-----\n"
    "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
    "QyNTUxOQAAACBzb21lIGtleSBieXRlcyBmb3IgdGVzdGluZyBvbmx5AAAAAAAAAAAAAAAA\n"
    "-----END OPENSSH PRIVATE KEY-----\n";

CloudSeedSpec sample() {
  CloudSeedSpec s;
  s.instance_id = "bpfcompat-debian-12-\"x\"\\1";  // quotes and backslashes must survive
  s.hostname = "debian-12";
  s.user = "bpfcompat";
  s.authorized_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIClient client@run";
  s.host_key_private = kPem;
  s.host_key_public = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHost host@guest";
  return s;
}

// name → content of every file in an ISO, read back with libarchive.
std::map<std::string, std::string> read_iso(const std::string& path) {
  std::map<std::string, std::string> files;
  struct archive* a = archive_read_new();
  archive_read_support_format_iso9660(a);
  EXPECT_EQ(archive_read_open_filename(a, path.c_str(), 65536), ARCHIVE_OK)
      << archive_error_string(a);
  archive_entry* e = nullptr;
  while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
    if (archive_entry_filetype(e) != AE_IFREG) continue;  // the root directory entry
    std::string content(static_cast<std::size_t>(archive_entry_size(e)), '\0');
    archive_read_data(a, content.data(), content.size());
    files[archive_entry_pathname(e)] = content;
  }
  archive_read_free(a);
  return files;
}

class CloudSeed : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::create("bpfcompat-seed");
    ASSERT_TRUE(d);
    dir_.emplace(std::move(*d));
  }
  std::string path(const std::string& name) const { return dir_->path() + "/" + name; }
  std::optional<TempDir> dir_;
};

TEST_F(CloudSeed, IsAnIsoLabelledCidataWithLowercaseNames) {
  ASSERT_TRUE(write_cloud_seed(sample(), path("seed.iso")));
  auto files = read_iso(path("seed.iso"));
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files["meta-data"], *cloud_meta_data(sample()));
  EXPECT_EQ(files["user-data"], *cloud_user_data(sample()));
  auto raw = read_file(path("seed.iso"));
  ASSERT_TRUE(raw);
  ASSERT_GT(raw->size(), 0x8028u + 32u);
  EXPECT_EQ(raw->substr(0x8001, 5), "CD001");  // primary volume descriptor
  std::string label = raw->substr(0x8028, 32);
  EXPECT_EQ(label.substr(0, label.find_last_not_of(' ') + 1), "CIDATA");
  // blkid reports the Joliet label (UCS-2BE), which keeps the lowercase "cidata".
  EXPECT_EQ(raw->substr(0x8801, 5), "CD001");
  EXPECT_EQ(raw->substr(0x8828, 12), std::string("\0c\0i\0d\0a\0t\0a", 12));
}

TEST_F(CloudSeed, AddsNetworkConfigOnlyWhenGiven) {
  auto spec = sample();
  spec.network_config = "version: 2\nethernets: {}\n";
  ASSERT_TRUE(write_cloud_seed(spec, path("seed.iso")));
  auto files = read_iso(path("seed.iso"));
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files["network-config"], spec.network_config);
}

TEST_F(CloudSeed, WritesAtomicallyWithoutLeftovers) {
  ASSERT_TRUE(write_cloud_seed(sample(), path("seed.iso")));
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir_->path())) {
    ++entries;
  }
  EXPECT_EQ(entries, 1u);
  EXPECT_FALSE(write_cloud_seed(sample(), path("missing-dir/seed.iso")));
}

TEST_F(CloudSeed, UserDataIsCloudConfigWithEveryRequiredKey) {
  auto doc = cloud_user_data(sample());
  ASSERT_TRUE(doc);
  EXPECT_TRUE(doc->starts_with("#cloud-config\n"));
  if (access("/usr/bin/python3", X_OK) != 0 ||
      run_captured({"python3", "-c", "import yaml"}, std::chrono::milliseconds(10000))
              ->status.code != 0) {
    GTEST_SKIP() << "python3-yaml not installed: the YAML is not parsed";
  }
  ASSERT_TRUE(write_file_atomic(path("user-data"), *doc));
  ASSERT_TRUE(write_file_atomic(path("key"), kPem));
  ASSERT_TRUE(write_file_atomic(path("meta-data"), *cloud_meta_data(sample())));
  const char* script = R"(
import sys, yaml
ud = yaml.safe_load(open(sys.argv[1]))
md = yaml.safe_load(open(sys.argv[2]))
pem = open(sys.argv[3]).read()
s = sys.argv[4:]
u = ud['users'][0]
assert len(ud['users']) == 1, ud['users']
assert u == {'name': s[0], 'sudo': 'ALL=(ALL) NOPASSWD:ALL', 'shell': '/bin/bash',
             'lock_passwd': True, 'ssh_authorized_keys': [s[1]]}, u
assert ud['ssh_keys'] == {'ed25519_private': pem, 'ed25519_public': s[2]}, ud['ssh_keys']
want = {'ssh_deletekeys': True, 'ssh_genkeytypes': [], 'disable_root': True,
        'ssh_pwauth': False, 'package_update': False, 'package_upgrade': False,
        'growpart': {'mode': 'off'}, 'resize_rootfs': False}
for k, v in want.items():
    assert ud[k] == v and type(ud[k]) == type(v), (k, ud.get(k))
assert md == {'instance-id': s[3], 'local-hostname': s[4]}, md
print('ok')
)";
  auto spec = sample();
  auto run = run_captured(
      {"python3", "-c", script, path("user-data"), path("meta-data"), path("key"), spec.user,
       spec.authorized_key, spec.host_key_public, spec.instance_id, spec.hostname},
      std::chrono::milliseconds(20000));
  ASSERT_TRUE(run);
  EXPECT_EQ(run->output, "ok\n") << *doc;
}

TEST(CloudSeedSpec, RejectsFieldsThatCannotBeUsed) {
  struct Case {
    const char* name;
    void (*mutate)(CloudSeedSpec&);
  };
  const Case cases[] = {
      {"root user", [](CloudSeedSpec& s) { s.user = "root"; }},
      {"user with space", [](CloudSeedSpec& s) { s.user = "bad user"; }},
      {"user with colon", [](CloudSeedSpec& s) { s.user = "a:b"; }},
      {"empty user", [](CloudSeedSpec& s) { s.user = ""; }},
      {"hostname underscore", [](CloudSeedSpec& s) { s.hostname = "a_b"; }},
      {"empty instance id", [](CloudSeedSpec& s) { s.instance_id = ""; }},
      {"instance id newline", [](CloudSeedSpec& s) { s.instance_id = "a\nb"; }},
      {"two-line key", [](CloudSeedSpec& s) { s.authorized_key += "\nssh-rsa AAAA"; }},
      {"not a key", [](CloudSeedSpec& s) { s.host_key_public = "hello"; }},
      {"not a pem", [](CloudSeedSpec& s) { s.host_key_private = "secret"; }},
      {"pem with tab", [](CloudSeedSpec& s) { s.host_key_private += "\t\n"; }},
  };
  for (const auto& c : cases) {
    auto spec = sample();
    c.mutate(spec);
    auto doc = cloud_user_data(spec);
    ASSERT_FALSE(doc) << c.name;
    EXPECT_EQ(doc.error().kind, ErrorKind::kInvalidInput) << c.name;
  }
}

}  // namespace
}  // namespace bpfcompat::vm
