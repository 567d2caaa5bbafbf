// Line-level reading of verifier, libbpf and console logs: find the one line that decides a
// verdict. Private to classify; all matching is case-insensitive.
#pragma once

#include <string>
#include <string_view>

namespace bpfcompat::classify {

bool contains_ci(std::string_view text, std::string_view needle);

// The first (or last) line containing needle, trimmed; "" when none.
std::string first_line_with(std::string_view text, std::string_view needle);
std::string last_line_with(std::string_view text, std::string_view needle);

// The verifier's deciding line: the last line that is not a statistics or log-frame line
// ("processed N insns", "verification time", "-- END PROG LOAD LOG --", ...); "" when none.
std::string verifier_error_line(std::string_view verifier_tail);

// libbpf's most specific line: the last "libbpf:" line that is not a generic summary
// ("failed to load object", "failed to load: -22", "BPF program load failed"), else the
// "BPF program load failed: <error>" summary, else the last non-empty line; "" when none.
std::string libbpf_error_line(std::string_view libbpf_tail);

// The last non-empty line, trimmed.
std::string last_line(std::string_view text);

// The text between the first quote pair after `marker` in line ("... of 'X': -3" → X).
std::string quoted_after(std::string_view line, std::string_view marker);

// The number after `marker` in text ("processed 1000001 insns" with "processed " → 1000001), -1.
long long number_after(std::string_view text, std::string_view marker);

}  // namespace bpfcompat::classify
