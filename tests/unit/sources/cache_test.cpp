#include "bpfcompat/sources/cache.h"

#include <filesystem>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "bpfcompat/core/cancellation.h"
#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/sha256.h"
#include "bpfcompat/core/temp_dir.h"
#include "file_lock.h"

namespace bpfcompat::sources {
namespace {

namespace fs = std::filesystem;

class CacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = TempDir::create("cache-test");
    ASSERT_TRUE(dir);
    dir_ = std::make_unique<TempDir>(std::move(*dir));
    cache_ = std::make_unique<Cache>(dir_->path() + "/cache");
  }
  // Writes a source file and returns its file:// URL.
  std::string source(const std::string& name, const std::string& content) {
    std::string path = dir_->path() + "/src/" + name;
    EXPECT_TRUE(write_file_atomic(path, content));
    return "file://" + path;
  }
  // Files under the cache whose names contain `part`.
  int count_files(const std::string& part) {
    int n = 0;
    for (const auto& e : fs::recursive_directory_iterator(cache_->root())) {
      if (e.path().filename().string().find(part) != std::string::npos) ++n;
    }
    return n;
  }
  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<Cache> cache_;
};

TEST_F(CacheTest, FetchVerifiedStoresBlobByHash) {
  std::string url = source("a.bin", "hello");
  std::string sha = sha256_hex("hello");
  auto path = cache_->fetch_verified(url, sha, 1024);
  ASSERT_TRUE(path) << path.error().message;
  EXPECT_EQ(*path, cache_->root() + "/blobs/sha256/" + sha);
  EXPECT_EQ(*read_file(*path), "hello");
  // Present: the URL is not needed any more.
  auto again = cache_->fetch_verified("file:///nonexistent", sha, 1024);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *path);
}

TEST_F(CacheTest, ChecksumMismatchDeletesDownloadAndNamesBothSums) {
  std::string url = source("a.bin", "tampered");
  std::string expected = sha256_hex("original");
  auto r = cache_->fetch_verified(url, expected, 1024);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kInfrastructure);
  EXPECT_NE(r.error().message.find(expected), std::string::npos);
  EXPECT_NE(r.error().message.find(sha256_hex("tampered")), std::string::npos);
  EXPECT_NE(r.error().message.find(url), std::string::npos);
  EXPECT_EQ(r.error().code, "IMAGE_CHECKSUM_MISMATCH");
  EXPECT_FALSE(fs::exists(cache_->root() + "/blobs/sha256/" + expected));
  EXPECT_EQ(count_files(".part."), 0);
}

TEST_F(CacheTest, FetchVerifiedBySha512StoresBlobBySha256AndLinksIt) {
  std::string url = source("d.qcow2", "debian image");
  Digest sha512{HashAlgorithm::kSha512, sha512_hex("debian image")};
  std::string blob = cache_->root() + "/blobs/sha256/" + sha256_hex("debian image");
  auto path = cache_->fetch_verified(url, sha512, 1024);
  ASSERT_TRUE(path) << path.error().message;
  EXPECT_EQ(*path, blob);
  EXPECT_EQ(*read_file(*path), "debian image");
  std::string link = cache_->root() + "/blobs/sha512/" + sha512.hex;
  ASSERT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(fs::read_symlink(link), "../sha256/" + sha256_hex("debian image"));
  // Present: found through the link, and by its sha256 as well; the URL is not needed any more.
  auto again = cache_->fetch_verified("file:///nonexistent", sha512, 1024);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(*again, blob);
  auto by_sha256 = cache_->fetch_verified("file:///nonexistent", sha256_hex("debian image"), 1024);
  ASSERT_TRUE(by_sha256);
  EXPECT_EQ(*by_sha256, blob);
  EXPECT_EQ(count_files(".part."), 0);
}

TEST_F(CacheTest, Sha512MismatchDeletesDownloadAndNamesBothSums) {
  std::string url = source("d.qcow2", "tampered");
  std::string expected = sha512_hex("original");
  auto r = cache_->fetch_verified(url, Digest{HashAlgorithm::kSha512, expected}, 1024);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "IMAGE_CHECKSUM_MISMATCH");
  EXPECT_NE(r.error().message.find(expected), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find(sha512_hex("tampered")), std::string::npos);
  EXPECT_NE(r.error().hint.find("sha512"), std::string::npos);
  EXPECT_FALSE(fs::exists(cache_->root() + "/blobs/sha256/" + sha256_hex("tampered")));
  EXPECT_FALSE(fs::exists(cache_->root() + "/blobs/sha512/" + expected));
  EXPECT_EQ(count_files(".part."), 0);
}

TEST_F(CacheTest, RejectsADigestOfTheWrongLength) {
  auto r = cache_->fetch_verified(source("a", "x"), Digest{HashAlgorithm::kSha512, sha256_hex("x")},
                                  1024);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidInput);
}

TEST_F(CacheTest, SizeCapAbortsDownload) {
  std::string url = source("big.bin", std::string(10000, 'x'));
  auto r = cache_->fetch_verified(url, sha256_hex(std::string(10000, 'x')), 100);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("100 byte cap"), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().code, "DOWNLOAD_FAILED");
  EXPECT_TRUE(r.error().permanent);  // the same file is too large again
  EXPECT_EQ(count_files(".part."), 0);
}

TEST_F(CacheTest, MissingSourceIsDownloadFailureNamingUrl) {
  auto r = download_file("file://" + dir_->path() + "/absent", dir_->path() + "/out", 1024);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kInfrastructure);
  EXPECT_EQ(r.error().message.rfind("download of file://", 0), 0u) << r.error().message;
  EXPECT_EQ(r.error().code, "DOWNLOAD_FAILED");
  EXPECT_TRUE(r.error().permanent);  // no retry brings it back
  EXPECT_FALSE(fs::exists(dir_->path() + "/out"));
}

// A refused connection may pass (the server restarts): it is not permanent.
TEST_F(CacheTest, RefusedConnectionIsADownloadFailureThatMayPass) {
  auto r = download_file("http://127.0.0.1:1/repomd.xml", dir_->path() + "/out", 1024);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "DOWNLOAD_FAILED");
  EXPECT_FALSE(r.error().permanent) << r.error().message;
}

TEST_F(CacheTest, RejectsMalformedSha256) {
  auto r = cache_->fetch_verified(source("a", "x"), "abc", 1024);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidInput);
}

TEST_F(CacheTest, CancellationAbortsDownload) {
  request_cancellation(2);
  auto r = cache_->fetch_verified(source("a", "x"), sha256_hex("x"), 1024);
  reset_cancellation();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kCancelled);
}

TEST_F(CacheTest, FetchIndexReusesFreshCopyAndRefetchesStaleOne) {
  std::string url = source("Release", "v1");
  EXPECT_FALSE(cache_->has_fresh_index(url, std::chrono::hours(1)));
  auto first = cache_->fetch_index(url, 1024, std::chrono::hours(1));
  ASSERT_TRUE(first);
  EXPECT_TRUE(cache_->has_fresh_index(url, std::chrono::hours(1)));
  EXPECT_FALSE(cache_->has_fresh_index(url, std::chrono::seconds(0)));
  source("Release", "v2");
  auto fresh = cache_->fetch_index(url, 1024, std::chrono::hours(1));
  ASSERT_TRUE(fresh);
  EXPECT_EQ(*read_file(*fresh), "v1");
  auto refetched = cache_->fetch_index(url, 1024, std::chrono::seconds(0));
  ASSERT_TRUE(refetched);
  EXPECT_EQ(*read_file(*refetched), "v2");
}

TEST_F(CacheTest, FetchIndexFallsBackToStaleCopyWhenSourceFails) {
  std::string url = source("Release", "v1");
  ASSERT_TRUE(cache_->fetch_index(url, 1024, std::chrono::hours(1)));
  fs::remove(dir_->path() + "/src/Release");
  auto stale = cache_->fetch_index(url, 1024, std::chrono::seconds(0));
  ASSERT_TRUE(stale);
  EXPECT_EQ(*read_file(*stale), "v1");
  auto never = cache_->fetch_index(url + ".other", 1024, std::chrono::seconds(0));
  EXPECT_FALSE(never);
}

// A blob that another holder of the lock finished is used, not downloaded again.
TEST_F(CacheTest, WaiterFindsBlobCompletedUnderLock) {
  std::string sha = sha256_hex("shared");
  std::string blob = cache_->root() + "/blobs/sha256/" + sha;
  auto lock = FileLock::acquire(blob + ".lock");
  ASSERT_TRUE(lock);
  Result<std::string> got = internal_error("not run");
  std::thread waiter([&] { got = cache_->fetch_verified("file:///nonexistent", sha, 1024); });
  ASSERT_TRUE(write_file_atomic(blob, "shared"));
  { auto release = std::move(*lock); }
  waiter.join();
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(*got, blob);
}

TEST_F(CacheTest, ConcurrentFetchesShareOneBlob) {
  std::string content(200000, 'z');
  std::string url = source("c.bin", content);
  std::string sha = sha256_hex(content);
  std::vector<Result<std::string>> results(4, internal_error("not run"));
  std::vector<std::thread> threads;
  for (auto& r : results) {
    threads.emplace_back([&] { r = cache_->fetch_verified(url, sha, 1 << 20); });
  }
  for (auto& t : threads) t.join();
  for (const auto& r : results) {
    ASSERT_TRUE(r);
    EXPECT_EQ(*read_file(*r), content);
  }
  EXPECT_EQ(count_files(".part."), 0);
}

TEST_F(CacheTest, DerivedDirIsCreatedUnderKind) {
  std::string dir = cache_->derived_dir("kernels", "abc");
  EXPECT_EQ(dir, cache_->root() + "/kernels/abc");
  EXPECT_TRUE(fs::is_directory(dir));
}

}  // namespace
}  // namespace bpfcompat::sources
