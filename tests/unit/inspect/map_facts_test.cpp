// Map facts beyond type and sizes: flags, pinning, the inner map of a map-in-map, runtime sizing.
#include <gtest/gtest.h>
#include <linux/bpf.h>

#include <algorithm>

#include "example_objects.h"

namespace bpfcompat::inspect {
namespace {

using testing::example_object;
using testing::read_path;
using testing::test_object;

const MapFacts& map_named(const ObjectFacts& f, const std::string& name) {
  auto it =
      std::find_if(f.maps.begin(), f.maps.end(), [&](const auto& m) { return m.name == name; });
  if (it == f.maps.end()) throw std::runtime_error("no map " + name);
  return *it;
}

TEST(MapFacts, MapInMapHasItsInnerMapFromBtfValues) {
  auto f = read_path(test_object("maps_and_calls"));
  const MapFacts& outer = map_named(f, "outer");
  EXPECT_EQ(outer.type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
  EXPECT_EQ(outer.max_entries, 4u);
  ASSERT_TRUE(outer.inner_map.has_value());
  EXPECT_EQ(outer.inner_map->type, BPF_MAP_TYPE_HASH);
  EXPECT_EQ(outer.inner_map->type_name, "hash");
  EXPECT_EQ(outer.inner_map->key_size, 4u);
  EXPECT_EQ(outer.inner_map->value_size, 8u);
  EXPECT_EQ(outer.inner_map->max_entries, 16u);
  EXPECT_FALSE(map_named(f, "inner_a").inner_map.has_value());
}

TEST(MapFacts, FlagsAndPinning) {
  auto f = read_path(test_object("maps_and_calls"));
  const MapFacts& pinned = map_named(f, "pinned_counts");
  EXPECT_EQ(pinned.map_flags, static_cast<std::uint32_t>(BPF_F_NO_PREALLOC));
  EXPECT_EQ(pinned.pin_path, "/sys/fs/bpf/pinned_counts");
  const MapFacts& jump = map_named(f, "jump_table");
  EXPECT_EQ(jump.type, BPF_MAP_TYPE_PROG_ARRAY);
  EXPECT_EQ(jump.map_flags, 0u);
  EXPECT_EQ(jump.pin_path, "");
}

TEST(MapFacts, GlobalDataMapsAreInternalAndMmapable) {
  auto f = read_path(example_object("bpf_loop"));
  ASSERT_EQ(f.maps.size(), 1u);
  EXPECT_TRUE(f.maps[0].internal);
  EXPECT_EQ(f.maps[0].map_flags & BPF_F_MMAPABLE, static_cast<std::uint32_t>(BPF_F_MMAPABLE));
}

TEST(MapFacts, RuntimeSizedMapHasZeroMaxEntries) {
  auto f = read_path(example_object("runtime_sized_map"));
  bool any = std::any_of(f.maps.begin(), f.maps.end(),
                         [](const MapFacts& m) { return !m.internal && m.max_entries == 0; });
  EXPECT_TRUE(any);
}

}  // namespace
}  // namespace bpfcompat::inspect
