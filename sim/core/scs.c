/* System control space of the Cortex-M7: SysTick, NVIC, SCB, MPU registers, debug and DWT
 * cycle counter (ARMv7-M ARM B3.2-B3.5, C1.6, C1.8; Cortex-M7 TRM). */
#include "sim.h"

#include "mpu.h"

#include <string.h>

#define CPUID_CM7_R1P2 0x411FC272u

static uint64_t systick_div(const struct sim *s)
{
    return (s->systick.csr & 4u) ? 1u : 8u; /* external reference: HCLK/8 on STM32 */
}

void sim_systick_update(struct sim *s)
{
    struct sim_systick *t = &s->systick;
    if (!(t->csr & 1u) || t->rvr == 0u) {
        return;
    }
    uint64_t period = ((uint64_t)t->rvr + 1u) * systick_div(s);
    uint64_t el = s->cycles - t->load_cycles;
    if (el >= period) {
        t->load_cycles += (el / period) * period;
        t->csr |= 1u << 16; /* COUNTFLAG */
        if (t->csr & 2u) {
            sim_set_pending(s, 15);
        }
        el %= period;
    }
    sim_schedule(s, s->now_ps + (period - el) * s->period_ps);
}

static uint32_t systick_cvr(struct sim *s)
{
    struct sim_systick *t = &s->systick;
    if (!(t->csr & 1u) || t->rvr == 0u) {
        return 0;
    }
    uint64_t div = systick_div(s);
    uint64_t el = (s->cycles - t->load_cycles) / div;
    return t->rvr - (uint32_t)(el % ((uint64_t)t->rvr + 1u));
}

static uint32_t ccsidr(const struct sim *s)
{
    bool icache = s->nvic.csselr & 1u;
    uint32_t size = icache ? s->board->icache_size : s->board->dcache_size;
    uint32_t ways = icache ? 2u : 4u;
    uint32_t sets = size / (ways * 32u);
    return ((sets - 1u) << 13) | ((ways - 1u) << 3) | 1u; /* 8-word lines */
}

static uint32_t byte_lane(uint32_t word, uint32_t off, unsigned size)
{
    uint32_t shift = (off & 3u) * 8u;
    uint32_t mask = size >= 4 ? 0xFFFFFFFFu : ((1u << (size * 8u)) - 1u);
    return (word >> shift) & mask;
}

static uint32_t prio_word(const struct sim *s, unsigned first_exc)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < 4; i++) {
        if (first_exc + i < SIM_NUM_EXC) {
            v |= (uint32_t)s->nvic.prio[first_exc + i] << (8 * i);
        }
    }
    return v;
}

static int raw_prio(const struct sim *s, unsigned e)
{
    return e == 2u ? -2 : e == 3u ? -1 : (int)s->nvic.prio[e];
}

static bool exc_is_enabled(const struct sim *s, unsigned e)
{
    if (e >= 4u && e <= 6u) {
        return (s->nvic.shcsr >> (12u + e)) & 1u; /* MEMFAULTENA 16, BUSFAULTENA 17, USGFAULTENA 18 */
    }
    return e < 16u || s->nvic.enabled[e];
}

/* ICSR (B3.2.4): VECTACTIVE, RETTOBASE, VECTPENDING (the most urgent pending and enabled
 * exception), ISRPENDING (an external interrupt pending), PENDSTSET, PENDSVSET, NMIPENDSET. */
static uint32_t icsr(struct sim *s, uint32_t xpsr)
{
    uint32_t v = xpsr & 0x1FFu;
    unsigned active = 0, best = 0;
    for (unsigned e = 1; e < SIM_NUM_EXC; e++) {
        active += s->nvic.active[e];
        if (s->nvic.pending[e] && exc_is_enabled(s, e) && (best == 0u || raw_prio(s, e) < raw_prio(s, best))) {
            best = e;
        }
        if (e >= 16u && s->nvic.pending[e]) {
            v |= 1u << 22;
        }
    }
    if ((xpsr & 0x1FFu) != 0u && active <= 1u) {
        v |= 1u << 11;
    }
    v |= (uint32_t)best << 12;
    if (s->nvic.pending[15]) v |= 1u << 26;
    if (s->nvic.pending[14]) v |= 1u << 28;
    if (s->nvic.pending[2]) v |= 1u << 31;
    return v;
}

/* SHCSR (B3.2.13): the active and pended bits are the exceptions' state, the enables stored. */
static const struct { uint8_t bit, exc, pended; } shcsr_bits[] = {
    { 0, 4, 0 }, { 1, 5, 0 }, { 3, 6, 0 }, { 7, 11, 0 }, { 8, 12, 0 }, { 10, 14, 0 }, { 11, 15, 0 },
    { 12, 6, 1 }, { 13, 4, 1 }, { 14, 5, 1 }, { 15, 11, 1 },
};

static uint32_t shcsr_read(const struct sim *s)
{
    uint32_t v = s->nvic.shcsr & (7u << 16);
    for (unsigned i = 0; i < sizeof shcsr_bits / sizeof shcsr_bits[0]; i++) {
        const uint8_t *state = shcsr_bits[i].pended ? s->nvic.pending : s->nvic.active;
        v |= (uint32_t)state[shcsr_bits[i].exc] << shcsr_bits[i].bit;
    }
    return v;
}

static void shcsr_write(struct sim *s, uint32_t val)
{
    s->nvic.shcsr = val & (7u << 16);
    for (unsigned i = 0; i < sizeof shcsr_bits / sizeof shcsr_bits[0]; i++) {
        uint8_t *state = shcsr_bits[i].pended ? s->nvic.pending : s->nvic.active;
        state[shcsr_bits[i].exc] = (uint8_t)((val >> shcsr_bits[i].bit) & 1u);
    }
}

uint32_t sim_scs_read(struct sim *s, uint32_t off, unsigned size)
{
    struct sim_nvic *n = &s->nvic;
    uint32_t w = 0, a = off & ~3u;
    if (a >= 0x100u && a < 0x120u) {
        for (unsigned i = 0; i < 32; i++) w |= (uint32_t)n->enabled[16 + (a - 0x100u) * 8u + i] << i;
    } else if (a >= 0x180u && a < 0x1A0u) {
        for (unsigned i = 0; i < 32; i++) w |= (uint32_t)n->enabled[16 + (a - 0x180u) * 8u + i] << i;
    } else if (a >= 0x200u && a < 0x220u) {
        for (unsigned i = 0; i < 32; i++) w |= (uint32_t)n->pending[16 + (a - 0x200u) * 8u + i] << i;
    } else if (a >= 0x280u && a < 0x2A0u) {
        for (unsigned i = 0; i < 32; i++) w |= (uint32_t)n->pending[16 + (a - 0x280u) * 8u + i] << i;
    } else if (a >= 0x300u && a < 0x320u) {
        for (unsigned i = 0; i < 32; i++) w |= (uint32_t)n->active[16 + (a - 0x300u) * 8u + i] << i;
    } else if (a >= 0x400u && a < 0x400u + SIM_NUM_IRQ) {
        w = prio_word(s, 16u + (a - 0x400u));
    } else if (a >= 0xD18u && a < 0xD24u) {
        w = prio_word(s, 4u + (a - 0xD18u));
    } else if (a >= 0xD90u && a < 0xDBCu) { /* MPU: TYPE, CTRL, RNR, RBAR/RASR and aliases */
        w = sim_mpu_read(s, a);
    } else {
        switch (a) {
        case 0x004: w = (SIM_NUM_IRQ + 31u) / 32u - 1u; break; /* ICTR */
        case 0xF00: w = 0; break; /* STIR is write-only */
        case 0x010: w = s->systick.csr; s->systick.csr &= ~(1u << 16); break;
        case 0x014: w = s->systick.rvr; break;
        case 0x018: w = systick_cvr(s); break;
        case 0x01C: w = 0x40000000u; break; /* CALIB: no reference clock calibration */
        case 0xD00: w = CPUID_CM7_R1P2; break;
        case 0xD04: {
            uint32_t xpsr = 0;
            uc_reg_read(s->uc, UC_ARM_REG_XPSR, &xpsr);
            w = icsr(s, xpsr);
            break;
        }
        case 0xD08: w = n->vtor; break;
        case 0xD0C: w = (n->aircr & 0x0700u) | 0xFA050000u; break;
        case 0xD10: w = n->scr; break;
        case 0xD14: w = n->ccr; break;
        case 0xD24: w = shcsr_read(s); break;
        case 0xD28: w = n->cfsr; break;
        case 0xD2C: w = n->hfsr; break;
        case 0xD34: w = n->mmfar; break;
        case 0xD38: w = n->bfar; break;
        case 0xD78: w = 0x09000003u; break; /* CLIDR: L1 I and D caches */
        case 0xD7C: w = 0x8303C003u; break; /* CTR: 8-word lines */
        case 0xD80: w = ccsidr(s); break;
        case 0xD84: w = n->csselr; break;
        case 0xD88: w = n->cpacr; break;
        case 0xF34: w = n->fpccr; break;
        case 0xF9C: w = cache_cacr(s); break;
        case 0xDFC: w = s->demcr; break;
        default:
            if (a >= 0xF50u && a <= 0xF78u) {
                w = 0; /* cache maintenance operations are write-only */
            } else {
                sim_printf(s, "sim: read of SCS 0xE000E%03x: not implemented, reads 0", a);
            }
        }
    }
    return byte_lane(w, off, size);
}

static void set_bits(uint8_t *arr, unsigned first, uint32_t bits, uint8_t v)
{
    for (unsigned i = 0; i < 32; i++) {
        if ((bits >> i) & 1u && first + i < SIM_NUM_EXC) {
            arr[first + i] = v;
        }
    }
}

static void write_prio(struct sim *s, unsigned first_exc, uint32_t off, unsigned size, uint32_t val)
{
    for (unsigned i = 0; i < size; i++) {
        unsigned e = first_exc + (off & 3u) + i;
        if (e < SIM_NUM_EXC) {
            s->nvic.prio[e] = (uint8_t)((val >> (8 * i)) & 0xF0u); /* 4 priority bits implemented */
        }
    }
}

void sim_scs_write(struct sim *s, uint32_t off, unsigned size, uint32_t val)
{
    struct sim_nvic *n = &s->nvic;
    uint32_t a = off & ~3u;
    if (a >= 0x100u && a < 0x120u) {
        set_bits(n->enabled, 16 + (a - 0x100u) * 8u, val, 1);
    } else if (a >= 0x180u && a < 0x1A0u) {
        set_bits(n->enabled, 16 + (a - 0x180u) * 8u, val, 0);
    } else if (a >= 0x200u && a < 0x220u) {
        set_bits(n->pending, 16 + (a - 0x200u) * 8u, val, 1);
    } else if (a >= 0x280u && a < 0x2A0u) {
        set_bits(n->pending, 16 + (a - 0x280u) * 8u, val, 0);
    } else if (a >= 0x400u && a < 0x400u + SIM_NUM_IRQ) {
        write_prio(s, 16u + (a - 0x400u), off, size, val);
    } else if (a >= 0xD18u && a < 0xD24u) {
        write_prio(s, 4u + (a - 0xD18u), off, size, val);
    } else if (a >= 0xD90u && a < 0xDBCu) {
        if (size != 4u) {
            sim_violation(s, "%u-byte write to MPU register 0xE000E%03x: the MPU registers are word-accessed", size, a);
        }
        sim_mpu_write(s, a, val);
    } else if (a == 0xF00u) { /* STIR */
        sim_set_pending(s, 16u + (val & 0x1FFu));
    } else {
        switch (a) {
        case 0x010:
            s->systick.csr = (s->systick.csr & (1u << 16)) | (val & 7u);
            s->systick.load_cycles = s->cycles;
            sim_systick_update(s);
            break;
        case 0x014: s->systick.rvr = val & 0xFFFFFFu; break;
        case 0x018:
            s->systick.load_cycles = s->cycles;
            s->systick.csr &= ~(1u << 16);
            sim_systick_update(s);
            break;
        case 0xD04:
            if (val & (1u << 26)) n->pending[15] = 1;
            if (val & (1u << 25)) n->pending[15] = 0;
            if (val & (1u << 28)) n->pending[14] = 1;
            if (val & (1u << 27)) n->pending[14] = 0;
            if (val & (1u << 31)) n->pending[2] = 1;
            break;
        case 0xD08: n->vtor = val & 0xFFFFFF80u; break;
        case 0xD0C:
            if ((val >> 16) != 0x05FAu) {
                sim_printf(s, "sim: AIRCR write 0x%08x without VECTKEY 0x05FA: ignored (firmware mistake)", val);
                break;
            }
            n->aircr = val & 0x0700u;
            if (val & 4u) {
                sim_printf(s, "sim: SYSRESETREQ: system reset requested, stopping");
                s->stop = true;
            }
            break;
        case 0xD10: n->scr = val & 0x16u; break;
        case 0xD14:
            n->ccr = val & 0x0007031Bu;
            cache_set_ccr(s, n->ccr);
            s->mpu.dirty = true; /* DIV_0_TRP, UNALIGN_TRP arm traps (sim/core/trap.c, mpu.c) */
            break;
        case 0xD24: shcsr_write(s, val); break;
        case 0xD28: n->cfsr &= ~val; break;
        case 0xD2C: n->hfsr &= ~val; break;
        case 0xD84: n->csselr = val & 1u; break;
        case 0xD88:
            n->cpacr = val & (0xFu << 20);
            s->mpu.dirty = true; /* NOCP trap (sim/core/trap.c) */
            break;
        case 0xF34: n->fpccr = val & 0xC000017Bu; break; /* ASPEN, LSPEN, state bits (B3.2.21) */
        case 0xDFC: s->demcr = val; break;
        default:
            if (a >= 0xF50u && a <= 0xF78u) {
                cache_maintenance(s, a, val);
                break;
            }
            if (a == 0xF9Cu) {
                cache_set_cacr(s, val);
                break;
            }
            sim_printf(s, "sim: write 0x%08x to SCS 0xE000E%03x: not implemented, ignored", val, a);
        }
    }
    /* any NVIC/SCB change may make an exception pending-and-enabled */
    bool any = false;
    for (unsigned e = 1; e < SIM_NUM_EXC && !any; e++) {
        if (!n->pending[e]) {
            continue;
        }
        any = e < 16 ? (e == 4 ? (n->shcsr >> 16) & 1u : e == 5 ? (n->shcsr >> 17) & 1u
                                                        : e == 6 ? (n->shcsr >> 18) & 1u : 1u)
                     : n->enabled[e];
    }
    n->any_pending = any;
}

/* DWT (0xE0001000): the cycle counter, locked until LAR is written with the key. */
struct dwt_state {
    bool unlocked;
    uint32_t frozen; /* CYCCNT while it does not count */
};
static struct dwt_state dwt;

uint32_t sim_dwt_read(struct sim *s, uint32_t off);
void sim_dwt_write(struct sim *s, uint32_t off, uint32_t val);

uint32_t sim_dwt_read(struct sim *s, uint32_t off)
{
    switch (off) {
    case 0x000: return 0x40000000u | (s->dwt_ctrl & 1u);
    case 0x004:
        if ((s->dwt_ctrl & 1u) && (s->demcr & (1u << 24))) {
            return (uint32_t)(s->cycles - s->dwt_base_cycles);
        }
        return dwt.frozen;
    case 0xFB4: return dwt.unlocked ? 1u : 3u; /* LSR: lock implemented, locked */
    default: return 0;
    }
}

void sim_dwt_write(struct sim *s, uint32_t off, uint32_t val)
{
    if (off == 0xFB0u) {
        dwt.unlocked = val == 0xC5ACCE55u;
        return;
    }
    if (!dwt.unlocked) {
        sim_printf(s, "sim: write to DWT+0x%03x while the DWT is locked (write 0xC5ACCE55 to DWT_LAR first): ignored",
                   off);
        return;
    }
    switch (off) {
    case 0x000: {
        uint32_t cur = sim_dwt_read(s, 4);
        s->dwt_ctrl = val & 1u;
        dwt.frozen = cur;
        s->dwt_base_cycles = s->cycles - cur;
        break;
    }
    case 0x004:
        dwt.frozen = val;
        s->dwt_base_cycles = s->cycles - val;
        break;
    default: break;
    }
}
