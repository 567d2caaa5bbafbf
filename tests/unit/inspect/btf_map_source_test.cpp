#include "btf_map_source.h"

#include <gtest/gtest.h>

namespace bpfcompat::inspect {
namespace {

TEST(BtfMapSource, FourAndEightByteKeysAndValuesAreTyped) {
  LegacyMapDef m{"counts", 1, "hash", 4, 8, 1024, 0};
  EXPECT_EQ(btf_map_source(m),
            "struct {\n"
            "    __uint(type, BPF_MAP_TYPE_HASH);\n"
            "    __uint(max_entries, 1024);\n"
            "    __type(key, __u32);\n"
            "    __type(value, __u64);\n"
            "} counts SEC(\".maps\");");
}

TEST(BtfMapSource, OtherSizesFlagsAndUnknownTypes) {
  LegacyMapDef m{"events", 99, "", 12, 16, 8, 1};
  EXPECT_EQ(btf_map_source(m),
            "struct {\n"
            "    __uint(type, 99);\n"
            "    __uint(max_entries, 8);\n"
            "    __uint(key_size, 12);\n"
            "    __uint(value_size, 16);\n"
            "    __uint(map_flags, 0x1);\n"
            "} events SEC(\".maps\");");
}

TEST(BtfMapSource, TypeNameUppercased) {
  LegacyMapDef m{"per_cpu", 6, "percpu_array", 4, 4, 1, 0};
  EXPECT_NE(btf_map_source(m).find("__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);"), std::string::npos);
}

}  // namespace
}  // namespace bpfcompat::inspect
