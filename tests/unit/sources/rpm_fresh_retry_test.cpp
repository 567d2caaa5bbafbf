// The rpm resolver retries only what a stale cache can explain, counted in the loopback server's
// log: a repomd.xml fetched fresh that 404s is asked for once (and the error is permanent, so the
// lane does not ask again); a cached repomd.xml naming a primary the repository no longer has is
// retried once with a fresh one, and that succeeds.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "bpfcompat/core/subprocess.h"
#include "bpfcompat/sources/kernel_source.h"
#include "rpm_repo_fixture.h"
#include "rpm_resolver.h"

namespace bpfcompat::sources {
namespace {

namespace fs = std::filesystem;

class RpmFreshRetry : public RpmRepoTest {
 protected:
  // How many GETs of `path` the server logged, and with which status ("404", "200").
  int requests(const std::string& path, const std::string& status) const {
    std::ifstream log(dir_->path() + "/http.log");
    std::string line;
    int n = 0;
    while (std::getline(log, line)) {
      n += line.find("\"GET " + path + " HTTP/1.1\" " + status + " ") != std::string::npos;
    }
    return n;
  }
  std::string log_text() const {
    std::ifstream log(dir_->path() + "/http.log");
    std::stringstream s;
    s << log.rdbuf();
    return s.str();
  }
};

TEST_F(RpmFreshRetry, AFreshRepomdThat404sIsAskedForOnce) {
  auto k = prepare_kernel(*cache_, profile(source("el10", "kernel-core")));
  ASSERT_FALSE(k);
  std::string url = server_->url() + "/el10/repodata/repomd.xml";
  EXPECT_EQ(k.error().code, kDownloadFailed);
  EXPECT_EQ(k.error().message, "download of " + url + " failed: HTTP 404") << k.error().describe();
  EXPECT_TRUE(k.error().permanent) << "the lane must not repeat it";
  EXPECT_EQ(requests("/el10/repodata/repomd.xml", "404"), 1) << log_text();
}

TEST_F(RpmFreshRetry, ACachedRepomdNamingAGonePrimaryIsRetriedOnceWithAFreshOne) {
  // A cached repomd.xml, then the repository moves on: 6.1.0-427.13.1 withdrawn, new metadata
  // (a new primary; createrepo_c removes the old one).
  std::string repomd = server_->url() + "/el9/repodata/repomd.xml";
  ASSERT_TRUE(cache_->fetch_index(repomd, 1 << 20, std::chrono::hours(6)));
  std::string old_primary = fs::path(repodata_file("el9", "primary.xml.zst")).filename();
  ASSERT_FALSE(old_primary.empty());
  for (const auto& e : fs::directory_iterator(www_ + "/el9/Packages")) {
    if (e.path().filename().string().find("-6.1.0-427.13.1.el9.") != std::string::npos) {
      fs::remove(e.path());
    }
  }
  auto redone = run_captured({"createrepo_c", "--quiet", "--no-database", www_ + "/el9"},
                             std::chrono::minutes(2));
  ASSERT_TRUE(redone && redone->status.code == 0) << (redone ? redone->output : "");
  ASSERT_FALSE(fs::exists(www_ + "/el9/repodata/" + old_primary));

  auto k = resolve_rpm_kernel(*cache_, source("el9", "kernel-core"));
  ASSERT_TRUE(k) << k.error().describe();
  EXPECT_EQ(k->rpms.front().evr, "6.1.0-99.el9") << "the fresh primary's newest";
  EXPECT_EQ(requests("/el9/repodata/" + old_primary, "404"), 1) << log_text();
  EXPECT_EQ(requests("/el9/repodata/repomd.xml", "200"), 2) << "the seed and one retry\n"
                                                            << log_text();
}

// Without a cached index nothing stale can explain a gone primary: it is not retried.
TEST_F(RpmFreshRetry, AGonePrimaryNamedByAFreshRepomdIsNotRetried) {
  std::string primary = repodata_file("el9", "primary.xml.zst");
  ASSERT_FALSE(primary.empty());
  fs::remove(primary);
  auto k = resolve_rpm_kernel(*cache_, source("el9", "kernel-core"));
  ASSERT_FALSE(k);
  EXPECT_EQ(k.error().code, kDownloadFailed);
  EXPECT_EQ(requests("/el9/repodata/repomd.xml", "200"), 1) << log_text();
  EXPECT_EQ(requests("/el9/repodata/" + fs::path(primary).filename().string(), "404"), 1)
      << log_text();
}

}  // namespace
}  // namespace bpfcompat::sources
