#include "bpfcompat/inspect/attach_point.h"

#include <gtest/gtest.h>

#include "bpfcompat/inspect/object_facts.h"

namespace bpfcompat::inspect {
namespace {

struct Case {
  const char* section;
  AttachKind kind;
  const char* function = "";
  const char* module = "";
  const char* category = "";
  const char* name = "";
  const char* binary = "";
};

TEST(ParseAttachPoint, SectionTable) {
  const Case cases[] = {
      {"kprobe/do_unlinkat", AttachKind::kKprobe, "do_unlinkat"},
      {"kprobe/tcp_v4_connect+0x10", AttachKind::kKprobe, "tcp_v4_connect"},
      {"?kretprobe/vfs_read", AttachKind::kKretprobe, "vfs_read"},
      {"kprobe", AttachKind::kKprobe},
      {"kprobe.multi/tcp_*", AttachKind::kKprobeMulti, "tcp_*"},
      {"kretprobe.multi/vfs_*", AttachKind::kKprobeMulti, "vfs_*"},
      {"ksyscall/openat", AttachKind::kKsyscall, "openat"},
      {"kretsyscall/execve", AttachKind::kKsyscall, "execve"},
      {"fentry/vfs_read", AttachKind::kFentry, "vfs_read"},
      {"fentry.s/bpf_fentry_test1", AttachKind::kFentry, "bpf_fentry_test1"},
      {"fentry/nf_conntrack:nf_confirm", AttachKind::kFentry, "nf_confirm", "nf_conntrack"},
      {"fexit/vfs_write", AttachKind::kFexit, "vfs_write"},
      {"fmod_ret/security_file_open", AttachKind::kFmodRet, "security_file_open"},
      {"tracepoint/syscalls/sys_enter_execve", AttachKind::kTracepoint, "", "", "syscalls",
       "sys_enter_execve"},
      {"tp/sched/sched_process_exec", AttachKind::kTracepoint, "", "", "sched",
       "sched_process_exec"},
      {"uprobe//usr/lib/libc.so.6:malloc", AttachKind::kUprobe, "malloc", "", "", "",
       "/usr/lib/libc.so.6"},
      {"uretprobe/bash:readline+4", AttachKind::kUretprobe, "readline", "", "", "", "bash"},
      {"uprobe", AttachKind::kUprobe},
      {"xdp", AttachKind::kNone},
      {"raw_tp/sched_switch", AttachKind::kNone},
      {"my_filter", AttachKind::kNone},
      {"kprobes/foo", AttachKind::kNone},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.section);
    auto p = parse_attach_point(c.section);
    EXPECT_EQ(p.kind, c.kind);
    EXPECT_EQ(p.function, c.function);
    EXPECT_EQ(p.module, c.module);
    EXPECT_EQ(p.category, c.category);
    EXPECT_EQ(p.name, c.name);
    EXPECT_EQ(p.binary, c.binary);
  }
}

ProgramFacts program(const std::string& section, bool autoload = true) {
  ProgramFacts p;
  p.section = section;
  p.attach = parse_attach_point(section);
  p.autoload = autoload;
  return p;
}

TEST(AttachTargets, KernelFunctionsOnceInProgramOrder) {
  ObjectFacts f;
  for (const char* s : {"fentry/vfs_read", "kprobe/do_unlinkat", "kretprobe/vfs_read",
                        "fexit/nf_conntrack:nf_confirm", "fmod_ret/security_file_open"}) {
    f.programs.push_back(program(s));
  }
  f.programs.push_back(program("kprobe/tcp_connect", /*autoload=*/false));
  EXPECT_EQ(attach_targets(f), (std::vector<std::string>{"vfs_read", "do_unlinkat", "nf_confirm",
                                                         "security_file_open", "tcp_connect"}));
}

TEST(AttachTargets, LeavesOutSyscallsPatternsTracepointsAndBareSections) {
  ObjectFacts f;
  for (const char* s : {"ksyscall/openat", "kprobe.multi/tcp_*", "tracepoint/sched/sched_switch",
                        "uprobe/bash:readline", "kprobe", "xdp"}) {
    f.programs.push_back(program(s));
  }
  EXPECT_TRUE(attach_targets(f).empty());
}

}  // namespace
}  // namespace bpfcompat::inspect
