#include "rpm_mirrors.h"

#include <expat.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>

#include <fmt/format.h>

#include "base_url.h"

namespace bpfcompat::sources {
namespace {

constexpr const char* kRepomdSuffix = "/repodata/repomd.xml";

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

bool is_url(const std::string& s, bool allow_file) {
  return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0 ||
         (allow_file && s.rfind("file://", 0) == 0);
}

// "http://www.metalinker.org/ hash" → "hash" (the parser joins namespace and name with a space).
std::string local_name(const XML_Char* name) {
  const char* space = std::strrchr(name, ' ');
  return space ? space + 1 : name;
}

struct MetalinkState {
  std::string element;  // "hash" or "url" while inside one
  std::string hash_type;
  std::string text;
  std::string sha256;
  std::string sha512;
  std::vector<std::string> urls;
};

void on_start(void* data, const XML_Char* name, const XML_Char** attrs) {
  auto* st = static_cast<MetalinkState*>(data);
  std::string n = local_name(name);
  if (n != "hash" && n != "url") return;
  st->element = n;
  st->text.clear();
  st->hash_type.clear();
  for (int i = 0; attrs[i] != nullptr; i += 2) {
    if (std::strcmp(attrs[i], "type") == 0) st->hash_type = attrs[i + 1];
  }
}

void on_text(void* data, const XML_Char* s, int len) {
  auto* st = static_cast<MetalinkState*>(data);
  if (!st->element.empty()) st->text.append(s, static_cast<std::size_t>(len));
}

void on_end(void* data, const XML_Char* name) {
  auto* st = static_cast<MetalinkState*>(data);
  if (st->element.empty() || local_name(name) != st->element) return;
  std::string value = trim(st->text);
  if (st->element == "url") {
    st->urls.push_back(value);
  } else {
    std::string hex = value;
    std::transform(hex.begin(), hex.end(), hex.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string type = st->hash_type;
    type.erase(std::remove(type.begin(), type.end(), '-'), type.end());
    if (type == "sha256" && st->sha256.empty()) st->sha256 = hex;
    if (type == "sha512" && st->sha512.empty()) st->sha512 = hex;
  }
  st->element.clear();
}

struct ParserFree {
  void operator()(XML_Parser p) const { XML_ParserFree(p); }
};

}  // namespace

std::vector<RepoLocation> parse_mirrorlist(const std::string& text) {
  std::vector<RepoLocation> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = trim(text.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty() || line[0] == '#' || !is_url(line, true)) continue;
    out.push_back({without_trailing_slashes(line), std::nullopt});
  }
  return out;
}

Result<std::vector<RepoLocation>> parse_metalink(const std::string& text, const std::string& url) {
  std::unique_ptr<XML_ParserStruct, ParserFree> parser(XML_ParserCreateNS(nullptr, ' '));
  MetalinkState st;
  XML_SetUserData(parser.get(), &st);
  XML_SetElementHandler(parser.get(), on_start, on_end);
  XML_SetCharacterDataHandler(parser.get(), on_text);
  if (XML_Parse(parser.get(), text.data(), static_cast<int>(text.size()), 1) == XML_STATUS_ERROR) {
    return infrastructure_error(fmt::format("cannot parse the metalink {}: {} at line {}", url,
                                            XML_ErrorString(XML_GetErrorCode(parser.get())),
                                            XML_GetCurrentLineNumber(parser.get())),
                                "the URL must serve a metalink XML (check the profile's metalink)");
  }
  std::optional<Digest> digest;
  if (algorithm_of_hex(st.sha512) == HashAlgorithm::kSha512) {
    digest = Digest{HashAlgorithm::kSha512, st.sha512};
  } else if (algorithm_of_hex(st.sha256) == HashAlgorithm::kSha256) {
    digest = Digest{HashAlgorithm::kSha256, st.sha256};
  }
  std::vector<RepoLocation> out;
  for (const auto& u : st.urls) {
    std::string base = without_trailing_slashes(u);
    if (!is_url(base, false) || base.size() <= std::strlen(kRepomdSuffix) ||
        base.compare(base.size() - std::strlen(kRepomdSuffix), std::string::npos, kRepomdSuffix) !=
            0) {
      continue;
    }
    out.push_back({base.substr(0, base.size() - std::strlen(kRepomdSuffix)), digest});
  }
  if (out.empty() || !digest) {
    return infrastructure_error(
        fmt::format("the metalink {} names no {}", url,
                    out.empty() ? "http(s) URL of repodata/repomd.xml"
                                : "SHA-256 or SHA-512 of repomd.xml"),
        "check the profile's metalink (e.g. https://mirrors.fedoraproject.org/metalink?"
        "repo=fedora-40&arch=x86_64)");
  }
  return out;
}

}  // namespace bpfcompat::sources
