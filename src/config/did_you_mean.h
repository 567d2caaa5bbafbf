// "Did you mean ...?" suggestions for misspelt keys, profile ids and enum values.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bpfcompat::config {

// Optimal-string-alignment (restricted Damerau-Levenshtein) distance, case-insensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, when it is close enough to be a plausible typo (a third of
// the candidate's length, at least 1, at most 3 edits) or `word` is a prefix of it (3+ chars).
// Ties go to the earlier candidate.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

// "did you mean 'x'?" or an empty string.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace bpfcompat::config
