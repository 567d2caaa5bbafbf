#include "apt_index.h"

#include <cctype>
#include <charconv>

namespace bpfcompat::sources {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::uint64_t to_u64(std::string_view s) {
  std::uint64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

// Calls fn(line) for each line of text (without the newline).
template <typename Fn>
void for_each_line(std::string_view text, Fn&& fn) {
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    fn(line);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
}

std::string* field_slot(AptPackage& p, std::string_view key) {
  if (key == "Package") return &p.name;
  if (key == "Version") return &p.version;
  if (key == "Depends") return &p.depends;
  if (key == "Pre-Depends") return &p.pre_depends;
  if (key == "Provides") return &p.provides;
  if (key == "Filename") return &p.filename;
  if (key == "SHA256") return &p.sha256;
  return nullptr;
}

}  // namespace

std::vector<AptPackage> parse_packages(std::string_view text) {
  std::vector<AptPackage> out;
  AptPackage cur;
  std::string size;
  std::string* last = nullptr;  // the field a continuation line extends
  auto finish = [&] {
    if (!cur.name.empty() && !cur.version.empty()) {
      cur.size = to_u64(size);
      out.push_back(std::move(cur));
    }
    cur = AptPackage{};
    size.clear();
    last = nullptr;
  };
  for_each_line(text, [&](std::string_view line) {
    if (trim(line).empty()) {
      finish();
      return;
    }
    if (line.front() == ' ' || line.front() == '\t') {
      if (last) *last += " " + std::string(trim(line));
      return;
    }
    auto colon = line.find(':');
    if (colon == std::string_view::npos) return;
    std::string_view key = line.substr(0, colon);
    last = key == "Size" ? &size : field_slot(cur, key);
    if (last) *last = std::string(trim(line.substr(colon + 1)));
  });
  finish();
  return out;
}

std::string filter_stanzas(std::string_view text, std::string_view prefix) {
  std::string out;
  std::string wanted = "Package: " + std::string(prefix);
  while (!text.empty()) {
    auto end = text.find("\n\n");
    std::string_view stanza = text.substr(0, end);
    if (stanza.substr(0, wanted.size()) == wanted) {
      out += stanza;
      out += "\n\n";
    }
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 2);
    while (!text.empty() && text.front() == '\n') text.remove_prefix(1);
  }
  return out;
}

std::vector<std::vector<DepAtom>> parse_relations(std::string_view field) {
  std::vector<std::vector<DepAtom>> groups;
  auto split = [](std::string_view s, char sep, auto&& fn) {
    while (true) {
      auto pos = s.find(sep);
      fn(trim(s.substr(0, pos)));
      if (pos == std::string_view::npos) break;
      s.remove_prefix(pos + 1);
    }
  };
  split(field, ',', [&](std::string_view group) {
    std::vector<DepAtom> alts;
    split(group, '|', [&](std::string_view alt) {
      if (alt.empty()) return;
      DepAtom atom;
      auto paren = alt.find('(');
      std::string_view name = trim(alt.substr(0, paren));
      name = name.substr(0, name.find_first_of(" :["));
      atom.name = std::string(name);
      if (paren != std::string_view::npos) {
        std::string_view rel = alt.substr(paren + 1, alt.find(')', paren) - paren - 1);
        rel = trim(rel);
        std::size_t n = 0;
        while (n < rel.size() && (rel[n] == '<' || rel[n] == '>' || rel[n] == '=')) ++n;
        atom.op = std::string(rel.substr(0, n));
        atom.version = std::string(trim(rel.substr(n)));
      }
      alts.push_back(std::move(atom));
    });
    if (!alts.empty()) groups.push_back(std::move(alts));
  });
  return groups;
}

ReleaseFile parse_release(std::string_view text) {
  ReleaseFile out;
  bool in_sha256 = false;
  for_each_line(text, [&](std::string_view line) {
    if (line.empty()) return;
    if (line.front() != ' ') {
      auto colon = line.find(':');
      std::string_view key = line.substr(0, colon);
      in_sha256 = key == "SHA256";
      if (key == "Acquire-By-Hash" && colon != std::string_view::npos) {
        out.acquire_by_hash = trim(line.substr(colon + 1)) == "yes";
      }
      return;
    }
    if (!in_sha256) return;
    line = trim(line);
    auto a = line.find(' ');
    if (a == std::string_view::npos) return;
    std::string_view rest = trim(line.substr(a));
    auto b = rest.find(' ');
    if (b == std::string_view::npos) return;
    out.sha256.push_back({std::string(line.substr(0, a)), to_u64(rest.substr(0, b)),
                          std::string(trim(rest.substr(b)))});
  });
  return out;
}

std::optional<ReleaseFile::Entry> find_release_entry(const ReleaseFile& release,
                                                     std::string_view path) {
  for (const auto& e : release.sha256) {
    if (e.path == path) return e;
  }
  return std::nullopt;
}

}  // namespace bpfcompat::sources
