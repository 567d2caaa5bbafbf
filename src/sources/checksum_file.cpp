// Reading checksum files: find_digest_in_sums() and find_sha256_in_sums().
#include <cctype>
#include <sstream>
#include <vector>

#include "bpfcompat/sources/image_source.h"

namespace bpfcompat::sources {
namespace {

// One sum of a checksum file; `name` is empty for a bare digest line.
struct ListedSum {
  Digest digest;
  std::string name;
};

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::optional<Digest> digest_of(const std::string& hex) {
  auto algorithm = algorithm_of_hex(hex);
  if (!algorithm) return std::nullopt;
  return Digest{*algorithm, lower(hex)};
}

// BSD: "SHA256 (name) = hex" or "SHA512 (name) = hex"; the tag must agree with the length.
std::optional<ListedSum> parse_bsd(const std::string& line) {
  for (HashAlgorithm a : {HashAlgorithm::kSha256, HashAlgorithm::kSha512}) {
    std::string tag = a == HashAlgorithm::kSha512 ? "SHA512 (" : "SHA256 (";
    if (line.rfind(tag, 0) != 0) continue;
    auto close = line.rfind(") = ");
    if (close == std::string::npos || close < tag.size()) return std::nullopt;
    auto digest = digest_of(line.substr(close + 4));
    if (!digest || digest->algorithm != a) return std::nullopt;
    return ListedSum{*digest, line.substr(tag.size(), close - tag.size())};
  }
  return std::nullopt;
}

// GNU: "hex  name", "hex *name" (binary mode), "hex  ./name"; or a bare "hex".
std::optional<ListedSum> parse_gnu(const std::string& line) {
  auto space = line.find_first_of(" \t");
  auto digest = digest_of(line.substr(0, space));
  if (!digest) return std::nullopt;
  if (space == std::string::npos) return ListedSum{*digest, ""};
  auto start = line.find_first_not_of(" \t", space);
  std::string name = start == std::string::npos ? "" : line.substr(start);
  if (!name.empty() && name[0] == '*') name.erase(0, 1);
  if (name.rfind("./", 0) == 0) name.erase(0, 2);
  return ListedSum{*digest, name};
}

std::vector<ListedSum> parse_sums(const std::string& text) {
  std::vector<ListedSum> out;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
    auto sum = parse_bsd(line);
    if (!sum) sum = parse_gnu(line);
    if (sum) out.push_back(std::move(*sum));
  }
  return out;
}

}  // namespace

std::optional<Digest> find_digest_in_sums(const std::string& sums, const std::string& file_name,
                                          std::optional<HashAlgorithm> algorithm, bool sidecar) {
  std::vector<ListedSum> listed;
  for (auto& sum : parse_sums(sums)) {
    if (!algorithm || sum.digest.algorithm == *algorithm) listed.push_back(std::move(sum));
  }
  for (const auto& sum : listed) {
    if (sum.name == file_name) return sum.digest;
  }
  if (listed.size() == 1 && (listed[0].name.empty() || sidecar)) return listed[0].digest;
  return std::nullopt;
}

std::optional<std::string> find_sha256_in_sums(const std::string& sums,
                                               const std::string& file_name) {
  auto digest = find_digest_in_sums(sums, file_name, HashAlgorithm::kSha256, false);
  if (!digest) return std::nullopt;
  return digest->hex;
}

}  // namespace bpfcompat::sources
