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
    int wb_reg;      /* base register written back, -1: none */
    uint32_t wb_val; /* its value after the write-back, from the base before the instruction */
};

#define NO_WB -1, 0

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
        *a = (struct access){ ((pc + 4u) & ~3u) + (hw & 0xFFu) * 4u, 4, true, false, 0, NO_WB };
        return true;
    }
    if ((hw & 0xF000u) == 0x5000u) { /* register offset */
        static const uint8_t size[8] = { 4, 2, 1, 1, 4, 2, 1, 2 };
        unsigned op = (hw >> 9) & 7u;
        *a = (struct access){ regs[rn] + regs[rm], size[op], op >= 3u, op < 3u, 0, NO_WB };
        return true;
    }
    if ((hw & 0xE000u) == 0x6000u) { /* STR/LDR(B) immediate */
        bool byte = (hw & 0x1000u) != 0u, load = (hw & 0x0800u) != 0u;
        *a = (struct access){ regs[rn] + imm5 * (byte ? 1u : 4u), byte ? 1u : 4u, load, !load, 0, NO_WB };
        return true;
    }
    if ((hw & 0xF000u) == 0x8000u) { /* STRH/LDRH immediate */
        bool load = (hw & 0x0800u) != 0u;
        *a = (struct access){ regs[rn] + imm5 * 2u, 2, load, !load, 0, NO_WB };
        return true;
    }
    if ((hw & 0xF000u) == 0x9000u) { /* SP-relative */
        bool load = (hw & 0x0800u) != 0u;
        *a = (struct access){ regs[13] + (hw & 0xFFu) * 4u, 4, load, !load, 0, NO_WB };
        return true;
    }
    if ((hw & 0xFE00u) == 0xB400u) { /* PUSH */
        uint32_t n = popcount16((hw & 0xFFu) | ((hw & 0x100u) ? 0x4000u : 0u));
        *a = (struct access){ regs[13] - 4u * n, 4u * n, false, true, regs[13], 13, regs[13] - 4u * n };
        return true;
    }
    if ((hw & 0xFE00u) == 0xBC00u) { /* POP */
        uint32_t n = popcount16((hw & 0xFFu) | ((hw & 0x100u) ? 0x8000u : 0u));
        *a = (struct access){ regs[13], 4u * n, true, false, regs[13] - 4u * n, 13, regs[13] + 4u * n };
        return true;
    }
    if ((hw & 0xF000u) == 0xC000u) { /* STM/LDM */
        bool load = (hw & 0x0800u) != 0u;
        unsigned base = (hw >> 8) & 7u;
        uint32_t n = popcount16(hw & 0xFFu);
        /* STM always writes back; LDM unless the base is in the list */
        bool wb = !load || !(hw & (1u << base));
        *a = (struct access){ regs[base], 4u * n, load, !load, regs[base] - 4u * n, wb ? (int)base : -1,
                              regs[base] + 4u * n };
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
        int wb = (h1 & 0x20u) ? (int)rn : -1;
        if (op == 1u) {
            *a = (struct access){ regs[rn], 4u * n, load, !load, regs[rn] - 4u * n, wb, regs[rn] + 4u * n };
            return true;
        }
        if (op == 2u) {
            *a = (struct access){ regs[rn] - 4u * n, 4u * n, load, !load, regs[rn], wb, regs[rn] - 4u * n };
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
            *a = (struct access){ addr, 8, load, !load, w ? alt : addr, w ? (int)rn : -1, u ? base + off : base - off };
            return true;
        }
        if ((h1 & 0xFFF0u) == 0xE8D0u && (h2 & 0xFFE0u) == 0xF000u) { /* TBB/TBH */
            bool half = (h2 & 0x10u) != 0u;
            uint32_t idx = regs[h2 & 0xFu];
            *a = (struct access){ r(regs, rn, pc) + (half ? idx * 2u : idx), half ? 2u : 1u, true, false, 0, NO_WB };
            return true;
        }
        if ((h1 & 0xFFF0u) == 0xE840u) { /* STREX */
            *a = (struct access){ regs[rn] + (h2 & 0xFFu) * 4u, 4, false, true, 0, NO_WB };
            return true;
        }
        if ((h1 & 0xFFF0u) == 0xE850u) { /* LDREX */
            *a = (struct access){ regs[rn] + (h2 & 0xFFu) * 4u, 4, true, false, 0, NO_WB };
            return true;
        }
        if ((h1 & 0xFFF0u) == 0xE8C0u || (h1 & 0xFFF0u) == 0xE8D0u) { /* STREXB/H, LDREXB/H */
            bool half = (h2 & 0xF0u) == 0x50u;
            *a = (struct access){ regs[rn], half ? 2u : 1u, load, !load, 0, NO_WB };
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
        uint32_t addr, alt = 0, wb_val = 0;
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
            wb_val = u ? base + off : base - off;
        } else if ((h2 & 0xFC0u) == 0u) { /* register, LSL #imm2 */
            addr = base + (regs[h2 & 0xFu] << ((h2 >> 4) & 3u));
        } else {
            return false;
        }
        if (load && ((h2 >> 12) & 0xFu) == 15u && size == 1u) {
            return false; /* PLD/PLI: hints, no access */
        }
        *a = (struct access){ addr, size, load, !load, wb ? alt : addr, wb ? (int)rn : -1, wb_val };
        return true;
    }
    if ((h1 & 0xFE00u) == 0xEC00u && ((h2 >> 9) & 7u) == 5u) { /* VLDR/VSTR/VLDM/VSTM/VPUSH/VPOP */
        bool p = (h1 & 0x100u) != 0u, u = (h1 & 0x80u) != 0u, w = (h1 & 0x20u) != 0u, load = (h1 & 0x10u) != 0u;
        uint32_t imm = (h2 & 0xFFu) * 4u;
        uint32_t base = r(regs, rn, pc);
        if (p && !w) { /* VLDR/VSTR */
            bool dbl = (h2 & 0x100u) != 0u;
            *a = (struct access){ u ? base + imm : base - imm, dbl ? 8u : 4u, load, !load, 0, NO_WB };
            return true;
        }
        if (!p && !u && !w) {
            return false; /* 64-bit transfers between core and FP registers */
        }
        *a = (struct access){ (p && !u) ? base - imm : base, imm, load, !load,
                              !w ? ((p && !u) ? base - imm : base) : (p && !u) ? base : base - imm,
                              w ? (int)rn : -1, (p && !u) ? base - imm : base + imm };
        return true;
    }
    return false;
}

/* The registers an instruction may write (bit n: Rn; Thumb-2, A5.2-A5.3), with the value for
 * the ones whose result does not depend on the registers (literal loads, ADR, MOV/MOVW
 * immediate): known, value. Encodings not listed write no general register. */
static uint32_t writes(uint16_t h1, uint16_t h2, bool wide, uint32_t pc, struct sim *s, bool *known, uint32_t *value)
{
    *known = false;
    if (!wide) {
        uint16_t hw = h1;
        if ((hw & 0xE000u) == 0x0000u) { /* shifts, ADD/SUB register and imm3 */
            return 1u << (hw & 7u);
        }
        if ((hw & 0xE000u) == 0x2000u) { /* MOV/CMP/ADD/SUB imm8 */
            unsigned op = (hw >> 11) & 3u;
            if (op == 1u) {
                return 0;
            }
            if (op == 0u) {
                *known = true;
                *value = hw & 0xFFu;
            }
            return 1u << ((hw >> 8) & 7u);
        }
        if ((hw & 0xFC00u) == 0x4000u) { /* data processing: TST, CMP, CMN write none */
            unsigned op = (hw >> 6) & 0xFu;
            return (op == 8u || op == 10u || op == 11u) ? 0u : 1u << (hw & 7u);
        }
        if ((hw & 0xFC00u) == 0x4400u) { /* ADD/CMP/MOV high registers, BX/BLX */
            unsigned op = (hw >> 8) & 3u;
            if (op == 1u) {
                return 0;
            }
            if (op == 3u) {
                return (hw & 0x80u) ? 1u << 14 : 0u;
            }
            return 1u << (((hw >> 4) & 8u) | (hw & 7u));
        }
        if ((hw & 0xF800u) == 0x4800u) { /* LDR literal */
            uint32_t v;
            *known = uc_mem_read(s->uc, ((pc + 4u) & ~3u) + (hw & 0xFFu) * 4u, &v, 4) == UC_ERR_OK;
            *value = v;
            return 1u << ((hw >> 8) & 7u);
        }
        if ((hw & 0xF000u) == 0x5000u) {
            return ((hw >> 9) & 7u) >= 3u ? 1u << (hw & 7u) : 0u;
        }
        if ((hw & 0xE000u) == 0x6000u || (hw & 0xF000u) == 0x8000u) {
            return (hw & 0x0800u) ? 1u << (hw & 7u) : 0u;
        }
        if ((hw & 0xF000u) == 0x9000u) {
            return (hw & 0x0800u) ? 1u << ((hw >> 8) & 7u) : 0u;
        }
        if ((hw & 0xF800u) == 0xA000u) { /* ADR */
            *known = true;
            *value = ((pc + 4u) & ~3u) + (hw & 0xFFu) * 4u;
            return 1u << ((hw >> 8) & 7u);
        }
        if ((hw & 0xF800u) == 0xA800u) { /* ADD Rd, SP, #imm */
            return 1u << ((hw >> 8) & 7u);
        }
        if ((hw & 0xFF00u) == 0xB000u) { /* ADD/SUB SP, SP, #imm */
            return 1u << 13;
        }
        if ((hw & 0xFF00u) == 0xB200u || (hw & 0xFF00u) == 0xBA00u) { /* extend, reverse */
            return 1u << (hw & 7u);
        }
        if ((hw & 0xFE00u) == 0xB400u) { /* PUSH */
            return 1u << 13;
        }
        if ((hw & 0xFE00u) == 0xBC00u) { /* POP */
            return (hw & 0xFFu) | (1u << 13);
        }
        if ((hw & 0xF000u) == 0xC000u) { /* STM/LDM */
            return (1u << ((hw >> 8) & 7u)) | ((hw & 0x0800u) ? (hw & 0xFFu) : 0u);
        }
        return 0;
    }
    unsigned rd = (h2 >> 8) & 0xFu, rt = (h2 >> 12) & 0xFu, rn = h1 & 0xFu;
    if ((h1 & 0xFE40u) == 0xE800u) { /* LDM/STM */
        return ((h1 & 0x20u) ? 1u << rn : 0u) | ((h1 & 0x10u) ? h2 : 0u);
    }
    if ((h1 & 0xFE40u) == 0xE840u) { /* LDRD/STRD, LDREX/STREX, TBB/TBH */
        bool p = (h1 & 0x100u) != 0u, w = (h1 & 0x20u) != 0u, load = (h1 & 0x10u) != 0u;
        if (p || w) {
            return (w ? 1u << rn : 0u) | (load ? (1u << rt) | (1u << rd) : 0u);
        }
        if ((h1 & 0xFFF0u) == 0xE840u) {
            return 1u << rd; /* STREX status */
        }
        if ((h1 & 0xFFF0u) == 0xE8C0u) {
            return 1u << (h2 & 0xFu); /* STREXB/H status */
        }
        return load && !((h1 & 0xFFF0u) == 0xE8D0u && (h2 & 0xFFE0u) == 0xF000u) ? 1u << rt : 0u;
    }
    if ((h1 & 0xFE00u) == 0xEA00u) { /* data processing, shifted register (Rd 15: a compare) */
        return rd == 15u ? 0u : 1u << rd;
    }
    if ((h1 & 0xFE00u) == 0xEC00u) { /* VLDM/VSTM write-back, VMOV to core registers */
        return ((h1 & 0x20u) ? 1u << rn : 0u) | ((h1 & 0xFFF0u) == 0xEC50u ? (1u << rt) | (1u << rd) : 0u);
    }
    if ((h1 & 0xFF10u) == 0xEE10u && (h2 & 0x0F10u) == 0x0A10u) { /* VMOV/VMRS to a core register */
        return rt == 15u ? 0u : 1u << rt;
    }
    if ((h1 & 0xF800u) == 0xF000u && !(h2 & 0x8000u)) { /* data processing, immediate */
        uint32_t imm16 = ((h1 & 0xFu) << 12) | ((h1 & 0x400u) << 1) | ((h2 >> 4) & 0x700u) | (h2 & 0xFFu);
        if ((h1 & 0xFBF0u) == 0xF240u) { /* MOVW */
            *known = true;
            *value = imm16;
        }
        return rd == 15u ? 0u : 1u << rd;
    }
    if ((h1 & 0xF800u) == 0xF000u) { /* branches and miscellaneous control */
        if ((h2 & 0x4000u) != 0u) {
            return 1u << 14; /* BL, BLX */
        }
        if ((h1 & 0xFFE0u) == 0xF3E0u && (h2 & 0x5000u) == 0u) {
            return 1u << rd; /* MRS */
        }
        return 0;
    }
    if ((h1 & 0xFE00u) == 0xF800u) { /* load/store single */
        bool load = (h1 & 0x10u) != 0u;
        bool wb = !(h1 & 0x80u) && rn != 15u && (h2 & 0x800u) && (h2 & 0x100u);
        return (wb ? 1u << rn : 0u) | (load && rt != 15u ? 1u << rt : 0u);
    }
    if ((h1 & 0xFF00u) == 0xFA00u || (h1 & 0xFF80u) == 0xFB00u) { /* register data processing, multiply */
        return 1u << rd;
    }
    if ((h1 & 0xFF80u) == 0xFB80u) { /* long multiply, divide */
        return (h1 & 0x10u) && !(h1 & 0x40u) ? 1u << rd : (1u << rt) | (1u << rd);
    }
    return 0;
}

/* The registers an access's address comes from (bit n: Rn). */
static uint32_t address_regs(uint16_t h1, uint16_t h2, bool wide)
{
    if (!wide) {
        if ((h1 & 0xF800u) == 0x4800u) {
            return 0;
        }
        if ((h1 & 0xF000u) == 0x5000u) {
            return (1u << ((h1 >> 3) & 7u)) | (1u << ((h1 >> 6) & 7u));
        }
        if ((h1 & 0xE000u) == 0x6000u || (h1 & 0xF000u) == 0x8000u) {
            return 1u << ((h1 >> 3) & 7u);
        }
        if ((h1 & 0xF000u) == 0x9000u || (h1 & 0xFE00u) == 0xB400u || (h1 & 0xFE00u) == 0xBC00u) {
            return 1u << 13;
        }
        return 1u << ((h1 >> 8) & 7u); /* STM/LDM */
    }
    uint32_t m = (h1 & 0xFu) == 15u ? 0u : 1u << (h1 & 0xFu);
    if ((h1 & 0xFE00u) == 0xF800u && !(h1 & 0x80u) && !(h2 & 0x800u)) {
        m |= 1u << (h2 & 0xFu); /* register offset */
    }
    if ((h1 & 0xFFF0u) == 0xE8D0u && (h2 & 0xFFE0u) == 0xF000u) {
        m |= 1u << (h2 & 0xFu); /* TBB/TBH index */
    }
    return m;
}

/* Whether the instruction at off of a candidate (one whose address, from the current
 * registers, covers the fault) is the faulting one: the first candidate is, unless a later
 * instruction of the block writes one of its address registers and has run (it was an earlier
 * access with the register's older value; a candidate that ran with the current value would
 * have faulted itself). A writer has run when its known value is the register's current one;
 * one whose value depends on the registers is taken to have run. Writers after the last
 * candidate do not count (nothing runs after the faulting access). */
static bool is_faulting(struct sim *s, const uint8_t *buf, uint32_t block, uint32_t off, uint32_t last,
                        const uint32_t *regs)
{
    uint16_t h1 = (uint16_t)(buf[off] | (buf[off + 1u] << 8));
    bool wide = (h1 >> 11) >= 0x1Du;
    uint16_t h2 = wide ? (uint16_t)(buf[off + 2u] | (buf[off + 3u] << 8)) : 0u;
    uint32_t need = address_regs(h1, h2, wide);
    for (uint32_t o = off + (wide ? 4u : 2u); o < last;) {
        uint16_t w1 = (uint16_t)(buf[o] | (buf[o + 1u] << 8));
        bool ww = (w1 >> 11) >= 0x1Du;
        uint16_t w2 = ww ? (uint16_t)(buf[o + 2u] | (buf[o + 3u] << 8)) : 0u;
        bool known;
        uint32_t value = 0;
        uint32_t hit = writes(w1, w2, ww, block + o, s, &known, &value) & need;
        for (unsigned n = 0; n < 15u; n++) {
            if ((hit >> n) & 1u) {
                if (!known || regs[n] == value) {
                    return false;
                }
            }
        }
        o += ww ? 4u : 2u;
    }
    return true;
}

bool sim_insn_locate(struct sim *s, uint32_t block, uint32_t size, uint32_t addr, bool write, struct sim_insn *out)
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
    /* the candidates, in order */
    struct sim_insn cand[64];
    unsigned n = 0;
    for (uint32_t off = 0; off + 1u < size && n < 64u;) {
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
        bool before = addr - a.lo < a.len;
        if (mem && (write ? a.store : a.load) && (before || (a.alt != 0u && addr - a.alt < a.len))) {
            cand[n] = (struct sim_insn){ off, wide ? 4u : 2u, -1, 0 };
            if (a.wb_reg >= 0 && before) { /* the base still holds its value from before */
                cand[n].wb_reg = a.wb_reg;
                cand[n].wb_val = a.wb_val;
            }
            n++;
        }
        off += wide ? 4u : 2u;
    }
    if (n == 0u) {
        return false;
    }
    unsigned pick = n - 1u;
    for (unsigned i = 0; i + 1u < n; i++) {
        if (is_faulting(s, buf, block, cand[i].pc, cand[n - 1u].pc, regs)) {
            pick = i;
            break;
        }
    }
    *out = cand[pick];
    out->pc += block;
    return true;
}

bool sim_insn_find_access(struct sim *s, uint32_t block, uint32_t size, uint32_t addr, bool write, uint32_t *pc)
{
    struct sim_insn in;
    if (!sim_insn_locate(s, block, size, addr, write, &in)) {
        return false;
    }
    *pc = in.pc;
    return true;
}
