/* Per-instruction traps: DIV_0_TRP and NOCP (see trap.h). */
#include "trap.h"

#include "fault.h"
#include "sim.h"
#include "xalias.h"

#define MAX_TRAP_HOOKS 256u
#define CCR_DIV_0_TRP (1u << 4)

static struct {
    struct sim *s;
    uint32_t addr[MAX_TRAP_HOOKS];
    uc_hook h[MAX_TRAP_HOOKS];
    unsigned n;
    bool full_reported;
} traps;

static bool fp_denied(struct sim *s)
{
    unsigned cp10 = (s->nvic.cpacr >> 20) & 3u; /* 00 denied, 01 privileged only, 11 full */
    return cp10 == 0u || cp10 == 2u || (cp10 == 1u && !s->mpu.privileged);
}

unsigned sim_trap_armed(struct sim *s)
{
    return ((s->nvic.ccr & CCR_DIV_0_TRP) ? SIM_BLK_DIV : 0u) | (fp_denied(s) ? SIM_BLK_FP : 0u);
}

unsigned sim_trap_classify(uint16_t h1, uint16_t h2)
{
    if (((h1 & 0xFFF0u) == 0xFB90u || (h1 & 0xFFF0u) == 0xFBB0u) && (h2 & 0xF0F0u) == 0xF0F0u) {
        return SIM_BLK_DIV; /* SDIV, UDIV (A7.7.127, A7.7.195) */
    }
    if ((h1 & 0xEC00u) == 0xEC00u && ((h2 >> 9) & 7u) == 5u) {
        return SIM_BLK_FP; /* coprocessor space with coproc 10/11: the FPU (A5.3.18, A6) */
    }
    return 0;
}

static void on_trap_insn(uc_engine *uc, uint64_t address, uint32_t size, void *ud)
{
    (void)size;
    struct sim *s = ud;
    uint16_t hw[2];
    if (uc_mem_read(uc, address, hw, 4) != UC_ERR_OK) {
        return;
    }
    unsigned kind = sim_trap_classify(hw[0], hw[1]) & sim_trap_armed(s);
    uint32_t pc = sim_xalias_real(s, (uint32_t)address);
    if (kind == SIM_BLK_DIV) {
        uint32_t rm = 0;
        uc_reg_read(uc, UC_ARM_REG_R0 + (int)(hw[1] & 0xFu), &rm);
        if ((hw[1] & 0xFu) == 13u) {
            uc_reg_read(uc, UC_ARM_REG_SP, &rm);
        }
        if (rm == 0u) {
            sim_fault(s, 6, CFSR_DIVBYZERO, pc, NULL, "divide by zero with CCR.DIV_0_TRP");
        }
    } else if (kind == SIM_BLK_FP) {
        sim_fault(s, 6, CFSR_NOCP, pc, NULL, "FPU instruction while CPACR denies CP10/CP11 (0x%08x)", s->nvic.cpacr);
    }
}

static bool hooked(uint32_t a)
{
    for (unsigned i = 0; i < traps.n; i++) {
        if (traps.addr[i] == a) {
            return true;
        }
    }
    return false;
}

bool sim_trap_hook_block(struct sim *s, uint32_t block, uint32_t size, unsigned kinds)
{
    uint8_t buf[512];
    if (traps.s != s) {
        traps.s = s;
        traps.n = 0;
    }
    if (size > sizeof buf || uc_mem_read(s->uc, block, buf, size) != UC_ERR_OK) {
        return false;
    }
    bool added = false;
    for (uint32_t off = 0; off + 1u < size;) {
        uint16_t h1 = (uint16_t)(buf[off] | (buf[off + 1u] << 8));
        bool wide = (h1 >> 11) >= 0x1Du;
        if (wide && off + 3u < size) {
            uint16_t h2 = (uint16_t)(buf[off + 2u] | (buf[off + 3u] << 8));
            uint32_t a = block + off;
            if ((sim_trap_classify(h1, h2) & kinds) != 0u && !hooked(a)) {
                if (traps.n == MAX_TRAP_HOOKS) {
                    if (!traps.full_reported) {
                        sim_printf(s, "sim: note: more than %u trapped instructions: DIV_0_TRP/NOCP not checked at"
                                      " 0x%08x and later ones (not implemented)", MAX_TRAP_HOOKS, a);
                        traps.full_reported = true;
                    }
                    return added;
                }
                if (uc_hook_add(s->uc, &traps.h[traps.n], UC_HOOK_CODE, (void *)on_trap_insn, s, a, a) == UC_ERR_OK) {
                    traps.addr[traps.n++] = a;
                    added = true;
                }
            }
        }
        off += wide ? 4u : 2u;
    }
    if (added) {
        uc_ctl_remove_cache(s->uc, block, (uint64_t)block + size);
    }
    return added;
}
