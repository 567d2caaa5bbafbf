// `matrix list|show`: the shipped matrices and what a matrix holds — its profiles, their lanes,
// kernel or image sources, required flags and time limits — without booting anything.
#include <algorithm>
#include <nlohmann/json.hpp>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "bpfcompat/app/matrices.h"
#include "bpfcompat/config/matrix.h"
#include "bpfcompat/config/matrix_catalog.h"
#include "bpfcompat/core/exit_codes.h"
#include "commands.h"
#include "logging.h"

namespace bpfcompat::cli {
namespace {

using Json = nlohmann::ordered_json;

std::string source_of(const config::Profile& p) {
  if (p.lane == config::Lane::kCloudImage && p.image) return "image " + p.image->describe();
  return p.kernel.describe();
}

std::string timeout_of(const config::MatrixEntry& e) {
  return e.timeout ? fmt::format("{}s", e.timeout->count()) : "-";
}

Result<config::Matrix> load_by_name(const std::string& value, const GlobalOptions& global) {
  auto path = app::resolve_matrix_argument(value, global.argv0);
  if (!path) return std::move(path).error();
  if (!*path) return config::default_matrix();
  return config::load_matrix(**path, app::shipped_profile_catalog(global.argv0));
}

std::string lanes_of(const config::Matrix& m) {
  std::string out;
  for (const auto& e : m.entries) {
    std::string lane = config::lane_name(e.profile.lane);
    if (out.find(lane) == std::string::npos) out += (out.empty() ? "" : ",") + lane;
  }
  return out;
}

int show(const std::string& value, bool json, const GlobalOptions& global) {
  auto m = load_by_name(value, global);
  if (!m) return report_error(m.error());
  if (json) {
    Json profiles = Json::array();
    for (const auto& e : m->entries) {
      profiles.push_back({{"id", e.profile.id},
                          {"required", e.required},
                          {"lane", config::lane_name(e.profile.lane)},
                          {"distro", e.profile.distro},
                          {"version", e.profile.version},
                          {"arch", e.profile.arch},
                          {"source", source_of(e.profile)},
                          {"timeout_s", e.timeout ? Json(e.timeout->count()) : Json(nullptr)}});
    }
    Json out = {{"name", m->name},
                {"path", m->path.empty() ? Json(nullptr) : Json(m->path)},
                {"profiles", profiles}};
    fmt::print("{}\n", out.dump(2));
    return kExitOk;
  }
  fmt::print("matrix {} ({})\n\n", m->name, m->path.empty() ? "built in" : m->path);
  fmt::print("{:<28} {:<9} {:<12} {:<10} {:<8} {:<8} {}\n", "PROFILE", "REQUIRED", "LANE", "DISTRO",
             "VERSION", "TIMEOUT", "SOURCE");
  for (const auto& e : m->entries) {
    fmt::print("{:<28} {:<9} {:<12} {:<10} {:<8} {:<8} {}\n", e.profile.id,
               e.required ? "yes" : "no", config::lane_name(e.profile.lane), e.profile.distro,
               e.profile.version, timeout_of(e), source_of(e.profile));
  }
  return kExitOk;
}

int list(bool json, const GlobalOptions& global) {
  auto dirs = app::shipped_matrix_dirs(global.argv0);
  auto catalog = app::shipped_profile_catalog(global.argv0);
  std::vector<config::NamedMatrix> named = {{config::kDefaultMatrixName, ""}};
  for (auto& m : config::list_named_matrices(dirs)) named.push_back(std::move(m));
  Json rows = Json::array();
  int status = kExitOk;
  if (!json) {
    fmt::print("{:<28} {:<9} {:<9} {:<20} {}\n", "MATRIX", "PROFILES", "REQUIRED", "LANES", "FILE");
  }
  for (const auto& n : named) {
    auto m = n.path.empty() ? Result<config::Matrix>(config::default_matrix())
                            : config::load_matrix(n.path, catalog);
    if (!m) {
      status = report_error(m.error());
      continue;
    }
    long required = std::count_if(m->entries.begin(), m->entries.end(),
                                  [](const config::MatrixEntry& e) { return e.required; });
    std::string file = n.path.empty() ? "(built in)" : n.path;
    if (json) {
      rows.push_back({{"name", n.name},
                      {"path", n.path.empty() ? Json(nullptr) : Json(n.path)},
                      {"profiles", m->entries.size()},
                      {"required", required},
                      {"lanes", lanes_of(*m)}});
    } else {
      fmt::print("{:<28} {:<9} {:<9} {:<20} {}\n", n.name, m->entries.size(), required,
                 lanes_of(*m), file);
    }
  }
  if (json) fmt::print("{}\n", rows.dump(2));
  if (!json)
    fmt::print("\nbpfcompat matrix show NAME lists a matrix's profiles; --matrix NAME runs it.\n");
  return status;
}

}  // namespace

void add_matrix_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto* cmd = app.add_subcommand("matrix", "List the shipped matrices and show their profiles");
  cmd->require_subcommand(1);
  auto json = std::make_shared<bool>(false);
  auto* ls = cmd->add_subcommand("list", "The shipped matrices: profiles, required, lanes, file");
  ls->add_flag("--json", *json, "As JSON");
  ls->callback(
      [json, &global, &action] { action = [json, &global] { return list(*json, global); }; });
  auto name = std::make_shared<std::string>(config::kDefaultMatrixName);
  auto* sh = cmd->add_subcommand(
      "show", "A matrix's profiles: required, lane, distro, version, time limit, kernel source");
  sh->add_option("matrix", *name, "A shipped matrix's name or a matrix file (default: default)");
  sh->add_flag("--json", *json, "As JSON");
  sh->callback([json, name, &global, &action] {
    action = [json, name, &global] { return show(*name, *json, global); };
  });
}

}  // namespace bpfcompat::cli
