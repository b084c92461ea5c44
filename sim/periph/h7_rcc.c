/* STM32H74x/H75x RCC, PWR and FLASH interface (RM0433 chapters 6, 8, 4): the clock tree as
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

/* Max AXI (HCLK) frequency for each number of wait states at VOS1 and VOS3 (RM0433 table
 * 17, as transcribed in the facts sheet; WRHIGHFREQ in brackets not modelled). */
static const uint32_t ws_limit_vos1[] = { 70000000u, 140000000u, 210000000u, 225000000u, 225000000u };
static const uint32_t ws_limit_vos3[] = { 45000000u, 90000000u, 135000000u, 180000000u, 225000000u };

static uint32_t sysclk_max(const struct h7_rcc *r)
{
    switch (r->vos) {
    case 3: return 400000000u; /* VOS1 (code 11) */
    case 2: return 300000000u; /* VOS2 */
    default: return 200000000u; /* VOS3, the reset value */
    }
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
        sim_violation(s, "RCC: CPU clock %u MHz above the %u MHz the voltage scale allows (PWR_D3CR.VOS)",
                      cpu / 1000000u, sysclk_max(r) / 1000000u);
    }
    uint32_t hclk = cpu / div_of(r->d1cfgr & 0xFu);
    unsigned ws = r->flash_acr & 0xFu;
    const uint32_t *lim = r->vos == 3 ? ws_limit_vos1 : ws_limit_vos3;
    if (ws < 5 && hclk > lim[ws]) {
        sim_violation(s, "FLASH: %u wait states cannot run at HCLK %u MHz at this voltage scale "
                         "(limit %u MHz): instruction fetches from flash would fail",
                      ws, hclk / 1000000u, lim[ws] / 1000000u);
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
        if (!r->supply_set && (v & 2u) == 0u) {
            sim_violation(s, "PWR: supply configuration 0x%02x without LDOEN on a board powered through the LDO",
                          v & 7u);
        }
        r->pwr_cr3 = (v & 7u) & ~4u; /* SCUEN cleared: locked */
        r->supply_set = true;
        r->supply_pending = true;
        r->supply_ready_ps = s->now_ps + VOS_SETTLE_PS;
    } else if (off == 0x18) {
        if (!r->supply_set || r->supply_pending) {
            sim_violation(s, "PWR: voltage scaling changed before the supply configuration was ready "
                             "(CSR1.ACTVOSRDY=0): not allowed (RM0433 6.6.2)");
        }
        uint8_t vos = (uint8_t)((v >> 14) & 3u);
        if (vos == 0u) {
            sim_violation(s, "PWR: VOS code 00 is reserved on STM32H74x/H75x");
            return;
        }
        if (vos < r->vos && r->sysclk > 200000000u) {
            sim_violation(s, "PWR: voltage scale lowered while the CPU runs at %u MHz", r->sysclk / 1000000u);
        }
        r->vos = vos;
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
    const uint32_t *lim = r->vos == 3 ? ws_limit_vos1 : ws_limit_vos3;
    uint32_t hclk = h7_rcc_hclk(r);
    if (ws < 5 && hclk > lim[ws]) {
        sim_violation(s, "FLASH: wait states lowered to %u while HCLK is %u MHz", ws, hclk / 1000000u);
    }
    r->flash_acr = v & 0x3Fu;
}

void h7_rcc_init(struct sim *s, struct h7_rcc *r, uint32_t hse_hz)
{
    memset(r, 0, sizeof *r);
    r->map = &h74x_map;
    r->hse_hz = hse_hz;
    r->cr = 0x00000025u;  /* HSION, HSIRDY, HSIDIV /1 */
    r->d1cfgr = 0;
    r->pllckselr = 0x02020200u;
    r->pllcfgr = 0x01FF0000u;
    r->pll1divr = 0x01010280u;
    r->pwr_cr3 = 0x06u;   /* LDOEN | SCUEN */
    r->vos = 1;           /* VOS3 */
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
