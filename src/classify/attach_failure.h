// Why a program that loaded could not be attached: a missing target, an attach mechanism the
// kernel lacks, or a policy denial. Private to classify.
#pragma once

#include "bpfcompat/classify/verdict.h"
#include "bpfcompat/validation/validator_output.h"

namespace bpfcompat::classify {

// For p.attach.status == "failed". Status kFail, except kError when the guest lacked what the
// attach needs (MISSING_KERNEL_MODULE, ATTACH_TARGET_UNAVAILABLE) or the validator's request was
// malformed (ATTACH_LOADER_ERROR), which says nothing about the object; and kSkipped (no code)
// when the section names no attach point libbpf can use alone (a uprobe without a binary).
Verdict classify_attach_failure(const validation::ProgramResult& p,
                                const validation::GuestFacts* guest);

}  // namespace bpfcompat::classify
