#include "rpm_mirrors.h"

#include <gtest/gtest.h>

namespace bpfcompat::sources {
namespace {

TEST(RpmMirrors, MirrorlistKeepsUrlsInOrderAndSkipsComments) {
  auto list = parse_mirrorlist(
      "# AL2 core\n\nhttps://a.example/2/core/2.0/x86_64/abc/\n  http://b.example/os \r\n"
      "not a url\nftp://c.example/\nfile:///srv/repo\n");
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].baseurl, "https://a.example/2/core/2.0/x86_64/abc");
  EXPECT_EQ(list[1].baseurl, "http://b.example/os");
  EXPECT_EQ(list[2].baseurl, "file:///srv/repo");
  EXPECT_FALSE(list[0].repomd_digest);
}

constexpr const char* kSha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

TEST(RpmMirrors, MetalinkV3GivesRepomdBaseurlsAndItsSha256) {
  std::string xml = std::string(
                        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                        "<metalink version=\"3.0\" xmlns=\"http://www.metalinker.org/\" "
                        "xmlns:mm0=\"http://fedorahosted.org/mirrormanager\">\n"
                        " <files><file name=\"repomd.xml\">\n"
                        "  <mm0:timestamp>1700000000</mm0:timestamp><size>4000</size>\n"
                        "  <verification>\n"
                        "   <hash type=\"md5\">d41d8cd98f00b204e9800998ecf8427e</hash>\n"
                        "   <hash type=\"sha256\">") +
                    kSha256 +
                    "</hash>\n"
                    "  </verification>\n"
                    "  <resources maxconnections=\"1\">\n"
                    "   <url protocol=\"rsync\" type=\"rsync\">rsync://m.example/f/repodata/"
                    "repomd.xml</url>\n"
                    "   <url protocol=\"https\" type=\"https\" preference=\"100\">\n"
                    "     https://m1.example/fedora/40/x86_64/os/repodata/repomd.xml</url>\n"
                    "   <url protocol=\"http\" type=\"http\">http://m2.example/f/repodata/"
                    "repomd.xml</url>\n"
                    "  </resources>\n"
                    " </file></files>\n</metalink>\n";
  auto got = parse_metalink(xml, "https://mirrors.example/metalink");
  ASSERT_TRUE(got) << got.error().describe();
  ASSERT_EQ(got->size(), 2u);
  EXPECT_EQ((*got)[0].baseurl, "https://m1.example/fedora/40/x86_64/os");
  EXPECT_EQ((*got)[1].baseurl, "http://m2.example/f");
  ASSERT_TRUE((*got)[0].repomd_digest);
  EXPECT_EQ((*got)[0].repomd_digest->algorithm, HashAlgorithm::kSha256);
  EXPECT_EQ((*got)[0].repomd_digest->hex, kSha256);
}

TEST(RpmMirrors, MetalinkV4PrefersSha512) {
  std::string sha512(128, 'a');
  std::string xml = std::string(
                        "<metalink xmlns=\"urn:ietf:params:xml:ns:metalink\"><file name=\"repomd."
                        "xml\"><hash type=\"sha-256\">") +
                    kSha256 + "</hash><hash type=\"sha-512\">" + sha512 +
                    "</hash><url priority=\"1\">https://m.example/os/repodata/repomd.xml</url>"
                    "</file></metalink>";
  auto got = parse_metalink(xml, "u");
  ASSERT_TRUE(got) << got.error().describe();
  ASSERT_EQ(got->size(), 1u);
  EXPECT_EQ((*got)[0].repomd_digest->algorithm, HashAlgorithm::kSha512);
  EXPECT_EQ((*got)[0].repomd_digest->hex, sha512);
}

TEST(RpmMirrors, BrokenOrUselessMetalinksAreErrorsNamingTheUrl) {
  auto broken = parse_metalink("<metalink><file>", "https://x.example/ml");
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().message.find("cannot parse the metalink https://x.example/ml"),
            std::string::npos)
      << broken.error().message;
  auto no_hash = parse_metalink(
      "<metalink><file><url>https://m/os/repodata/repomd.xml</url></file></metalink>", "u");
  ASSERT_FALSE(no_hash);
  EXPECT_NE(no_hash.error().message.find("names no SHA-256 or SHA-512"), std::string::npos);
  auto no_url = parse_metalink(std::string("<metalink><hash type=\"sha256\">") + kSha256 +
                                   "</hash><url>https://m/other.xml</url></metalink>",
                               "u");
  ASSERT_FALSE(no_url);
  EXPECT_NE(no_url.error().message.find("names no http(s) URL of repodata/repomd.xml"),
            std::string::npos);
}

}  // namespace
}  // namespace bpfcompat::sources
