/* Which instruction of a translated block made a data access.
 *
 * Unicorn 2.0.1 does not report the PC of the accessing instruction inside a memory hook
 * (measured: it reads as the start of the translated block, whether the hook existed at
 * translation or not), but the general registers are up to date there: every earlier
 * instruction of the block has run, the accessing one has not written back yet. So the block
 * is decoded from its start and the effective address range of each load/store is computed
 * from the current registers; the first one of the right direction that covers the address is
 * the faulting instruction (Thumb-2 encodings, ARMv7-M ARM A5.2-A5.3, A7.7). For instructions
 * that write their base register back, the range from the written-back base counts too. */
#include "insn.h"

#include "sim.h"

/* lo/len with the base register as it was before the instruction; alt: as it is once the
 * instruction's write-back is done (QEMU may write the base back before the last access);
 * 0 when the instruction has no write-back. */
struct access {
    uint32_t lo, len;
    bool load, store;
    uint32_t alt;
};

static uint32_t r(const uint32_t *regs, unsigned n, uint32_t pc)
{
    return n == 15u ? ((pc + 4u) & ~3u) : regs[n];
}

static unsigned popcount16(uint32_t v)
{
    unsigned n = 0;
    for (; v != 0u; v &= v - 1u) {
        n++;
    }
    return n;
}

/* 16-bit encodings (A5.2) */
static bool decode16(uint16_t hw, const uint32_t *regs, uint32_t pc, struct access *a)
{
    unsigned rn = (hw >> 3) & 7u, rm = (hw >> 6) & 7u, imm5 = (hw >> 6) & 0x1Fu;
    if ((hw & 0xF800u) == 0x4800u) { /* LDR literal */
        *a = (struct access){ ((pc + 4u) & ~3u) + (hw & 0xFFu) * 4u, 4, true, false, 0 };
        return true;
    }
    if ((hw & 0xF000u) == 0x5000u) { /* register offset */
        static const uint8_t size[8] = { 4, 2, 1, 1, 4, 2, 1, 2 };
        unsigned op = (hw >> 9) & 7u;
        *a = (struct access){ regs[rn] + regs[rm], size[op], op >= 3u, op < 3u, 0 };
        return true;
    }
    if ((hw & 0xE000u) == 0x6000u) { /* STR/LDR(B) immediate */
        bool byte = (hw & 0x1000u) != 0u, load = (hw & 0x0800u) != 0u;
        *a = (struct access){ regs[rn] + imm5 * (byte ? 1u : 4u), byte ? 1u : 4u, load, !load, 0 };
        return true;
    }
    if ((hw & 0xF000u) == 0x8000u) { /* STRH/LDRH immediate */
        bool load = (hw & 0x0800u) != 0u;
        *a = (struct access){ regs[rn] + imm5 * 2u, 2, load, !load, 0 };
        return true;
    }
    if ((hw & 0xF000u) == 0x9000u) { /* SP-relative */
        bool load = (hw & 0x0800u) != 0u;
        *a = (struct access){ regs[13] + (hw & 0xFFu) * 4u, 4, load, !load, 0 };
        return true;
    }
    if ((hw & 0xFE00u) == 0xB400u) { /* PUSH */
        uint32_t n = popcount16((hw & 0xFFu) | ((hw & 0x100u) ? 0x4000u : 0u));
        *a = (struct access){ regs[13] - 4u * n, 4u * n, false, true, regs[13] };
        return true;
    }
    if ((hw & 0xFE00u) == 0xBC00u) { /* POP */
        uint32_t n = popcount16((hw & 0xFFu) | ((hw & 0x100u) ? 0x8000u : 0u));
        *a = (struct access){ regs[13], 4u * n, true, false, regs[13] - 4u * n };
        return true;
    }
    if ((hw & 0xF000u) == 0xC000u) { /* STM/LDM */
        bool load = (hw & 0x0800u) != 0u;
        unsigned base = (hw >> 8) & 7u;
        uint32_t n = popcount16(hw & 0xFFu);
        *a = (struct access){ regs[base], 4u * n, load, !load, regs[base] - 4u * n };
        return true;
    }
    return false;
}

/* 32-bit encodings (A5.3) */
static bool decode32(uint16_t h1, uint16_t h2, const uint32_t *regs, uint32_t pc, struct access *a)
{
    unsigned rn = h1 & 0xFu;
    if ((h1 & 0xFE40u) == 0xE800u) { /* LDM/STM, T2 (IA: 01, DB: 10) */
        unsigned op = (h1 >> 7) & 3u;
        bool load = (h1 & 0x10u) != 0u;
        uint32_t n = popcount16(h2);
        if (op == 1u) {
            *a = (struct access){ regs[rn], 4u * n, load, !load, regs[rn] - 4u * n };
            return true;
        }
        if (op == 2u) {
            *a = (struct access){ regs[rn] - 4u * n, 4u * n, load, !load, regs[rn] };
            return true;
        }
        return false;
    }
    if ((h1 & 0xFE40u) == 0xE840u) { /* LDRD/STRD, LDREX/STREX, TBB/TBH */
        bool p = (h1 & 0x100u) != 0u, u = (h1 & 0x80u) != 0u, w = (h1 & 0x20u) != 0u, load = (h1 & 0x10u) != 0u;
        if (p || w) { /* LDRD/STRD (immediate) */
            uint32_t off = (h2 & 0xFFu) * 4u;
            uint32_t base = r(regs, rn, pc);
            uint32_t addr = p ? (u ? base + off : base - off) : base;
            uint32_t alt = p ? base : (u ? base - off : base + off);
            *a = (struct access){ addr, 8, load, !load, w ? alt : addr };
            return true;
        }
        if ((h1 & 0xFFF0u) == 0xE8D0u && (h2 & 0xFFE0u) == 0xF000u) { /* TBB/TBH */
            bool half = (h2 & 0x10u) != 0u;
            uint32_t idx = regs[h2 & 0xFu];
            *a = (struct access){ r(regs, rn, pc) + (half ? idx * 2u : idx), half ? 2u : 1u, true, false, 0 };
            return true;
        }
        if ((h1 & 0xFFF0u) == 0xE840u) { /* STREX */
            *a = (struct access){ regs[rn] + (h2 & 0xFFu) * 4u, 4, false, true, 0 };
            return true;
        }
        if ((h1 & 0xFFF0u) == 0xE850u) { /* LDREX */
            *a = (struct access){ regs[rn] + (h2 & 0xFFu) * 4u, 4, true, false, 0 };
            return true;
        }
        if ((h1 & 0xFFF0u) == 0xE8C0u || (h1 & 0xFFF0u) == 0xE8D0u) { /* STREXB/H, LDREXB/H */
            bool half = (h2 & 0xF0u) == 0x50u;
            *a = (struct access){ regs[rn], half ? 2u : 1u, load, !load, 0 };
            return true;
        }
        return false;
    }
    if ((h1 & 0xFE00u) == 0xF800u) { /* load/store single (A5.3.7-A5.3.10) */
        unsigned size_bits = (h1 >> 5) & 3u;
        bool load = (h1 & 0x10u) != 0u;
        if (size_bits == 3u) {
            return false;
        }
        uint32_t size = 1u << size_bits;
        uint32_t base = r(regs, rn, pc);
        uint32_t addr, alt = 0;
        bool wb = false;
        if (rn == 15u) { /* literal */
            uint32_t off = h2 & 0xFFFu;
            addr = (h1 & 0x80u) ? base + off : base - off;
        } else if (h1 & 0x80u) { /* imm12 */
            addr = base + (h2 & 0xFFFu);
        } else if (h2 & 0x800u) { /* imm8 with P, U, W */
            bool p = (h2 & 0x400u) != 0u, u = (h2 & 0x200u) != 0u;
            uint32_t off = h2 & 0xFFu;
            addr = p ? (u ? base + off : base - off) : base;
            wb = (h2 & 0x100u) != 0u;
            alt = p ? base : (u ? base - off : base + off);
        } else if ((h2 & 0xFC0u) == 0u) { /* register, LSL #imm2 */
            addr = base + (regs[h2 & 0xFu] << ((h2 >> 4) & 3u));
        } else {
            return false;
        }
        if (load && ((h2 >> 12) & 0xFu) == 15u && size == 1u) {
            return false; /* PLD/PLI: hints, no access */
        }
        *a = (struct access){ addr, size, load, !load, wb ? alt : addr };
        return true;
    }
    if ((h1 & 0xFE00u) == 0xEC00u && ((h2 >> 9) & 7u) == 5u) { /* VLDR/VSTR/VLDM/VSTM/VPUSH/VPOP */
        bool p = (h1 & 0x100u) != 0u, u = (h1 & 0x80u) != 0u, w = (h1 & 0x20u) != 0u, load = (h1 & 0x10u) != 0u;
        uint32_t imm = (h2 & 0xFFu) * 4u;
        uint32_t base = r(regs, rn, pc);
        if (p && !w) { /* VLDR/VSTR */
            bool dbl = (h2 & 0x100u) != 0u;
            *a = (struct access){ u ? base + imm : base - imm, dbl ? 8u : 4u, load, !load, 0 };
            return true;
        }
        if (!p && !u && !w) {
            return false; /* 64-bit transfers between core and FP registers */
        }
        *a = (struct access){ (p && !u) ? base - imm : base, imm, load, !load,
                              !w ? ((p && !u) ? base - imm : base) : (p && !u) ? base : base - imm };
        return true;
    }
    return false;
}

bool sim_insn_find_access(struct sim *s, uint32_t block, uint32_t size, uint32_t addr, bool write, uint32_t *pc)
{
    uint8_t buf[512];
    uint32_t regs[16];
    if (size > sizeof buf) {
        size = sizeof buf;
    }
    if (size < 2u || uc_mem_read(s->uc, block, buf, size) != UC_ERR_OK) {
        return false;
    }
    for (int i = 0; i < 13; i++) { /* R0-R12 are consecutive in Unicorn's numbering, SP/LR/PC not */
        uc_reg_read(s->uc, UC_ARM_REG_R0 + i, &regs[i]);
    }
    uc_reg_read(s->uc, UC_ARM_REG_SP, &regs[13]);
    uc_reg_read(s->uc, UC_ARM_REG_LR, &regs[14]);
    regs[15] = block;
    for (uint32_t off = 0; off + 1u < size;) {
        uint16_t h1 = (uint16_t)(buf[off] | (buf[off + 1u] << 8));
        bool wide = (h1 >> 11) >= 0x1Du;
        struct access a;
        bool mem;
        if (wide) {
            if (off + 3u >= size) {
                break;
            }
            uint16_t h2 = (uint16_t)(buf[off + 2u] | (buf[off + 3u] << 8));
            mem = decode32(h1, h2, regs, block + off, &a);
        } else {
            mem = decode16(h1, regs, block + off, &a);
        }
        if (mem && (write ? a.store : a.load) && (addr - a.lo < a.len || (a.alt != 0u && addr - a.alt < a.len))) {
            *pc = block + off;
            return true;
        }
        off += wide ? 4u : 2u;
    }
    return false;
}
