/* STM32H7 RCC, PWR and FLASH interface (RM0433 chapters 6, 8, 4; RM0455 and RM0468 for the
 * H7A3/H7B0/H7B3 and H72x/H73x lines: same offsets, CD/SRD names): the clock tree as
 * the core sees it. Ready flags come after the oscillator start-up or PLL lock time; a
 * switch to a clock the voltage scale or the flash wait states cannot take is a violation. */
#include "h7.h"

#include <string.h>

/* Times the model uses (virtual): HSE crystal start-up tSU(HSE) 2 ms typical (STM32H743
 * datasheet, HSE oscillator characteristics); PLL lock and regulator steps are microseconds
 * (datasheet: tens of us); the model takes 50 us for PLL lock and 10 us for VOS/supply. */
#define HSE_STARTUP_PS 2000000000ull
#define PLL_LOCK_PS 50000000ull
#define VOS_SETTLE_PS 10000000ull
#define HSI_HZ 64000000u

/* Per line: maximum CPU clock and, per wait-state count, maximum AXI (HCLK) frequency at
 * each voltage scale (index 0 = VOS0 .. 3 = VOS3; a zero cpu_max = scale not available).
 * RM0433 table 17 (H74x, as in the facts sheet; VOS0 needs ODEN, not modelled); RM0455
 * (H7B3: 6 WS at 280 MHz VOS0, ST's examples) and RM0468 (H735: 3 WS at 260 MHz HCLK VOS0,
 * ST's examples). Values below the top scale of H7BX/H73X: UNCONFIRMED (RM tables not in
 * reach), they only matter to a boot that runs fast at a low scale. */
struct h7_line {
    uint32_t cpu_max[4];
    uint32_t ws_limit[4][8]; /* 0 ends a row: more wait states than listed run any HCLK */
    const char *name;
};
static const struct h7_line lines[] = {
    [FAMILY_STM32H74X] = { { 0u, 400000000u, 300000000u, 200000000u },
                           { { 0 },
                             { 70000000u, 140000000u, 210000000u, 225000000u },
                             { 55000000u, 110000000u, 165000000u, 225000000u },
                             { 45000000u, 90000000u, 135000000u, 180000000u, 225000000u } },
                           "STM32H74x/H75x (RM0433)" },
    [FAMILY_STM32H7BX] = { { 280000000u, 225000000u, 160000000u, 88000000u },
                           { { 42000000u, 84000000u, 126000000u, 168000000u, 210000000u, 252000000u, 280000000u },
                             { 38000000u, 76000000u, 114000000u, 152000000u, 190000000u, 225000000u },
                             { 34000000u, 68000000u, 102000000u, 136000000u, 160000000u },
                             { 22000000u, 44000000u, 66000000u, 88000000u } },
                           "STM32H7A3/H7B0/H7B3 (RM0455)" },
    [FAMILY_STM32H73X] = { { 520000000u, 400000000u, 300000000u, 170000000u },
                           { { 70000000u, 140000000u, 210000000u, 275000000u },
                             { 67000000u, 133000000u, 200000000u },
                             { 50000000u, 100000000u, 150000000u },
                             { 35000000u, 70000000u, 85000000u } },
                           "STM32H72x/H73x (RM0468)" },
};

static const struct h7_line *line_of(const struct h7_rcc *r)
{
    return &lines[r->family];
}

/* VOS field code -> scale number (0 = VOS0), per line; -1 = reserved code. */
static int scale_of(const struct h7_rcc *r, unsigned code)
{
    static const int h74x[4] = { -1, 3, 2, 1 }, h7bx[4] = { 3, 2, 1, 0 }, h73x[4] = { 0, 3, 2, 1 };
    const int *t = r->family == FAMILY_STM32H7BX ? h7bx : r->family == FAMILY_STM32H73X ? h73x : h74x;
    return t[code & 3u];
}

static unsigned scale(const struct h7_rcc *r)
{
    int sc = scale_of(r, r->vos);
    return sc < 0 ? 3u : (unsigned)sc;
}

/* Max HCLK for ws wait states at the current scale, or 0 for no limit. */
static uint32_t ws_limit(const struct h7_rcc *r, unsigned ws)
{
    const uint32_t *row = line_of(r)->ws_limit[scale(r)];
    return ws < 8u ? row[ws] : 0u;
}

static uint32_t sysclk_max(const struct h7_rcc *r)
{
    return line_of(r)->cpu_max[scale(r)];
}

static uint32_t pll1_p_hz(const struct h7_rcc *r, char *why, size_t len)
{
    uint32_t src = r->pllckselr & 3u;
    uint32_t divm = (r->pllckselr >> 4) & 0x3Fu;
    uint32_t in = src == 0 ? HSI_HZ : src == 2 ? r->hse_hz : 0u;
    if (divm == 0u || in == 0u) {
        snprintf(why, len, "PLL1 has no input (PLLSRC %u, DIVM1 %u)", src, divm);
        return 0;
    }
    uint64_t ref = in / divm;
    uint32_t rge = (r->pllcfgr >> 2) & 3u;
    static const uint32_t rge_lo[] = { 1000000u, 2000000u, 4000000u, 8000000u };
    static const uint32_t rge_hi[] = { 2000000u, 4000000u, 8000000u, 16000000u };
    if (ref < rge_lo[rge] || ref > rge_hi[rge]) {
        snprintf(why, len, "PLL1 input %llu Hz outside PLL1RGE range %u (%u-%u MHz)", (unsigned long long)ref, rge,
                 rge_lo[rge] / 1000000u, rge_hi[rge] / 1000000u);
        return 0;
    }
    uint32_t n = (r->pll1divr & 0x1FFu) + 1u, p = ((r->pll1divr >> 9) & 0x7Fu) + 1u;
    uint64_t vco = ref * n;
    bool medium = (r->pllcfgr >> 1) & 1u;
    uint64_t lo = medium ? 150000000u : 192000000u, hi = medium ? 420000000u : 836000000u;
    if (vco < lo || vco > hi) {
        snprintf(why, len, "PLL1 VCO %llu MHz outside %llu-%llu MHz", (unsigned long long)(vco / 1000000u),
                 (unsigned long long)(lo / 1000000u), (unsigned long long)(hi / 1000000u));
        return 0;
    }
    if (p != 1u && (p & 1u)) {
        snprintf(why, len, "PLL1 DIVP %u: odd dividers are not allowed", p);
        return 0;
    }
    return (uint32_t)(vco / p);
}

static unsigned div_of(uint32_t code4)
{
    static const unsigned d[8] = { 2, 4, 8, 16, 64, 128, 256, 512 };
    return (code4 & 8u) ? d[code4 & 7u] : 1u;
}

uint32_t h7_rcc_hclk(const struct h7_rcc *r)
{
    if (r->map != NULL && r->map->hclk != NULL) {
        return r->map->hclk(r);
    }
    return r->sysclk / div_of(r->d1cfgr & 0xFu);
}

static void switch_clock(struct sim *s, struct h7_rcc *r)
{
    uint32_t sw = r->cfgr & 7u;
    char why[160] = "";
    uint32_t hz = 0;
    if (sw == 0u) {
        hz = HSI_HZ;
    } else if (sw == 2u) {
        hz = (r->cr & RCC_HSERDY) ? r->hse_hz : 0u;
        snprintf(why, sizeof why, "HSE not ready");
    } else if (sw == 3u) {
        hz = (r->cr & RCC_PLL1RDY) ? pll1_p_hz(r, why, sizeof why) : 0u;
        if (!(r->cr & RCC_PLL1RDY)) {
            snprintf(why, sizeof why, "PLL1 not locked");
        }
    }
    if (hz == 0u) {
        sim_printf(s, "sim: RCC: switch to clock source %u refused: %s (SWS unchanged)", sw, why);
        return;
    }
    uint32_t d1cpre = div_of((r->d1cfgr >> 8) & 0xFu);
    uint32_t cpu = hz / d1cpre;
    if (cpu > sysclk_max(r)) {
        sim_violation(s, "RCC: CPU clock %u MHz above the %u MHz VOS%u allows on %s (PWR_D3CR/SRDCR.VOS)",
                      cpu / 1000000u, sysclk_max(r) / 1000000u, scale(r), line_of(r)->name);
    }
    uint32_t hclk = cpu / div_of(r->d1cfgr & 0xFu);
    unsigned ws = r->flash_acr & 0xFu;
    uint32_t lim = ws_limit(r, ws);
    if (lim != 0u && hclk > lim) {
        sim_violation(s, "FLASH: %u wait states cannot run at HCLK %u MHz at VOS%u on %s "
                         "(limit %u MHz): instruction fetches from flash would fail",
                      ws, hclk / 1000000u, scale(r), line_of(r)->name, lim / 1000000u);
    }
    r->sysclk = cpu;
    r->cfgr = (r->cfgr & ~(7u << 3)) | (sw << 3);
    sim_set_core_clock(s, cpu);
}

static void update_ready(struct sim *s, struct h7_rcc *r)
{
    if ((r->cr & RCC_HSEON) && !(r->cr & RCC_HSERDY) && s->now_ps >= r->hse_ready_ps) {
        r->cr |= RCC_HSERDY;
    }
    if ((r->cr & RCC_PLL1ON) && !(r->cr & RCC_PLL1RDY) && s->now_ps >= r->pll_ready_ps) {
        char why[160];
        if (pll1_p_hz(r, why, sizeof why) == 0u) {
            sim_violation(s, "RCC: PLL1 enabled with an invalid configuration: %s (it does not lock)", why);
            r->pll_ready_ps = UINT64_MAX;
            return;
        }
        r->cr |= RCC_PLL1RDY;
    }
    if (r->vos_pending && s->now_ps >= r->vos_ready_ps) {
        r->vos_pending = false;
    }
    if (r->supply_pending && s->now_ps >= r->supply_ready_ps) {
        r->supply_pending = false;
    }
}

static uint32_t rcc_read(struct sim *s, void *self, uint32_t off, unsigned size)
{
    (void)size;
    struct h7_rcc *r = self;
    update_ready(s, r);
    switch (off) {
    case 0x00: return r->cr;
    case 0x10: return r->cfgr;
    case 0x18: return r->d1cfgr;
    case 0x1C: return r->d2cfgr;
    case 0x20: return r->d3cfgr;
    case 0x28: return r->pllckselr;
    case 0x2C: return r->pllcfgr;
    case 0x30: return r->pll1divr;
    case 0x4C: return r->d1ccipr;
    default:
        if (off >= 0x7C && off < 0xD0) {
            return r->rstr[(off - 0x7C) / 4];
        }
        if (off >= 0xD4 && off < 0xF8) {
            return r->enr[(off - 0xD4) / 4];
        }
        return 0;
    }
}

static void rcc_write(struct sim *s, void *self, uint32_t off, unsigned size, uint32_t v)
{
    (void)size;
    struct h7_rcc *r = self;
    update_ready(s, r);
    switch (off) {
    case 0x00: {
        uint32_t was = r->cr;
        uint32_t rw = RCC_HSEON | RCC_PLL1ON | 1u | (1u << 18);
        if ((v & RCC_PLL1ON) == 0u && (r->cfgr >> 3 & 7u) == 3u && (was & RCC_PLL1ON)) {
            sim_printf(s, "sim: RCC: PLL1 cannot be stopped while it clocks the system: ignored");
            v |= RCC_PLL1ON;
        }
        r->cr = (was & ~rw) | (v & rw);
        if ((v & RCC_HSEON) && !(was & RCC_HSEON)) {
            r->hse_ready_ps = s->now_ps + HSE_STARTUP_PS;
            sim_schedule(s, r->hse_ready_ps);
        }
        if (!(v & RCC_HSEON)) {
            r->cr &= ~RCC_HSERDY;
        }
        if ((v & RCC_PLL1ON) && !(was & RCC_PLL1ON)) {
            r->pll_ready_ps = s->now_ps + PLL_LOCK_PS;
        }
        if (!(r->cr & RCC_PLL1ON)) {
            r->cr &= ~RCC_PLL1RDY;
        }
        break;
    }
    case 0x10:
        r->cfgr = (r->cfgr & (7u << 3)) | (v & ~(7u << 3));
        switch_clock(s, r);
        break;
    case 0x18: r->d1cfgr = v; break;
    case 0x1C: r->d2cfgr = v; break;
    case 0x20: r->d3cfgr = v; break;
    case 0x28:
    case 0x2C:
    case 0x30:
        if (r->cr & RCC_PLL1ON) {
            sim_violation(s, "RCC: PLL1 configuration written at +0x%02x while PLL1 is on: ignored by hardware", off);
            break;
        }
        if (off == 0x28) r->pllckselr = v;
        if (off == 0x2C) r->pllcfgr = v;
        if (off == 0x30) r->pll1divr = v;
        break;
    case 0x4C: r->d1ccipr = v; break;
    default:
        if (off >= 0x7C && off < 0xD0) {
            r->rstr[(off - 0x7C) / 4] = v;
            if (r->on_reset) {
                r->on_reset(s, off, v);
            }
        } else if (off >= 0xD4 && off < 0xF8) {
            r->enr[(off - 0xD4) / 4] = v;
        }
    }
}

bool h7_rcc_enabled(const struct h7_rcc *r, uint32_t enr_off, unsigned bit)
{
    uint32_t first = r->map != NULL ? r->map->enr_first : 0xD4u;
    return (r->enr[(enr_off - first) / 4] >> bit) & 1u;
}

/* RM0433: GPIO on AHB4 at 0x58020000, QUADSPI on AHB3 at 0x52005000, USART1/6 on APB2,
 * USART3 on APB1L. */
static const struct periph_map h74x_map = {
    .gpio_base = 0x58020000u, .qspi_base = 0x52005000u,
    .rstr_first = 0x7Cu, .enr_first = 0xD4u,
    .gpio_enr = RCC_AHB4ENR_OFF, .gpio_enr_name = "RCC_AHB4ENR",
    .qspi_enr = RCC_AHB3ENR_OFF, .qspi_rstr = 0x7Cu, .qspi_bit = 14,
    .usart_enr = { [1] = RCC_APB2ENR_OFF, [3] = RCC_APB1LENR_OFF, [6] = RCC_APB2ENR_OFF },
    .usart_bit = { [1] = 4, [3] = 18, [6] = 5 },
};

/* PWR: supply configuration once after power-on, then voltage scaling. */
static uint32_t pwr_read(struct sim *s, void *self, uint32_t off, unsigned size)
{
    (void)size;
    struct h7_rcc *r = self;
    update_ready(s, r);
    switch (off) {
    case 0x04: /* CSR1: ACTVOSRDY once the supply configuration has settled */
        return ((!r->supply_pending && r->supply_set) ? (1u << 13) : 0u) | ((uint32_t)r->vos << 14);
    case 0x0C: return r->pwr_cr3;
    case 0x18: return ((uint32_t)r->vos << 14) | (r->vos_pending ? 0u : (1u << 13));
    default: return 0;
    }
}

static void pwr_write(struct sim *s, void *self, uint32_t off, unsigned size, uint32_t v)
{
    (void)size;
    struct h7_rcc *r = self;
    update_ready(s, r);
    if (off == 0x0C) {
        if (r->supply_set && (v & 7u) != (r->pwr_cr3 & 7u)) {
            sim_violation(s, "PWR: supply configuration changed after it was locked (CR3 0x%02x -> 0x%02x): "
                             "refused by hardware until the next power-on", r->pwr_cr3 & 7u, v & 7u);
            return;
        }
        if (r->family == FAMILY_STM32H74X) {
            if (!r->supply_set && (v & 2u) == 0u) {
                sim_violation(s, "PWR: supply configuration 0x%02x without LDOEN on a board powered through the LDO",
                              v & 7u);
            }
            r->pwr_cr3 = (v & 7u) & ~4u; /* SCUEN cleared: locked */
        } else {
            /* RM0455/RM0468: the configuration written must be the one the board is wired
             * for (LDO: LDOEN only; direct SMPS: SMPSEN only); otherwise VCORE is not
             * regulated as the board expects and ACTVOSRDY never comes. */
            uint32_t want = s->board->clock.supply == SUPPLY_SMPS_DIRECT ? 4u : 2u;
            if ((v & 0x3Fu) != want) {
                sim_violation(s, "PWR: supply configuration CR3 0x%02x, the %s is wired for %s (0x%02x): "
                                 "VCORE not regulated, ACTVOSRDY stays 0", v & 0x3Fu, s->board->name,
                              want == 4u ? "direct SMPS" : "the LDO", want);
                r->pwr_cr3 = v & 0x3Fu;
                r->supply_set = false;
                return;
            }
            r->pwr_cr3 = v & 0x3Fu;
        }
        r->supply_set = true;
        r->supply_pending = true;
        r->supply_ready_ps = s->now_ps + VOS_SETTLE_PS;
    } else if (off == 0x18) {
        if (!r->supply_set || r->supply_pending) {
            sim_violation(s, "PWR: voltage scaling changed before the supply configuration was ready "
                             "(CSR1.ACTVOSRDY=0): not allowed (RM0433 6.6.2)");
        }
        uint8_t vos = (uint8_t)((v >> 14) & 3u);
        if (scale_of(r, vos) < 0) {
            sim_violation(s, "PWR: VOS code 00 is reserved on STM32H74x/H75x");
            return;
        }
        uint8_t was = r->vos;
        r->vos = vos;
        if (r->sysclk > sysclk_max(r)) {
            sim_violation(s, "PWR: voltage scale lowered to VOS%u while the CPU runs at %u MHz (max %u MHz)",
                          scale(r), r->sysclk / 1000000u, sysclk_max(r) / 1000000u);
            r->vos = was;
            return;
        }
        r->vos_pending = true;
        r->vos_ready_ps = s->now_ps + VOS_SETTLE_PS;
    }
}

static uint32_t flash_read(struct sim *s, void *self, uint32_t off, unsigned size)
{
    (void)s;
    (void)size;
    struct h7_rcc *r = self;
    return off == 0 ? r->flash_acr : 0u;
}

static void flash_write(struct sim *s, void *self, uint32_t off, unsigned size, uint32_t v)
{
    (void)size;
    struct h7_rcc *r = self;
    if (off != 0) {
        sim_printf(s, "sim: FLASH+0x%02x write: not implemented (programming the internal flash)", off);
        return;
    }
    unsigned ws = v & 0xFu;
    uint32_t lim = ws_limit(r, ws);
    uint32_t hclk = h7_rcc_hclk(r);
    if (lim != 0u && hclk > lim) {
        sim_violation(s, "FLASH: wait states lowered to %u while HCLK is %u MHz", ws, hclk / 1000000u);
    }
    r->flash_acr = v & 0x3Fu;
}

void h7_rcc_init(struct sim *s, struct h7_rcc *r, uint32_t hse_hz)
{
    memset(r, 0, sizeof *r);
    r->map = &h74x_map;
    r->hse_hz = hse_hz;
    r->family = s->board->family;
    r->cr = 0x00000025u;  /* HSION, HSIRDY, HSIDIV /1 */
    r->d1cfgr = 0;
    r->pllckselr = 0x02020200u;
    r->pllcfgr = 0x01FF0000u;
    r->pll1divr = 0x01010280u;
    /* H74x: LDOEN | SCUEN; SMPS lines: SMPSEN | LDOEN (RM0455/RM0468 reset value,
     * UNCONFIRMED beyond these two bits) */
    r->pwr_cr3 = 0x06u;
    r->vos = r->family == FAMILY_STM32H7BX ? 0u : 1u; /* VOS3 on every line (H7BX/H73X: UNCONFIRMED) */
    r->flash_acr = 0x37u; /* 7 WS, WRHIGHFREQ 3 */
    r->sysclk = HSI_HZ;
    r->enr[(0xE0 - 0xD4) / 4] = 0;
    sim_set_core_clock(s, HSI_HZ);
    struct periph p = { "RCC", 0x58024400u, 0x400u, rcc_read, rcc_write, r };
    sim_add_periph(s, &p);
    struct periph pw = { "PWR", 0x58024800u, 0x400u, pwr_read, pwr_write, r };
    sim_add_periph(s, &pw);
    struct periph fl = { "FLASH", 0x52002000u, 0x1000u, flash_read, flash_write, r };
    sim_add_periph(s, &fl);
}
