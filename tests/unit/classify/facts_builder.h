// Small builders for validator facts, so classification tables read like the cases they test.
#pragma once

#include <string>
#include <utility>

#include "bpfcompat/validation/validator_output.h"

namespace bpfcompat::classify::testing {

inline validation::GuestFacts guest(std::string release, std::string lockdown = "none",
                                    bool btf = true) {
  validation::GuestFacts g;
  g.protocol = 1;
  g.kernel_release = std::move(release);
  g.lockdown = std::move(lockdown);
  g.btf_vmlinux = btf;
  return g;
}

inline validation::ProgramResult program(std::string name, std::string section, int type,
                                         std::string type_name) {
  validation::ProgramResult p;
  p.name = std::move(name);
  p.section = std::move(section);
  p.type = type;
  p.type_name = std::move(type_name);
  p.prog_type_supported = true;
  p.load.ok = true;
  p.attach.status = "ok";
  p.attach.method = "auto";
  return p;
}

inline validation::ProgramResult failed_load(validation::ProgramResult p, int err,
                                             std::string verifier, std::string libbpf) {
  p.load.ok = false;
  p.load.err = err;
  p.load.verifier_tail = std::move(verifier);
  p.load.libbpf_tail = std::move(libbpf);
  p.attach.status = "not_run";
  p.attach.method = "none";
  return p;
}

inline validation::ProgramResult failed_attach(validation::ProgramResult p, std::string method,
                                               int err, std::string libbpf,
                                               std::string reason = "") {
  p.attach.status = "failed";
  p.attach.method = std::move(method);
  p.attach.err = err;
  p.attach.libbpf_tail = std::move(libbpf);
  p.attach.reason = std::move(reason);
  return p;
}

// An opened artifact; the object load mirrors the first program's load.
inline validation::ArtifactResult artifact(std::string name,
                                           std::vector<validation::ProgramResult> programs) {
  validation::ArtifactResult a;
  a.name = std::move(name);
  a.status = "done";
  a.open_ok = true;
  a.btf = true;
  a.btf_ext = true;
  a.programs = std::move(programs);
  a.object_load.ok = true;
  for (const auto& p : a.programs) {
    if (!p.load.ok) {
      a.object_load = p.load;
      break;
    }
  }
  return a;
}

}  // namespace bpfcompat::classify::testing
