// What the programs' instructions use, on the examples' and tests/data/inspect's real objects.
#include <gtest/gtest.h>

#include "bpfcompat/inspect/object_facts.h"
#include "example_objects.h"

namespace bpfcompat::inspect {
namespace {

using testing::example_object;
using testing::find_helper;
using testing::find_program;
using testing::read_path;
using testing::test_object;
using Names = std::vector<std::string>;

TEST(ProgramCode, BpfLoopCallsTheHelperWithItsCallback) {
  auto f = read_path(example_object("bpf_loop"));
  const ProgramFacts* p = find_program(f, "loop_on_exec");
  ASSERT_NE(p, nullptr);
  const HelperCall* loop = find_helper(p->code, "bpf_loop");
  ASSERT_NE(loop, nullptr);
  EXPECT_EQ(loop->id, 181);
  EXPECT_EQ(loop->calls, 1u);
  EXPECT_FALSE(loop->gpl_only);
  EXPECT_EQ(p->code.callbacks, Names{"add_index"});
  EXPECT_EQ(p->code.subprograms, Names{"add_index"});  // loaded with it
  EXPECT_EQ(p->code.global_data, Names{".bss"});
  EXPECT_FALSE(p->code.tail_calls);
  EXPECT_GT(p->code.instructions, 0u);
  EXPECT_GT(p->code.total_instructions, p->code.instructions);
  EXPECT_EQ(f.license, "GPL");
}

TEST(ProgramCode, KfuncCallsAreTheExternFunctionsCalled) {
  auto f = read_path(example_object("kfunc_7x"));
  const ProgramFacts* p = find_program(f, "measure");
  ASSERT_NE(p, nullptr);
  ASSERT_EQ(p->code.kfuncs.size(), 1u);
  EXPECT_EQ(p->code.kfuncs[0].name, "bpf_strlen");
  EXPECT_FALSE(p->code.kfuncs[0].weak);
  EXPECT_TRUE(p->code.helpers.empty());  // a kfunc call is not a helper call

  auto iter = read_path(example_object("iter_num"));
  ASSERT_EQ(iter.programs.size(), 1u);
  Names names;
  for (const auto& k : iter.programs[0].code.kfuncs) names.push_back(k.name);
  EXPECT_EQ(names, (Names{"bpf_iter_num_new", "bpf_iter_num_next", "bpf_iter_num_destroy"}));
}

TEST(ProgramCode, TailCallsMapsAndFirstIsNotInheritedBySiblings) {
  auto f = read_path(test_object("maps_and_calls"));
  const ProgramFacts* dispatch = find_program(f, "dispatch");
  ASSERT_NE(dispatch, nullptr);
  EXPECT_TRUE(dispatch->code.tail_calls);
  const HelperCall* tail = find_helper(dispatch->code, "bpf_tail_call");
  ASSERT_NE(tail, nullptr);
  EXPECT_EQ(tail->id, 12);
  EXPECT_EQ(dispatch->code.maps, (Names{"pinned_counts", "jump_table"}));
  const ProgramFacts* target = find_program(f, "tail_target");
  ASSERT_NE(target, nullptr);
  EXPECT_FALSE(target->code.tail_calls);
  EXPECT_TRUE(target->code.helpers.empty());
  EXPECT_EQ(target->code.instructions, 2u);  // r0 = 0; exit
}

TEST(ProgramCode, SleepableWeakKfuncsAndGplOnlyHelpers) {
  auto f = read_path(test_object("maps_and_calls"));
  const ProgramFacts* p = find_program(f, "sleepy");
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(p->sleepable);
  EXPECT_FALSE(find_program(f, "dispatch")->sleepable);
  ASSERT_EQ(p->code.kfuncs.size(), 2u);
  EXPECT_EQ(p->code.kfuncs[0].name, "bpf_rcu_read_lock");
  EXPECT_TRUE(p->code.kfuncs[0].weak);
  const HelperCall* task = find_helper(p->code, "bpf_get_current_task");
  ASSERT_NE(task, nullptr);
  EXPECT_TRUE(task->gpl_only);
  EXPECT_FALSE(find_helper(p->code, "bpf_map_lookup_elem")->gpl_only);
  EXPECT_EQ(p->code.maps, Names{"outer"});
  EXPECT_EQ(f.license, "Dual BSD/GPL");
}

TEST(ProgramCode, SubprogramsByNameWithTheirInstructions) {
  auto f = read_path(example_object("xdp_dispatcher"));
  const ProgramFacts* p = find_program(f, "xdp_dispatcher");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->code.subprograms, (Names{"slot0", "slot1", "slot2", "slot3"}));
  EXPECT_TRUE(p->code.callbacks.empty());
  EXPECT_EQ(p->code.global_data, Names{".rodata"});
  EXPECT_GT(p->code.total_instructions, p->code.instructions);
  const ProgramFacts* pass = find_program(f, "xdp_pass");
  ASSERT_NE(pass, nullptr);
  EXPECT_TRUE(pass->code.subprograms.empty());
  EXPECT_EQ(pass->code.total_instructions, pass->code.instructions);
}

TEST(ProgramCode, HelpersOfSubprogramsCountForTheProgram) {
  auto f = read_path(test_object("normal"));  // its programs call bump(), a static function
  const ProgramFacts* p = find_program(f, "on_unlink");
  ASSERT_NE(p, nullptr);
  EXPECT_NE(find_helper(p->code, "bpf_map_lookup_elem"), nullptr);
  EXPECT_NE(find_helper(p->code, "bpf_map_update_elem"), nullptr);
  EXPECT_EQ(p->code.maps, Names{"counts"});
}

TEST(ProgramCode, ReadFromTheElfWhenLibbpfRefusesTheObject) {
  auto f = read_path(test_object("no_btf"));
  ASSERT_FALSE(f.opened());
  ASSERT_EQ(f.programs.size(), 1u);
  EXPECT_NE(find_helper(f.programs[0].code, "bpf_map_update_elem"), nullptr);
  EXPECT_GT(f.programs[0].code.instructions, 0u);
}

}  // namespace
}  // namespace bpfcompat::inspect
