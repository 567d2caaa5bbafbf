// read_object on the objects tests/data/inspect/*.bpf.c builds into BPFCOMPAT_INSPECT_OBJECTS.
#include "bpfcompat/inspect/object_facts.h"

#include <bpf/libbpf.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>

namespace bpfcompat::inspect {
namespace {

std::string object(const std::string& name) {
  return std::string(BPFCOMPAT_INSPECT_OBJECTS) + "/" + name + ".bpf.o";
}

ObjectFacts read(const std::string& name) {
  auto facts = read_object(object(name));
  EXPECT_TRUE(facts) << facts.error().describe();
  return facts ? *facts : ObjectFacts{};
}

const MapFacts* find_map(const ObjectFacts& f, const std::string& name) {
  auto it =
      std::find_if(f.maps.begin(), f.maps.end(), [&](const auto& m) { return m.name == name; });
  return it == f.maps.end() ? nullptr : &*it;
}

bool any_message_has(const ObjectFacts& f, const std::string& text) {
  return std::any_of(f.libbpf_messages.begin(), f.libbpf_messages.end(),
                     [&](const auto& m) { return m.find(text) != std::string::npos; });
}

TEST(ReadObject, NormalObjectProgramsFieldByField) {
  auto f = read("normal");
  EXPECT_TRUE(f.opened()) << f.open_error;
  EXPECT_EQ(f.path, object("normal"));
  ASSERT_EQ(f.programs.size(), 4u);

  const auto& kprobe = f.programs[0];
  EXPECT_EQ(kprobe.name, "on_unlink");
  EXPECT_EQ(kprobe.section, "kprobe/do_unlinkat");
  EXPECT_EQ(kprobe.prog_type, BPF_PROG_TYPE_KPROBE);
  EXPECT_EQ(kprobe.prog_type_name, "kprobe");
  EXPECT_EQ(kprobe.attach.kind, AttachKind::kKprobe);
  EXPECT_EQ(kprobe.attach.function, "do_unlinkat");
  EXPECT_TRUE(kprobe.autoload);

  const auto& fentry = f.programs[1];
  EXPECT_EQ(fentry.name, "on_read");
  EXPECT_EQ(fentry.section, "fentry/vfs_read");
  EXPECT_EQ(fentry.prog_type, BPF_PROG_TYPE_TRACING);
  EXPECT_EQ(fentry.prog_type_name, "tracing");
  EXPECT_EQ(fentry.expected_attach_type, BPF_TRACE_FENTRY);
  EXPECT_EQ(fentry.expected_attach_type_name, "trace_fentry");
  EXPECT_EQ(fentry.attach.kind, AttachKind::kFentry);
  EXPECT_EQ(fentry.attach.function, "vfs_read");
  EXPECT_TRUE(fentry.autoload);

  const auto& tp = f.programs[2];
  EXPECT_EQ(tp.name, "on_execve");
  EXPECT_EQ(tp.section, "tracepoint/syscalls/sys_enter_execve");
  EXPECT_EQ(tp.prog_type, BPF_PROG_TYPE_TRACEPOINT);
  EXPECT_EQ(tp.attach.kind, AttachKind::kTracepoint);
  EXPECT_EQ(tp.attach.category, "syscalls");
  EXPECT_EQ(tp.attach.name, "sys_enter_execve");
  EXPECT_TRUE(tp.autoload);

  const auto& fexit = f.programs[3];  // SEC("?fexit/vfs_write")
  EXPECT_EQ(fexit.name, "after_write");
  EXPECT_EQ(fexit.section, "fexit/vfs_write");
  EXPECT_EQ(fexit.expected_attach_type, BPF_TRACE_FEXIT);
  EXPECT_EQ(fexit.attach.kind, AttachKind::kFexit);
  EXPECT_FALSE(fexit.autoload);
}

TEST(ReadObject, NormalObjectMapsAndBtf) {
  auto f = read("normal");
  EXPECT_TRUE(f.has_btf);
  EXPECT_TRUE(f.has_btf_ext);
  EXPECT_TRUE(f.legacy_maps.empty());
  ASSERT_EQ(f.maps.size(), 2u);
  const MapFacts* counts = find_map(f, "counts");
  ASSERT_NE(counts, nullptr);
  EXPECT_EQ(counts->type, BPF_MAP_TYPE_HASH);
  EXPECT_EQ(counts->type_name, "hash");
  EXPECT_EQ(counts->key_size, 4u);
  EXPECT_EQ(counts->value_size, 8u);
  EXPECT_EQ(counts->max_entries, 1024u);
  EXPECT_FALSE(counts->internal);
  const MapFacts* slots = find_map(f, "slots");
  ASSERT_NE(slots, nullptr);
  EXPECT_EQ(slots->type, BPF_MAP_TYPE_ARRAY);
  EXPECT_EQ(slots->type_name, "array");
  EXPECT_EQ(slots->key_size, 4u);
  EXPECT_EQ(slots->value_size, 16u);
  EXPECT_EQ(slots->max_entries, 4u);
}

TEST(ReadObject, ObjectWithoutPrograms) {
  auto f = read("no_programs");
  EXPECT_TRUE(f.opened()) << f.open_error;
  EXPECT_TRUE(f.programs.empty());
  ASSERT_EQ(f.maps.size(), 1u);
  EXPECT_EQ(f.maps[0].name, "lonely");
}

TEST(ReadObject, CustomSectionHasNoProgramType) {
  auto f = read("custom_section");
  ASSERT_EQ(f.programs.size(), 2u);
  EXPECT_EQ(f.programs[0].name, "legacy_filter");
  EXPECT_EQ(f.programs[0].section, "my_filter");
  EXPECT_EQ(f.programs[0].prog_type, BPF_PROG_TYPE_UNSPEC);
  EXPECT_EQ(f.programs[0].attach.kind, AttachKind::kNone);
  EXPECT_EQ(f.programs[1].name, "typed_filter");
  EXPECT_EQ(f.programs[1].prog_type, BPF_PROG_TYPE_SOCKET_FILTER);
}

TEST(ReadObject, WithoutBtfKeepsElfFactsAndOpenError) {
  auto f = read("no_btf");
  EXPECT_FALSE(f.has_btf);
  EXPECT_FALSE(f.opened());
  EXPECT_NE(f.open_error.find("BTF is required"), std::string::npos) << f.open_error;
  ASSERT_EQ(f.programs.size(), 1u);
  EXPECT_EQ(f.programs[0].name, "on_exec");
  EXPECT_EQ(f.programs[0].section, "tracepoint/sched/sched_process_exec");
  EXPECT_EQ(f.programs[0].prog_type, BPF_PROG_TYPE_TRACEPOINT);
  EXPECT_EQ(f.programs[0].attach.name, "sched_process_exec");
  EXPECT_TRUE(f.maps.empty());
}

TEST(ReadObject, LegacyMapsFromTheSymbolTable) {
  auto f = read("legacy_maps");
  EXPECT_FALSE(f.opened());
  EXPECT_NE(f.open_error.find("legacy map definitions"), std::string::npos) << f.open_error;
  ASSERT_EQ(f.legacy_maps.size(), 2u);
  const auto& counts = f.legacy_maps[0];
  EXPECT_EQ(counts.name, "counts");
  EXPECT_EQ(counts.type, BPF_MAP_TYPE_HASH);
  EXPECT_EQ(counts.type_name, "hash");
  EXPECT_EQ(counts.key_size, 4u);
  EXPECT_EQ(counts.value_size, 8u);
  EXPECT_EQ(counts.max_entries, 1024u);
  EXPECT_EQ(counts.map_flags, 0u);
  const auto& events = f.legacy_maps[1];
  EXPECT_EQ(events.name, "events");
  EXPECT_EQ(events.type, BPF_MAP_TYPE_PERCPU_ARRAY);
  EXPECT_EQ(events.type_name, "percpu_array");
  EXPECT_EQ(events.value_size, 16u);
  EXPECT_EQ(events.max_entries, 8u);
  ASSERT_EQ(f.programs.size(), 1u);
  EXPECT_EQ(f.programs[0].name, "on_unlink");
  EXPECT_EQ(f.programs[0].prog_type, BPF_PROG_TYPE_KPROBE);
  EXPECT_EQ(f.programs[0].attach.function, "do_unlinkat");
}

int g_outer_calls = 0;
int outer_print(enum libbpf_print_level, const char*, va_list) {
  ++g_outer_calls;
  return 0;
}

TEST(ReadObject, CapturesLibbpfMessagesAndRestoresThePreviousCallback) {
  auto before = libbpf_set_print(outer_print);
  g_outer_calls = 0;
  auto f = read("legacy_maps");
  EXPECT_EQ(g_outer_calls, 0);
  EXPECT_TRUE(any_message_has(f, "legacy map definitions"));
  EXPECT_EQ(libbpf_set_print(before), &outer_print);
}

TEST(ReadObject, ConcurrentReadsKeepTheirOwnMessages) {
  ObjectFacts legacy, no_btf;
  std::thread a([&] {
    for (int i = 0; i < 20; ++i) legacy = read("legacy_maps");
  });
  std::thread b([&] {
    for (int i = 0; i < 20; ++i) no_btf = read("no_btf");
  });
  a.join();
  b.join();
  EXPECT_TRUE(any_message_has(legacy, "legacy map definitions"));
  EXPECT_FALSE(any_message_has(legacy, "BTF is required"));
  EXPECT_TRUE(any_message_has(no_btf, "BTF is required"));
  EXPECT_FALSE(any_message_has(no_btf, "legacy map definitions"));
}

TEST(ReadObject, ErrorsForMissingNonElfAndNonBpfFiles) {
  auto missing = read_object("/nonexistent/x.bpf.o");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::kInvalidInput);
  EXPECT_NE(missing.error().message.find("/nonexistent/x.bpf.o"), std::string::npos);

  auto text = std::filesystem::temp_directory_path() / "inspect_read_object_text.bpf.o";
  std::ofstream(text) << "not an object\n";
  auto not_elf = read_object(text.string());
  std::filesystem::remove(text);
  ASSERT_FALSE(not_elf);
  EXPECT_NE(not_elf.error().message.find("not an ELF file"), std::string::npos);

  auto host_elf = read_object("/proc/self/exe");
  ASSERT_FALSE(host_elf);
  EXPECT_NE(host_elf.error().message.find("not for BPF"), std::string::npos);
}

}  // namespace
}  // namespace bpfcompat::inspect
