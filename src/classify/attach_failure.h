// Why a program that loaded could not be attached: a missing target, an attach mechanism the
// kernel lacks, or a policy denial. Private to classify.
#pragma once

#include "bpfcompat/classify/verdict.h"
#include "bpfcompat/validation/validator_output.h"

namespace bpfcompat::classify {

// For p.attach.status == "failed". Status kFail, except kError (MISSING_KERNEL_MODULE) when the
// guest lacked a module bpfcompat needs to attach, which says nothing about the object.
Verdict classify_attach_failure(const validation::ProgramResult& p,
                                const validation::GuestFacts* guest);

}  // namespace bpfcompat::classify
