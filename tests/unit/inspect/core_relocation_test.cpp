// CO-RE relocations read from .BTF.ext and resolved against the object's BTF.
#include "bpfcompat/inspect/core_relocation.h"

#include <gtest/gtest.h>

#include <cstring>

#include "core_relocations.h"
#include "example_objects.h"

namespace bpfcompat::inspect {
namespace {

using testing::example_object;
using testing::read_path;
using testing::test_object;

const CoreRelocation* find(const ObjectFacts& f, CoreReloKind kind, const std::string& field) {
  for (const auto& r : f.core_relocations) {
    if (r.kind == kind && r.field == field) return &r;
  }
  return nullptr;
}

TEST(CoreRelocations, FieldReadsExistenceChecksAndFlavours) {
  auto f = read_path(example_object("core_field_present"));
  EXPECT_TRUE(f.core_error.empty()) << f.core_error;
  ASSERT_EQ(f.core_relocations.size(), 5u);

  const CoreRelocation* pid = find(f, CoreReloKind::kFieldByteOffset, "pid");
  ASSERT_NE(pid, nullptr);
  EXPECT_EQ(pid->root_type, "struct task_struct");
  EXPECT_EQ(pid->local_type, "struct task_struct");
  EXPECT_EQ(pid->section, "tp/sched/sched_process_exec");
  EXPECT_EQ(pid->program, "read_task");
  EXPECT_EQ(pid->access.substr(0, 2), "0:");
  EXPECT_FALSE(pid->guarded);

  const CoreRelocation* exists = find(f, CoreReloKind::kFieldExists, "__state");
  ASSERT_NE(exists, nullptr);
  EXPECT_TRUE(exists->guarded);  // an existence check never fails a load
  const CoreRelocation* state = find(f, CoreReloKind::kFieldByteOffset, "__state");
  ASSERT_NE(state, nullptr);
  EXPECT_TRUE(state->guarded);  // the object checks task_struct.__state exists

  const CoreRelocation* old = find(f, CoreReloKind::kFieldByteOffset, "state");
  ASSERT_NE(old, nullptr);
  EXPECT_EQ(old->local_type, "struct task_struct___pre514");
  EXPECT_EQ(old->root_type, "struct task_struct");
  EXPECT_FALSE(old->guarded);  // no check names task_struct.state: the rule is that simple
}

TEST(CoreRelocations, AnUncheckedReadOfAFlavouredType) {
  auto f = read_path(example_object("core_field_missing"));
  const CoreRelocation* r = find(f, CoreReloKind::kFieldByteOffset, "bpfcompat_no_such_field");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->root_type, "struct task_struct");
  EXPECT_EQ(r->local_type, "struct task_struct___missing");
  EXPECT_EQ(r->program, "read_missing");
  EXPECT_FALSE(r->guarded);
}

TEST(CoreRelocations, NestedFieldsTypesAndEnumerators) {
  auto f = read_path(test_object("core_kinds"));
  ASSERT_EQ(f.core_relocations.size(), 6u);
  const CoreRelocation* nested = find(f, CoreReloKind::kFieldByteOffset, "in.vals[2]");
  ASSERT_NE(nested, nullptr);
  EXPECT_EQ(nested->access, "0:1:0:2");
  EXPECT_EQ(nested->root_type, "struct bpfcompat_outer");
  EXPECT_TRUE(nested->guarded);  // the object checks bpf_core_type_exists(struct bpfcompat_outer)
  const CoreRelocation* type = find(f, CoreReloKind::kTypeExists, "");
  ASSERT_NE(type, nullptr);
  EXPECT_EQ(type->root_type, "struct bpfcompat_outer");
  EXPECT_NE(find(f, CoreReloKind::kTypeSize, ""), nullptr);
  EXPECT_NE(find(f, CoreReloKind::kFieldByteSize, "a"), nullptr);
  const CoreRelocation* value = find(f, CoreReloKind::kEnumvalValue, "BPFCOMPAT_MODE_X");
  ASSERT_NE(value, nullptr);
  EXPECT_EQ(value->root_type, "enum bpfcompat_mode");
  EXPECT_EQ(value->access, "1");
  EXPECT_TRUE(value->guarded);  // bpf_core_enum_value_exists on the same enumerator
  EXPECT_NE(find(f, CoreReloKind::kEnumvalExists, "BPFCOMPAT_MODE_X"), nullptr);
}

TEST(CoreRelocations, NoneWithoutBtfExt) {
  auto f = read_path(test_object("no_btf"));
  EXPECT_TRUE(f.core_relocations.empty());
  EXPECT_TRUE(f.core_error.empty());
}

TEST(CoreRelocations, KindNamesAndExistenceChecks) {
  EXPECT_EQ(core_relo_kind_name(CoreReloKind::kFieldByteOffset), "FIELD_BYTE_OFFSET");
  EXPECT_EQ(core_relo_kind_name(CoreReloKind::kEnumvalExists), "ENUMVAL_EXISTS");
  EXPECT_EQ(core_relo_kind_name(CoreReloKind::kTypeMatches), "TYPE_MATCHES");
  EXPECT_EQ(core_relo_kind_name(static_cast<CoreReloKind>(99)), "UNKNOWN");
  EXPECT_TRUE(is_existence_check(CoreReloKind::kFieldExists));
  EXPECT_TRUE(is_existence_check(CoreReloKind::kTypeExists));
  EXPECT_TRUE(is_existence_check(CoreReloKind::kTypeMatches));
  EXPECT_TRUE(is_existence_check(CoreReloKind::kEnumvalExists));
  EXPECT_FALSE(is_existence_check(CoreReloKind::kFieldByteOffset));
  EXPECT_FALSE(is_existence_check(CoreReloKind::kEnumvalValue));
}

}  // namespace
}  // namespace bpfcompat::inspect

namespace bpfcompat::inspect {
namespace {

// struct btf_ext_header with a core_relo subsection at `core_off`, `core_len` bytes long.
std::string ext_header(std::uint16_t magic, std::uint32_t core_off, std::uint32_t core_len) {
  std::string h(32, '\0');
  std::memcpy(h.data(), &magic, 2);
  h[2] = 1;  // version
  std::uint32_t hdr_len = 32;
  std::memcpy(h.data() + 4, &hdr_len, 4);
  std::memcpy(h.data() + 24, &core_off, 4);
  std::memcpy(h.data() + 28, &core_len, 4);
  return h;
}

TEST(ReadCoreRelocations, MalformedBtfExtIsAnErrorNotACrash) {
  ElfCode code;
  auto bad_magic = read_core_relocations("", ext_header(0x1234, 0, 0), code);
  EXPECT_NE(bad_magic.error.find("bad header"), std::string::npos) << bad_magic.error;
  auto past_end = read_core_relocations("", ext_header(0xeB9F, 0, 4096), code);
  EXPECT_NE(past_end.error.find("past the end"), std::string::npos) << past_end.error;
  EXPECT_TRUE(past_end.relocations.empty());
  auto none = read_core_relocations("", ext_header(0xeB9F, 0, 0), code);
  EXPECT_EQ(none.error, "");
  EXPECT_TRUE(read_core_relocations("", "", code).error.empty());
}

}  // namespace
}  // namespace bpfcompat::inspect
