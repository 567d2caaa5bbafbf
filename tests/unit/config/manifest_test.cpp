#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "bpfcompat/config/manifest.h"

namespace bpfcompat::config {
namespace {

const std::string kDir = BPFCOMPAT_TEST_DATA "/config/manifests";

Manifest load_ok(const std::string& file) {
  auto m = load_manifest(kDir + "/" + file);
  EXPECT_TRUE(m) << (m ? "" : m.error().message);
  return m ? *m : Manifest{};
}

TEST(Manifest, ParsesTheReferenceExample) {
  Manifest m = load_ok("reference_example.yaml");
  EXPECT_EQ(m.path, kDir + "/reference_example.yaml");
  EXPECT_EQ(m.name, "exec-tracer");

  ASSERT_EQ(m.programs.size(), 1u);
  const ManifestProgram& p = m.programs[0];
  EXPECT_EQ(p.name, "on_exec");
  EXPECT_EQ(p.section, "tracepoint/syscalls/sys_enter_execve");
  EXPECT_EQ(p.type, "tracepoint");
  EXPECT_EQ(p.attach.kind, "tracepoint");
  EXPECT_EQ(p.attach.category, "syscalls");
  EXPECT_EQ(p.attach.name, "sys_enter_execve");
  EXPECT_EQ(p.attach.required, true);
  EXPECT_EQ(m.required_profiles, std::vector<std::string>{"ubuntu-22.04-5.15"});

  ASSERT_EQ(m.maps.size(), 3u);
  EXPECT_EQ(m.maps[0].name, "percpu_scratch");
  EXPECT_TRUE(m.maps[0].max_entries_cpus);
  EXPECT_FALSE(m.maps[0].max_entries);
  EXPECT_TRUE(m.maps[1].max_entries_cpus);
  EXPECT_EQ(m.maps[1].inner_ringbuf_bytes, 4194304u);
  ASSERT_TRUE(m.maps[2].inner_map);
  EXPECT_EQ(m.maps[2].inner_map->type, "hash");
  EXPECT_EQ(m.maps[2].inner_map->key_size, 4u);
  EXPECT_EQ(m.maps[2].inner_map->value_size, 4u);
  EXPECT_EQ(m.maps[2].inner_map->max_entries, 64u);
  EXPECT_FALSE(m.maps[2].max_entries_cpus);

  ASSERT_EQ(m.program_types.size(), 1u);
  EXPECT_EQ(m.program_types[0].program, "socket1");
  EXPECT_EQ(m.program_types[0].type, "socket_filter");

  ASSERT_EQ(m.program_variants.size(), 2u);
  const ProgramVariantGroup& batch = m.program_variants[0];
  EXPECT_EQ(batch.group, "batch_recv");
  ASSERT_EQ(batch.programs.size(), 2u);
  EXPECT_EQ(batch.programs[0].name, "recv_batch_loop");
  EXPECT_EQ(batch.programs[0].requires_helper, 181);
  EXPECT_EQ(batch.programs[0].requires_helper_name, "bpf_loop");
  EXPECT_EQ(batch.programs[1].name, "recv_batch_legacy");
  EXPECT_EQ(batch.programs[1].requires_helper, 0);
  EXPECT_TRUE(m.program_variants[1].programs[0].trial_load);
  EXPECT_EQ(m.probe_companions, std::vector<std::string>{"tail_dispatch_0"});

  ASSERT_EQ(m.functional_tests.size(), 1u);
  const FunctionalTest& t = m.functional_tests[0];
  EXPECT_EQ(t.name, "exec-event-seen");
  EXPECT_EQ(t.command.rfind("sh -c 'T=/sys/kernel/tracing;", 0), 0u);
  EXPECT_EQ(t.timeout.count(), 8);
  EXPECT_EQ(t.expect_exit_code, 0);
  EXPECT_EQ(t.expect_stdout_contains, "marker");
  EXPECT_TRUE(t.required);
}

TEST(Manifest, ParsesEveryFieldWithDefaults) {
  Manifest m = load_ok("full.yaml");
  ASSERT_EQ(m.programs.size(), 3u);
  EXPECT_EQ(m.programs[0].attach.required, false);
  EXPECT_EQ(m.programs[1].attach.symbol, "do_sys_openat2");
  EXPECT_FALSE(m.programs[1].attach.required);
  EXPECT_EQ(m.programs[2].attach.kind, "");

  ASSERT_EQ(m.maps.size(), 4u);
  EXPECT_EQ(m.maps[0].name, ".rodata.cfg");
  EXPECT_EQ(m.maps[0].max_entries, 1024u);
  EXPECT_FALSE(m.maps[0].value_size);
  EXPECT_EQ(m.maps[1].inner_ringbuf_bytes, 65536u);
  EXPECT_FALSE(m.maps[1].max_entries);
  EXPECT_EQ(m.maps[2].max_entries, 8u);
  EXPECT_EQ(m.maps[2].inner_map->type, "percpu_array");
  EXPECT_EQ(m.maps[2].inner_map->key_size, 0u);
  EXPECT_EQ(m.maps[2].inner_map->value_size, 16u);
  EXPECT_FALSE(m.maps[2].value_size);  // the inner map's, not the map's own
  EXPECT_EQ(m.maps[3].name, "stacks");
  EXPECT_EQ(m.maps[3].value_size, 1016u);  // value_size alone is enough
  EXPECT_FALSE(m.maps[3].max_entries);

  ASSERT_EQ(m.program_types.size(), 2u);
  EXPECT_EQ(m.program_types[0].program, "sk_skb/stream_verdict");
  EXPECT_EQ(m.program_types[1].program, "my-prog.v2");

  const auto& reader = m.program_variants.at(0).programs;
  ASSERT_EQ(reader.size(), 4u);
  EXPECT_EQ(reader[0].requires_helper, 158);
  EXPECT_EQ(reader[1].requires_helper, 113);
  EXPECT_EQ(reader[1].requires_helper_name, "113");
  EXPECT_EQ(reader[2].requires_helper, 131);
  EXPECT_TRUE(reader[2].trial_load);
  EXPECT_EQ(reader[3].requires_helper, 0);
  EXPECT_FALSE(reader[3].trial_load);

  EXPECT_EQ(m.probe_companions, (std::vector<std::string>{"tail_0", "tail_1"}));
  EXPECT_EQ(m.required_profiles, (std::vector<std::string>{"debian-12", "debian-13"}));

  ASSERT_EQ(m.functional_tests.size(), 2u);
  const FunctionalTest& defaults = m.functional_tests[0];
  EXPECT_TRUE(defaults.required);
  EXPECT_EQ(defaults.timeout.count(), 10);
  EXPECT_EQ(defaults.expect_exit_code, 0);
  EXPECT_EQ(defaults.expect_stdout_contains, "");
  const FunctionalTest& all = m.functional_tests[1];
  EXPECT_FALSE(all.required);
  EXPECT_EQ(all.timeout.count(), 300);
  EXPECT_EQ(all.expect_exit_code, 255);
  EXPECT_EQ(all.expect_stdout_contains, "Linux");
}

TEST(Manifest, AttachPolicyFollowsTheProgramsRequiredFlags) {
  Manifest m;
  EXPECT_FALSE(m.attach_required());
  EXPECT_TRUE(m.attach_optional_programs().empty());
  m.programs = {{"a", "", "", {}}, {"b", "", "", {}}, {"c", "", "", {}}};
  m.programs[1].attach.required = false;
  EXPECT_FALSE(m.attach_required());
  EXPECT_EQ(m.attach_optional_programs(), std::vector<std::string>{"b"});
  m.programs[2].attach.required = true;
  EXPECT_TRUE(m.attach_required());
  EXPECT_EQ(m.attach_optional_programs(), std::vector<std::string>{"b"});
}

TEST(Manifest, HelperIdFollowsTheKernelNumbering) {
  const std::vector<std::pair<std::string, int>> cases = {
      {"bpf_map_lookup_elem", 1},
      {"bpf_probe_read_user", 112},
      {"bpf_probe_read_kernel", 113},
      {"bpf_ktime_get_boot_ns", 125},
      {"bpf_ringbuf_output", 130},
      {"bpf_ringbuf_reserve", 131},
      {"bpf_get_current_task_btf", 158},
      {"bpf_for_each_map_elem", 164},
      {"bpf_snprintf", 165},
      {"bpf_find_vma", 180},
      {"bpf_loop", 181},
      {"bpf_strncmp", 182},
      {"bpf_user_ringbuf_drain", 209},
      {"bpf_cgrp_storage_delete", 211},
      {"loop", 0},
      {"bpf_unspec", 0},
      {"bpf_no_such_helper", 0},
      {"", 0},
  };
  for (const auto& [name, id] : cases) EXPECT_EQ(helper_id(name), id) << name;
}

}  // namespace
}  // namespace bpfcompat::config
