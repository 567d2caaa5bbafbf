// check_input on hand-made facts (one finding each) and on the built test objects.
#include "bpfcompat/inspect/input_check.h"

#include <gtest/gtest.h>

namespace bpfcompat::inspect {
namespace {

ProgramFacts typed(const std::string& name, const std::string& section) {
  ProgramFacts p;
  p.name = name;
  p.section = section;
  p.prog_type = 2;  // kprobe
  return p;
}

ProgramFacts untyped(const std::string& name, const std::string& section) {
  ProgramFacts p = typed(name, section);
  p.prog_type = 0;
  return p;
}

ObjectFacts good() {
  ObjectFacts f;
  f.path = "dir/x.bpf.o";
  f.has_btf = true;
  f.programs.push_back(typed("on_unlink", "kprobe/do_unlinkat"));
  return f;
}

Error finding(const ObjectFacts& f, const InputRules& rules = {}) {
  auto r = check_input(f, rules);
  EXPECT_FALSE(r) << "expected a finding";
  return r ? Error{} : r.error();
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(CheckInput, GoodObjectPasses) {
  EXPECT_TRUE(check_input(good(), {}));
}

TEST(CheckInput, OpenedObjectWithoutBtfPasses) {
  auto f = good();
  f.has_btf = false;  // no BTF maps: libbpf opens it, the kernel may load it
  EXPECT_TRUE(check_input(f, {}));
}

TEST(CheckInput, NoPrograms) {
  auto f = good();
  f.programs.clear();
  auto e = finding(f);
  EXPECT_EQ(e.kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(e.message, "dir/x.bpf.o: has no BPF programs");
  EXPECT_TRUE(has(e.hint, "SEC(\"tracepoint/syscalls/sys_enter_execve\")")) << e.hint;
}

TEST(CheckInput, NoBtfThatLibbpfCannotOpen) {
  auto f = good();
  f.has_btf = false;
  f.open_error = "BTF is required, but is missing or corrupted.";
  auto e = finding(f);
  EXPECT_TRUE(has(e.message, "dir/x.bpf.o: built without BTF")) << e.message;
  EXPECT_TRUE(has(e.message, "BTF is required")) << e.message;
  EXPECT_EQ(e.hint, "rebuild with -g (clang -O2 -g -target bpf ...)");
}

TEST(CheckInput, UntypedSection) {
  auto f = good();
  f.programs.push_back(untyped("legacy_filter", "my_filter"));
  auto e = finding(f);
  EXPECT_EQ(e.message,
            "dir/x.bpf.o: section 'my_filter' (program 'legacy_filter') names no "
            "program type");
  EXPECT_TRUE(has(e.hint, "program_types: [{program: legacy_filter, type: ...}]")) << e.hint;
}

TEST(CheckInput, ManifestTypeByProgramOrSectionSilencesUntypedSection) {
  auto f = good();
  f.programs.push_back(untyped("legacy_filter", "my_filter"));
  EXPECT_TRUE(check_input(f, {{"legacy_filter"}}));
  EXPECT_TRUE(check_input(f, {{"my_filter"}}));
  EXPECT_FALSE(check_input(f, {{"on_unlink"}}));
}

TEST(CheckInput, LegacyMapsNamedWithTheirReplacement) {
  auto f = good();
  f.open_error = "elf: legacy map definitions in 'maps' section are not supported by libbpf v1.0+";
  f.legacy_maps.push_back({"counts", 1, "hash", 4, 8, 1024, 0});
  f.legacy_maps.push_back({"events", 6, "percpu_array", 4, 16, 8, 0});
  auto e = finding(f);
  EXPECT_TRUE(has(e.message, "dir/x.bpf.o: legacy SEC(\"maps\") map definitions (counts, events)"))
      << e.message;
  EXPECT_TRUE(has(e.hint, "__uint(type, BPF_MAP_TYPE_HASH);")) << e.hint;
  EXPECT_TRUE(has(e.hint, "} counts SEC(\".maps\");")) << e.hint;
  EXPECT_TRUE(has(e.hint, "__uint(value_size, 16);")) << e.hint;
  EXPECT_TRUE(has(e.hint, "} events SEC(\".maps\");")) << e.hint;
  EXPECT_FALSE(has(e.message, "libbpf cannot open it")) << "the legacy finding explains it";
}

TEST(CheckInput, OtherOpenFailureShowsLibbpfsMessage) {
  auto f = good();
  f.open_error = "elf: failed to open dir/x.bpf.o: bad relocation";
  auto e = finding(f);
  EXPECT_EQ(e.message,
            "dir/x.bpf.o: libbpf cannot open it: elf: failed to open dir/x.bpf.o: bad "
            "relocation");
  EXPECT_TRUE(has(e.hint, "current clang and libbpf")) << e.hint;
}

TEST(CheckInput, SeveralFindingsInOneError) {
  auto f = good();
  f.programs = {untyped("a", "sec_a"), untyped("b", "sec_b")};
  f.has_btf = false;
  f.open_error = "BTF is required, but is missing or corrupted.";
  auto e = finding(f);
  EXPECT_TRUE(has(e.message, "dir/x.bpf.o: 3 problems:")) << e.message;
  EXPECT_TRUE(has(e.message, "\n  1. built without BTF")) << e.message;
  EXPECT_TRUE(has(e.message, "\n  2. section 'sec_a' (program 'a')")) << e.message;
  EXPECT_TRUE(has(e.message, "\n  3. section 'sec_b' (program 'b')")) << e.message;
  EXPECT_TRUE(has(e.hint, "1. rebuild with -g")) << e.hint;
  EXPECT_TRUE(has(e.hint, "\n3. set it in the manifest's program_types: [{program: b,")) << e.hint;
}

std::string object(const std::string& name) {
  return std::string(BPFCOMPAT_INSPECT_OBJECTS) + "/" + name + ".bpf.o";
}

Result<void> check_object(const std::string& name, const InputRules& rules = {}) {
  auto facts = read_object(object(name));
  if (!facts) return std::move(facts).error();
  return check_input(*facts, rules);
}

TEST(CheckInput, BuiltObjects) {
  EXPECT_TRUE(check_object("normal"));
  auto none = check_object("no_programs");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().message, object("no_programs") + ": has no BPF programs");
  auto no_btf = check_object("no_btf");
  ASSERT_FALSE(no_btf);
  EXPECT_TRUE(has(no_btf.error().hint, "rebuild with -g")) << no_btf.error().hint;
  auto custom = check_object("custom_section");
  ASSERT_FALSE(custom);
  EXPECT_TRUE(has(custom.error().message, "section 'my_filter' (program 'legacy_filter')"));
  EXPECT_TRUE(check_object("custom_section", {{"legacy_filter"}}));
  auto legacy = check_object("legacy_maps");
  ASSERT_FALSE(legacy);
  EXPECT_TRUE(has(legacy.error().message, "(counts, events)")) << legacy.error().message;
}

}  // namespace
}  // namespace bpfcompat::inspect
