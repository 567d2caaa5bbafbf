#include "bpfcompat/transport/ssh_keys.h"

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/subprocess.h"
#include "bpfcompat/core/temp_dir.h"

namespace bpfcompat::transport {
namespace {

using std::chrono::milliseconds;

// "ssh-ed25519 AAAA..." without the comment.
std::string type_and_key(const std::string& line) {
  auto space = line.find(' ');
  return line.substr(0, line.find_first_of(" \n", space + 1));
}

bool have_ssh_keygen() {
  return access("/usr/bin/ssh-keygen", X_OK) == 0;
}

TEST(SshKeys, GeneratesOpenSshTextForms) {
  auto key = generate_ed25519_key("client@run");
  ASSERT_TRUE(key) << key.error().describe();
  EXPECT_TRUE(key->private_pem.starts_with("-----BEGIN OPENSSH PRIVATE KEY-----\n"));
  EXPECT_TRUE(key->private_pem.ends_with("-----END OPENSSH PRIVATE KEY-----\n"));
  EXPECT_TRUE(key->public_line.starts_with("ssh-ed25519 AAAA"));
  EXPECT_TRUE(key->public_line.ends_with(" client@run"));
  EXPECT_EQ(key->public_line.find('\n'), std::string::npos);
  EXPECT_TRUE(key->fingerprint.starts_with("SHA256:"));
  EXPECT_EQ(key->fingerprint.size(), 7u + 43u);  // 32 bytes in unpadded base64
}

TEST(SshKeys, EachKeyIsNew) {
  auto a = generate_ed25519_key("a");
  auto b = generate_ed25519_key("a");
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->private_pem, b->private_pem);
  EXPECT_NE(a->fingerprint, b->fingerprint);
}

TEST(SshKeys, FingerprintOfPublicLineMatchesThePair) {
  auto key = generate_ed25519_key("x");
  ASSERT_TRUE(key);
  auto fp = public_key_fingerprint(key->public_line);
  ASSERT_TRUE(fp) << fp.error().describe();
  EXPECT_EQ(*fp, key->fingerprint);
}

TEST(SshKeys, RejectsUnparsablePublicKey) {
  for (const char* bad : {"", "ssh-ed25519", "ssh-ed25519 !!!notbase64", "nonsense AAAA"}) {
    auto fp = public_key_fingerprint(bad);
    ASSERT_FALSE(fp) << bad;
    EXPECT_EQ(fp.error().kind, ErrorKind::kInvalidInput);
  }
}

TEST(SshKeys, RejectsCommentWithWhitespace) {
  EXPECT_FALSE(generate_ed25519_key("two words"));
}

TEST(SshKeys, WritesPrivateKeyOwnerOnly) {
  auto dir = TempDir::create("bpfcompat-keys");
  auto key = generate_ed25519_key("k");
  ASSERT_TRUE(dir && key);
  std::string path = dir->path() + "/client_key";
  ASSERT_TRUE(write_key_pair(*key, path));
  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(stat((path + ".pub").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
  EXPECT_EQ(read_file(path).value_or(""), key->private_pem);
  EXPECT_EQ(read_file(path + ".pub").value_or(""), key->public_line + "\n");
}

TEST(SshKeys, OpenSshReadsOurKeysAndAgreesOnTheFingerprint) {
  if (!have_ssh_keygen()) GTEST_SKIP() << "ssh-keygen not installed (openssh-client)";
  auto dir = TempDir::create("bpfcompat-keys");
  auto key = generate_ed25519_key("k@test");
  ASSERT_TRUE(dir && key);
  std::string path = dir->path() + "/key";
  ASSERT_TRUE(write_key_pair(*key, path));
  auto pub = run_captured({"ssh-keygen", "-y", "-f", path}, milliseconds(10000));
  ASSERT_TRUE(pub);
  EXPECT_EQ(pub->status.code, 0) << pub->output;
  EXPECT_EQ(type_and_key(pub->output), type_and_key(key->public_line)) << pub->output;
  auto fp = run_captured({"ssh-keygen", "-l", "-f", path + ".pub"}, milliseconds(10000));
  ASSERT_TRUE(fp);
  EXPECT_NE(fp->output.find(key->fingerprint), std::string::npos) << fp->output;
}

}  // namespace
}  // namespace bpfcompat::transport
