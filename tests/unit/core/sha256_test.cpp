#include "bpfcompat/core/sha256.h"

#include <gtest/gtest.h>

namespace bpfcompat {
namespace {

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, IncrementalEqualsOneShot) {
  Sha256 h;
  h.update("a", 1);
  h.update("bc", 2);
  EXPECT_EQ(h.hex_digest(), sha256_hex("abc"));
}

TEST(Sha512, KnownVectorsAndIncremental) {
  EXPECT_EQ(sha512_hex("abc"),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
  Sha512 h;
  h.update("a", 1);
  h.update("bc", 2);
  EXPECT_EQ(h.hex_digest(), sha512_hex("abc"));
}

TEST(HashAlgorithm, AlgorithmOfAHexDigestIsItsLength) {
  EXPECT_EQ(algorithm_of_hex(std::string(64, 'a')), HashAlgorithm::kSha256);
  EXPECT_EQ(algorithm_of_hex(std::string(128, 'F')), HashAlgorithm::kSha512);
  EXPECT_EQ(algorithm_of_hex(std::string(96, 'a')), std::nullopt);  // SHA-384: not supported
  EXPECT_EQ(algorithm_of_hex(std::string(63, 'a') + "g"), std::nullopt);
  EXPECT_EQ(parse_hash_algorithm("sha512"), HashAlgorithm::kSha512);
  EXPECT_EQ(parse_hash_algorithm("md5"), std::nullopt);
  EXPECT_EQ(hex_digest_size(HashAlgorithm::kSha512), 128u);
}

}  // namespace
}  // namespace bpfcompat
