// The one place that reads the validator's JSON lines (docs/validator-protocol.md, version 1).
// Missing optional fields keep the struct defaults; unknown fields and record types are ignored.
#include "bpfcompat/validation/validator_output.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "case_output.h"
#include "json_fields.h"

namespace bpfcompat::validation {
namespace {

using Json = nlohmann::json;
using namespace json_fields;  // NOLINT(google-build-using-namespace): private field getters

GuestFacts parse_hello(const Json& j) {
  GuestFacts g;
  g.protocol = get_int32(j, "protocol", 0);
  g.validator_version = get_string(j, "validator");
  g.libbpf_version = get_string(j, "libbpf");
  const Json& kernel = get_object(j, "kernel");
  g.kernel_release = get_string(kernel, "release");
  g.kernel_version = get_string(kernel, "version");
  g.machine = get_string(kernel, "machine");
  g.btf_vmlinux = get_bool(j, "btf_vmlinux", false);
  g.btf_hidden = get_bool(j, "btf_hidden", false);
  g.btf_custom_path = get_string(j, "btf_custom_path");
  g.lockdown = get_string(j, "lockdown");
  g.unprivileged_bpf_disabled = get_int32(j, "unprivileged_bpf_disabled", -1);
  g.lsm = get_string(j, "lsm");
  g.bpf_lsm_active = get_bool(j, "bpf_lsm_active", false);
  for (const Json& m : get_array(j, "modules")) {
    if (!m.is_object()) continue;
    g.modules.push_back(
        {get_string(m, "path"), get_bool(m, "ok", false), get_int32(m, "errno", 0)});
  }
  g.uptime_ms = static_cast<long>(get_int(j, "uptime_ms", -1));
  return g;
}

LoadResult parse_load(const Json& j) {
  LoadResult l;
  l.ok = get_bool(j, "ok", false);
  l.err = get_int32(j, "errno", 0);
  l.insns_processed = static_cast<long>(get_int(j, "insns_processed", -1));
  l.verifier_tail = get_string(j, "verifier_tail");
  l.libbpf_tail = get_string(j, "libbpf_tail");
  return l;
}

AttachResult parse_attach(const Json& j) {
  AttachResult a;
  a.status = get_string(j, "status");
  if (a.status.empty()) a.status = "not_run";
  a.method = get_string(j, "method");
  a.err = get_int32(j, "errno", 0);
  a.reason = get_string(j, "reason");
  a.libbpf_tail = get_string(j, "libbpf_tail");
  a.isolated = get_bool(j, "isolated", false);
  a.note = get_string(j, "note");
  a.target_traceable = get_opt_bool(j, "target_traceable");
  return a;
}

ProgramResult parse_program(const Json& j) {
  ProgramResult p;
  p.name = get_string(j, "name");
  p.section = get_string(j, "section");
  p.type = get_int32(j, "type", 0);
  p.type_name = get_string(j, "type_name");
  p.expected_attach_type = get_int32(j, "expected_attach_type", 0);
  p.attach_type_name = get_string(j, "attach_type_name");
  p.prog_type_supported = get_opt_bool(j, "prog_type_supported");
  for (const Json& h : get_array(j, "helpers")) {
    if (!h.is_object()) continue;
    p.helpers.push_back(
        {get_int32(h, "id", 0), get_string(h, "name"), get_opt_bool(h, "supported")});
  }
  p.load = parse_load(get_object(j, "load"));
  p.attach = parse_attach(get_object(j, "attach"));
  return p;
}

ArtifactResult parse_artifact(const Json& j) {
  ArtifactResult a;
  a.name = get_string(j, "name");
  a.path = get_string(j, "path");
  a.is_case = get_bool(j, "case", false);
  a.mode = get_string(j, "mode");
  a.status = get_string(j, "status");
  if (a.status.empty()) a.status = "done";
  a.error = get_string(j, "error");
  a.signal = get_int32(j, "signal", 0);
  a.duration_ms = static_cast<long>(get_int(j, "duration_ms", 0));
  const Json& open = get_object(j, "open");
  a.open_ok = get_bool(open, "ok", false);
  a.open_err = get_int32(open, "errno", 0);
  a.open_log = get_string(open, "log");
  a.btf = get_bool(j, "btf", false);
  a.btf_ext = get_bool(j, "btf_ext", false);
  for (const Json& m : get_array(j, "maps")) {
    if (!m.is_object()) continue;
    a.maps.push_back({get_string(m, "name"), get_int32(m, "type", 0), get_string(m, "type_name"),
                      get_int(m, "max_entries", 0), get_opt_bool(m, "supported"),
                      get_int(m, "value_size", -1)});
  }
  for (const Json& k : get_array(j, "kfuncs")) {
    if (k.is_object()) a.kfuncs.push_back({get_string(k, "name"), get_bool(k, "found", false)});
  }
  for (const Json& p : get_array(j, "programs")) {
    if (p.is_object()) a.programs.push_back(parse_program(p));
  }
  a.object_load = parse_load(get_object(j, "object_load"));
  parse_case_fields(j, a);
  return a;
}

std::string excerpt(std::string_view line) {
  constexpr std::size_t kMax = 80;
  if (line.size() <= kMax) return std::string(line);
  return fmt::format("{}...", line.substr(0, kMax));
}

// Parses one line as a JSON object, skipping noise before the first '{' (e.g. a console prefix).
Json parse_line(std::string_view line, std::size_t& skipped) {
  skipped = 0;
  Json j = Json::parse(line, nullptr, false);
  if (!j.is_discarded()) return j;
  std::size_t brace = line.find('{');
  if (brace == std::string_view::npos || brace == 0) return j;
  skipped = brace;
  return Json::parse(line.substr(brace), nullptr, false);
}

class StreamParser {
 public:
  Result<void> feed(std::string_view line, std::size_t line_no, bool last_unterminated);
  ValidatorRun take() { return std::move(run_); }

 private:
  void warn(std::size_t line_no, const std::string& what) {
    run_.warnings.push_back(fmt::format("line {}: {}", line_no, what));
  }
  ValidatorRun run_;
};

Result<void> StreamParser::feed(std::string_view line, std::size_t line_no,
                                bool last_unterminated) {
  std::size_t skipped = 0;
  Json j = parse_line(line, skipped);
  if (j.is_discarded() || !j.is_object()) {
    warn(line_no, last_unterminated ? fmt::format("truncated record '{}'", excerpt(line))
                                    : fmt::format("not a validator record: '{}'", excerpt(line)));
    return {};
  }
  if (skipped > 0)
    warn(line_no, fmt::format("ignored {} bytes of noise before the record", skipped));
  std::string type = get_string(j, "type");
  if (type == "hello") {
    if (run_.hello) warn(line_no, "second hello record replaces the first");
    GuestFacts hello = parse_hello(j);
    if (hello.protocol != kProtocolVersion) {
      return infrastructure_error(
          fmt::format("validator protocol {} is not supported by this bpfcompat (speaks {}); "
                      "rebuild the validator",
                      hello.protocol, kProtocolVersion),
          "the validator binary and bpfcompat must come from the same build");
    }
    run_.hello = std::move(hello);
  } else if (type == "artifact") {
    run_.artifacts.push_back(parse_artifact(j));
  } else if (type == "end") {
    run_.ended = true;
    run_.duration_ms = static_cast<long>(get_int(j, "duration_ms", 0));
    auto announced = get_int(j, "artifacts", -1);
    if (announced >= 0 && static_cast<std::size_t>(announced) != run_.artifacts.size()) {
      warn(line_no, fmt::format("end record announces {} artifacts, {} were received", announced,
                                run_.artifacts.size()));
    }
  } else {
    warn(line_no, type.empty() ? std::string("record without a type")
                               : fmt::format("unknown record type '{}' ignored", type));
  }
  return {};
}

}  // namespace

Result<ValidatorRun> parse_validator_output(std::string_view text) {
  StreamParser parser;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    bool unterminated = nl == std::string_view::npos;
    std::string_view line = text.substr(pos, unterminated ? std::string_view::npos : nl - pos);
    pos = unterminated ? text.size() : nl + 1;
    ++line_no;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t' || line.front() == '\r')) {
      line.remove_prefix(1);
    }
    if (line.empty()) continue;  // blank lines carry nothing
    auto fed = parser.feed(line, line_no, unterminated);
    if (!fed) return std::move(fed).error();
  }
  return parser.take();
}

}  // namespace bpfcompat::validation
