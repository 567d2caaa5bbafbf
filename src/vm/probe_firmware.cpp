#include "probe_firmware.h"

#include <cstddef>
#include <string_view>

// The firmware's code, assembled by the toolchain with the rest of this file. QEMU maps the image
// at 0xF0000 (and below 4 GiB); execution starts at offset 0xFFF0, which jumps to this code at
// offset 0. All addresses are label differences, so the code is position-independent data here.
// A nested KVM that cannot run real guests stalls on the mode switches or crawls through the
// page touching; a working one runs this in well under a millisecond.
asm(R"(
        .pushsection .rodata.bpfcompat_kvm_probe, "a"
        .globl bpfcompat_kvm_probe_code
        .globl bpfcompat_kvm_probe_code_end
        .set .Lbase, 0xF0000
bpfcompat_kvm_probe_code:
        .code16
        cli
        lgdtl %cs:(.Lgdt_desc - bpfcompat_kvm_probe_code)
        movl %cr0, %eax
        orl $1, %eax                          # protected mode
        movl %eax, %cr0
        ljmpl $0x08, $(.Lbase + .Lstart32 - bpfcompat_kvm_probe_code)
        .code32
.Lstart32:
        movw $0x10, %ax
        movw %ax, %ds
        movw %ax, %es
        movw %ax, %ss
        movl $0x1000, %edi                    # page tables: PML4 0x1000, PDPT 0x2000, PD 0x3000
        xorl %eax, %eax
        movl $(3 * 1024), %ecx
        rep stosl
        movl $0x2003, 0x1000
        movl $0x3003, 0x2000
        movl $0x3000, %edi                    # 8 x 2 MiB identity-mapped pages: 16 MiB
        movl $0x83, %eax
        movl $8, %ecx
.Lfill_pd:
        movl %eax, (%edi)
        addl $0x200000, %eax
        addl $8, %edi
        loop .Lfill_pd
        movl %cr4, %eax
        orl $0x20, %eax                       # PAE
        movl %eax, %cr4
        movl $0x1000, %eax
        movl %eax, %cr3
        movl $0xC0000080, %ecx                # EFER.LME
        rdmsr
        orl $0x100, %eax
        wrmsr
        movl %cr0, %eax
        orl $0x80000000, %eax                 # paging: long mode
        movl %eax, %cr0
        ljmpl $0x18, $(.Lbase + .Lstart64 - bpfcompat_kvm_probe_code)
        .code64
.Lstart64:
        movq $0x100000, %rdi                  # write to every page from 1 MiB to 15 MiB
.Ltouch:
        movq %rdi, (%rdi)
        addq $0x1000, %rdi
        cmpq $0xF00000, %rdi
        jb .Ltouch
        movb $1, %al
        outb %al, $0xf4                       # isa-debug-exit: QEMU exits with status 3
.Lhalt:
        hlt
        jmp .Lhalt
        .balign 8
.Lgdt:
        .quad 0
        .quad 0x00CF9A000000FFFF              # 0x08: 32-bit code
        .quad 0x00CF92000000FFFF              # 0x10: data
        .quad 0x00AF9A000000FFFF              # 0x18: 64-bit code
.Lgdt_desc:
        .word .Lgdt_desc - .Lgdt - 1
        .long .Lbase + .Lgdt - bpfcompat_kvm_probe_code
bpfcompat_kvm_probe_code_end:
        .popsection
)");

extern "C" const char bpfcompat_kvm_probe_code[];
extern "C" const char bpfcompat_kvm_probe_code_end[];

namespace bpfcompat::vm {
namespace {

constexpr std::size_t kImageSize = std::size_t{64} * 1024;
constexpr std::size_t kResetVector = 0xfff0;

}  // namespace

std::string probe_firmware_image() {
  std::string image(kImageSize, '\0');
  auto size = static_cast<std::size_t>(bpfcompat_kvm_probe_code_end - bpfcompat_kvm_probe_code);
  image.replace(0, size, bpfcompat_kvm_probe_code, size);
  // Reset vector: ljmp 0xF000:0x0000 (real mode), i.e. to the code at offset 0.
  constexpr std::string_view kResetJump("\xea\x00\x00\x00\xf0", 5);
  image.replace(kResetVector, kResetJump.size(), kResetJump);
  return image;
}

}  // namespace bpfcompat::vm
