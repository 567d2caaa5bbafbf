// `program_variants:` of a manifest: helper-gated alternative programs, one group per choice.
#include <algorithm>
#include <cctype>
#include <climits>
#include <map>

#include <fmt/format.h>

#include "did_you_mean.h"
#include "field_rules.h"
#include "manifest_reader.h"

namespace bpfcompat::config {
namespace {

// Where a program was first put in a group, so that a second group naming it can say so.
struct Placement {
  std::string group;
  int line = 0;
};

bool all_digits(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

void read_requires_helper(YamlReader& r, const Field& f, VariantProgram& program) {
  if (f.value.IsScalar() && f.value.Tag() != "!" &&
      (all_digits(f.value.Scalar()) || f.value.Scalar().rfind('-', 0) == 0)) {
    if (auto id = read_integer(r, f, 1, INT_MAX)) {
      program.requires_helper = static_cast<int>(*id);
      program.requires_helper_name = f.value.Scalar();
    }
    return;
  }
  auto name = r.string(f);
  if (!name || name->empty()) return;  // empty: the unconditional fallback
  if (int id = helper_id(*name)) {
    program.requires_helper = id;
    program.requires_helper_name = *name;
    return;
  }
  std::string hint = helper_id("bpf_" + *name) ? fmt::format("did you mean 'bpf_{}'?", *name)
                                               : did_you_mean(*name, helper_names());
  r.error(f, fmt::format("unknown helper '{}'", *name),
          fmt::format("{}{}name a helper as in bpf_helpers.h (e.g. bpf_loop) or give its "
                      "numeric id",
                      hint, hint.empty() ? "" : " "));
}

VariantProgram read_variant_program(YamlReader& r, const YAML::Node& item,
                                    std::map<std::string, Placement>& placed,
                                    const std::string& group) {
  r.check_keys(item, {"name", "requires_helper", "probe"});
  VariantProgram program;
  if (auto name = find_field(item, "name")) {
    if (auto text = read_name(r, *name, "program name", 64)) {
      program.name = *text;
      int line = name->value.Mark().line + 1;
      auto [it, fresh] = placed.emplace(*text, Placement{group, line});
      if (!fresh) {
        r.error(*name,
                it->second.group == group
                    ? fmt::format("program '{}' is listed twice in group '{}'", *text, group)
                    : fmt::format("program '{}' is already in group '{}'", *text, it->second.group),
                fmt::format("a program may appear once, in one group (first on line {})",
                            it->second.line));
      }
    }
  } else {
    r.error(item, "variant entry has no 'name'", "add 'name:' with the program's name");
  }
  if (auto f = find_field(item, "requires_helper")) read_requires_helper(r, *f, program);
  if (auto f = find_field(item, "probe")) {
    program.trial_load = read_word(r, *f, "probe", {"trial_load"}).has_value();
  }
  return program;
}

void read_group(YamlReader& r, const YAML::Node& item, UniqueNames& groups,
                std::map<std::string, Placement>& placed, Manifest& m) {
  r.check_keys(item, {"group", "programs"});
  ProgramVariantGroup group;
  if (auto f = find_field(item, "group")) {
    if (auto name = read_name(r, *f, "group name", 64)) {
      groups.add(r, *f, *name);
      group.group = *name;
    }
  } else {
    r.error(item, "variant group has no 'group'", "add 'group:' naming the choice");
  }
  ContextScope scope(r, fmt::format("group '{}'", group.group));
  auto programs = find_field(item, "programs");
  const std::string example = "- name: recv_batch_loop";
  if (!programs) {
    r.error(item, fmt::format("group '{}' has no 'programs'", group.group),
            "list the alternatives in priority order under 'programs:'");
  } else if (expect_list(r, *programs, example)) {
    if (programs->value.size() == 0) {
      r.error(*programs, fmt::format("group '{}' has no programs", group.group),
              "list at least one program");
    }
    std::size_t index = 0;
    for (const auto& p : programs->value) {
      if (!expect_item_map(r, p, *programs, index++, example)) continue;
      group.programs.push_back(read_variant_program(r, p, placed, group.group));
    }
  }
  m.program_variants.push_back(std::move(group));
}

}  // namespace

void read_program_variants(YamlReader& r, const Field& list, Manifest& m) {
  const std::string example = "- group: batch_recv";
  if (!expect_list(r, list, example)) return;
  UniqueNames groups("variant group");
  std::map<std::string, Placement> placed;
  std::size_t index = 0;
  for (const auto& item : list.value) {
    if (!expect_item_map(r, item, list, index++, example)) continue;
    read_group(r, item, groups, placed, m);
  }
}

}  // namespace bpfcompat::config
