/* STM32F7 RCC, PWR and FLASH interface (RM0431 chapters 3-5; RM0385 the same fields): the
 * clock tree as the core sees it. Ready flags come after the oscillator start-up, PLL lock
 * or regulator settling time. A switch to a clock that the flash latency, the voltage scale
 * or the over-drive state cannot take is refused: the model logs it as an error and keeps
 * the old clock (SWS unchanged), where hardware would fetch wrong instructions or run out
 * of its specification. */
#include "f7.h"

#include <string.h>

/* Virtual times: HSE crystal start-up tSU(HSE) 2 ms typical (STM32F7 datasheets, HSE
 * oscillator characteristics); PLL lock tLOCK up to 100 us (datasheet, main PLL);
 * over-drive enable and switch take tens of microseconds (UNCONFIRMED: 50 us each). */
#define HSE_STARTUP_PS 2000000000ull
#define PLL_LOCK_PS 100000000ull
#define OD_SETTLE_PS 50000000ull
#define HSI_HZ 16000000u

#define CR_HSEON (1u << 16)
#define CR_HSERDY (1u << 17)
#define CR_PLLON (1u << 24)
#define CR_PLLRDY (1u << 25)
#define PWR_ODEN (1u << 16)
#define PWR_ODSWEN (1u << 17)
#define CSR1_VOSRDY (1u << 14)
#define CSR1_ODRDY (1u << 16)
#define CSR1_ODSWRDY (1u << 17)

#define RSTR_FIRST 0x10u
#define ENR_FIRST 0x30u
#define APB1ENR_OFF 0x40u
#define APB2ENR_OFF 0x44u

/* Flash: one wait state per 30 MHz of HCLK at 2.7-3.6 V (RM0431 table 7). */
#define FLASH_HZ_PER_WS 30000000u

static unsigned ahb_div(uint32_t cfgr)
{
    static const unsigned d[8] = { 2, 4, 8, 16, 64, 128, 256, 512 };
    uint32_t code = (cfgr >> 4) & 0xFu;
    return (code & 8u) ? d[code & 7u] : 1u;
}

static unsigned apb_div(uint32_t code3)
{
    return (code3 & 4u) ? 2u << (code3 & 3u) : 1u;
}

static uint32_t f7_hclk(const struct h7_rcc *r)
{
    return r->sysclk / ahb_div(r->cfgr);
}

/* Highest HCLK the regulator allows now (datasheet general operating conditions): the VOS
 * scale counts only while the PLL runs, else scale 3 applies (RM0431 4.1.4). */
static uint32_t hclk_max(const struct f7_rcc *f, bool *needs_od)
{
    unsigned vos = (f->base.cr & CR_PLLON) ? (f->pwr_cr1 >> 14) & 3u : 1u;
    bool od = f->odsw_ready;
    uint32_t no_od = vos == 3u ? 180000000u : vos == 2u ? 168000000u : 144000000u;
    uint32_t with_od = vos == 3u ? 216000000u : vos == 2u ? 180000000u : 144000000u;
    *needs_od = !od && with_od > no_od;
    return od ? with_od : no_od;
}

static uint32_t pll_p_hz(const struct h7_rcc *r, char *why, size_t len)
{
    uint32_t c = r->pllcfgr;
    uint32_t m = c & 0x3Fu, n = (c >> 6) & 0x1FFu, p = 2u * (((c >> 16) & 3u) + 1u), q = (c >> 24) & 0xFu;
    uint32_t in = (c & (1u << 22)) ? r->hse_hz : HSI_HZ;
    if (m < 2u) {
        snprintf(why, len, "PLLM %u: values 0 and 1 are not allowed", m);
        return 0;
    }
    uint64_t ref = in / m;
    if (ref < 1000000u || ref > 2000000u) {
        snprintf(why, len, "PLL input %llu Hz outside 1-2 MHz (PLLM %u)", (unsigned long long)ref, m);
        return 0;
    }
    if (n < 50u || n > 432u) {
        snprintf(why, len, "PLLN %u outside 50-432", n);
        return 0;
    }
    uint64_t vco = ref * n;
    if (vco < 100000000u || vco > 432000000u) {
        snprintf(why, len, "PLL VCO %llu MHz outside 100-432 MHz", (unsigned long long)(vco / 1000000u));
        return 0;
    }
    if (q < 2u) {
        snprintf(why, len, "PLLQ %u: values 0 and 1 are not allowed", q);
        return 0;
    }
    return (uint32_t)(vco / p);
}

uint32_t f7_rcc_sdmmc1_hz(const struct f7_rcc *f, bool *from48)
{
    const struct h7_rcc *r = &f->base;
    *from48 = (f->dckcfgr2 & (1u << 28)) == 0u;
    if (!*from48) {
        return r->sysclk;
    }
    if ((f->dckcfgr2 & (1u << 27)) || !(r->cr & CR_PLLRDY)) {
        return 0; /* PLLSAI P (not modelled), or the main PLL not running */
    }
    char why[160];
    uint32_t p_hz = pll_p_hz(r, why, sizeof why);
    uint32_t c = r->pllcfgr, p = 2u * (((c >> 16) & 3u) + 1u), q = (c >> 24) & 0xFu;
    return p_hz == 0u || q < 2u ? 0u : (uint32_t)((uint64_t)p_hz * p / q);
}

static void update_ready(struct sim *s, struct f7_rcc *f)
{
    struct h7_rcc *r = &f->base;
    if ((r->cr & CR_HSEON) && !(r->cr & CR_HSERDY) && s->now_ps >= r->hse_ready_ps) {
        r->cr |= CR_HSERDY;
    }
    if ((r->cr & CR_PLLON) && !(r->cr & CR_PLLRDY) && s->now_ps >= r->pll_ready_ps) {
        char why[160];
        if (pll_p_hz(r, why, sizeof why) == 0u) {
            sim_violation(s, "RCC: PLL enabled with an invalid configuration: %s (it does not lock)", why);
            r->pll_ready_ps = UINT64_MAX;
            return;
        }
        r->cr |= CR_PLLRDY;
    }
    f->vos_ready = (r->cr & CR_PLLRDY) != 0u; /* the scale applies once the PLL runs */
    if ((f->pwr_cr1 & PWR_ODEN) && !f->od_ready && s->now_ps >= f->od_ready_ps) {
        f->od_ready = true;
    }
    if ((f->pwr_cr1 & PWR_ODSWEN) && !f->odsw_ready && s->now_ps >= f->odsw_ready_ps) {
        f->odsw_ready = true;
    }
}

static void switch_clock(struct sim *s, struct f7_rcc *f, uint32_t want_cfgr)
{
    struct h7_rcc *r = &f->base;
    uint32_t sw = want_cfgr & 3u;
    char why[200] = "";
    uint32_t hz = 0;
    if (sw == 0u) {
        hz = HSI_HZ;
    } else if (sw == 1u) {
        hz = (r->cr & CR_HSERDY) ? r->hse_hz : 0u;
        snprintf(why, sizeof why, "HSE not ready");
    } else if (sw == 2u) {
        hz = (r->cr & CR_PLLRDY) ? pll_p_hz(r, why, sizeof why) : 0u;
        if (!(r->cr & CR_PLLRDY)) {
            snprintf(why, sizeof why, "PLL not locked");
        }
    } else {
        snprintf(why, sizeof why, "SW=11 is not allowed");
    }
    if (hz == 0u) {
        sim_printf(s, "sim: RCC: switch to clock source %u refused: %s (SWS unchanged)", sw, why);
        return;
    }
    uint32_t hclk = hz / ahb_div(want_cfgr);
    bool needs_od;
    uint32_t max = hclk_max(f, &needs_od);
    if (hclk > max) {
        sim_violation(s, "RCC: switch to HCLK %u MHz refused: the regulator allows %u MHz%s (PWR_CR1.VOS%s): "
                         "SWS unchanged", hclk / 1000000u, max / 1000000u,
                      needs_od ? " without over-drive" : "", needs_od ? ", ODEN/ODSWEN" : "");
        return;
    }
    unsigned ws = r->flash_acr & 0xFu;
    if (hclk > FLASH_HZ_PER_WS * (ws + 1u)) {
        sim_violation(s, "FLASH: switch to HCLK %u MHz refused: %u wait states serve up to %u MHz, the flash "
                         "could not deliver instructions (SWS unchanged)", hclk / 1000000u, ws,
                      FLASH_HZ_PER_WS * (ws + 1u) / 1000000u);
        return;
    }
    uint32_t apb1 = hclk / apb_div((want_cfgr >> 10) & 7u), apb2 = hclk / apb_div((want_cfgr >> 13) & 7u);
    if (apb1 > 54000000u || apb2 > 108000000u) {
        sim_violation(s, "RCC: APB1 %u MHz / APB2 %u MHz above the 54 / 108 MHz limits", apb1 / 1000000u,
                      apb2 / 1000000u);
    }
    r->sysclk = hz;
    r->cfgr = (want_cfgr & ~(3u << 2)) | (sw << 2);
    sim_set_core_clock(s, hz);
}

static uint32_t rcc_read(struct sim *s, void *self, uint32_t off, unsigned size)
{
    (void)size;
    struct f7_rcc *f = self;
    struct h7_rcc *r = &f->base;
    update_ready(s, f);
    switch (off) {
    case 0x00: return r->cr;
    case 0x04: return r->pllcfgr;
    case 0x08: return r->cfgr;
    case 0x90: return f->dckcfgr2;
    default:
        if (off >= RSTR_FIRST && off < RSTR_FIRST + 0x18u) {
            return r->rstr[(off - RSTR_FIRST) / 4];
        }
        if (off >= ENR_FIRST && off < ENR_FIRST + 0x18u) {
            return r->enr[(off - ENR_FIRST) / 4];
        }
        return 0;
    }
}

static void rcc_write(struct sim *s, void *self, uint32_t off, unsigned size, uint32_t v)
{
    (void)size;
    struct f7_rcc *f = self;
    struct h7_rcc *r = &f->base;
    update_ready(s, f);
    switch (off) {
    case 0x00: {
        uint32_t was = r->cr;
        uint32_t rw = CR_HSEON | CR_PLLON | 1u | (1u << 18) | (1u << 19);
        if ((v & CR_PLLON) == 0u && ((r->cfgr >> 2) & 3u) == 2u && (was & CR_PLLON)) {
            sim_printf(s, "sim: RCC: PLL cannot be stopped while it clocks the system: ignored");
            v |= CR_PLLON;
        }
        r->cr = (was & ~rw) | (v & rw);
        if ((v & CR_HSEON) && !(was & CR_HSEON)) {
            r->hse_ready_ps = s->now_ps + HSE_STARTUP_PS;
            sim_schedule(s, r->hse_ready_ps);
        }
        if (!(v & CR_HSEON)) {
            r->cr &= ~CR_HSERDY;
        }
        if ((v & CR_PLLON) && !(was & CR_PLLON)) {
            r->pll_ready_ps = s->now_ps + PLL_LOCK_PS;
        }
        if (!(r->cr & CR_PLLON)) {
            r->cr &= ~CR_PLLRDY;
        }
        break;
    }
    case 0x04:
        if (r->cr & CR_PLLON) {
            sim_violation(s, "RCC: PLLCFGR written while the PLL is on: ignored by hardware");
            break;
        }
        r->pllcfgr = v;
        break;
    case 0x90: f->dckcfgr2 = v; break;
    case 0x08:
        if ((v & 3u) != ((r->cfgr >> 2) & 3u)) {
            switch_clock(s, f, v);
        } else {
            r->cfgr = (v & ~(3u << 2)) | (r->cfgr & (3u << 2)); /* prescalers only */
        }
        break;
    default:
        if (off >= RSTR_FIRST && off < RSTR_FIRST + 0x18u) {
            r->rstr[(off - RSTR_FIRST) / 4] = v;
            if (r->on_reset) {
                r->on_reset(s, off, v);
            }
        } else if (off >= ENR_FIRST && off < ENR_FIRST + 0x18u) {
            r->enr[(off - ENR_FIRST) / 4] = v;
        }
    }
}

/* PWR: voltage scale (only while the PLL is off) and over-drive (RM0431 4.1.4: enable with
 * HSI or HSE as system clock, wait ODRDY, then switch, wait ODSWRDY). */
static uint32_t pwr_read(struct sim *s, void *self, uint32_t off, unsigned size)
{
    (void)size;
    struct f7_rcc *f = self;
    update_ready(s, f);
    switch (off) {
    case 0x00: return f->pwr_cr1;
    case 0x04:
        return (f->vos_ready ? CSR1_VOSRDY : 0u) | (f->od_ready ? CSR1_ODRDY : 0u) |
               (f->odsw_ready ? CSR1_ODSWRDY : 0u);
    default: return 0;
    }
}

static void pwr_write(struct sim *s, void *self, uint32_t off, unsigned size, uint32_t v)
{
    (void)size;
    struct f7_rcc *f = self;
    struct h7_rcc *r = &f->base;
    update_ready(s, f);
    if (!h7_rcc_enabled(r, APB1ENR_OFF, 28)) {
        sim_printf(s, "sim: PWR write at +0x%02x with its clock off (RCC_APB1ENR.PWREN=0): ignored", off);
        return;
    }
    if (off != 0x00) {
        return;
    }
    uint32_t was = f->pwr_cr1;
    if (((v ^ was) & (3u << 14)) && (r->cr & CR_PLLON)) {
        sim_violation(s, "PWR: VOS changed while the PLL is on: ignored by hardware (RM0431 4.4.1)");
        v = (v & ~(3u << 14)) | (was & (3u << 14));
    }
    if ((v & (3u << 14)) == 0u) {
        sim_violation(s, "PWR: VOS code 00 is reserved");
        v |= was & (3u << 14);
    }
    if ((v & PWR_ODEN) && !(was & PWR_ODEN)) {
        if (((r->cfgr >> 2) & 3u) == 2u) {
            sim_violation(s, "PWR: over-drive enabled while the PLL clocks the system: select HSI or HSE first");
        }
        f->od_ready_ps = s->now_ps + OD_SETTLE_PS;
    }
    if ((v & PWR_ODSWEN) && !(was & PWR_ODSWEN)) {
        if (!f->od_ready) {
            sim_violation(s, "PWR: ODSWEN set before ODRDY: the regulator is not ready for over-drive");
            v &= ~PWR_ODSWEN;
        }
        f->odsw_ready_ps = s->now_ps + OD_SETTLE_PS;
    }
    if (!(v & PWR_ODEN)) {
        f->od_ready = false;
    }
    if (!(v & PWR_ODSWEN)) {
        f->odsw_ready = false;
    }
    f->pwr_cr1 = v;
}

static uint32_t flash_read(struct sim *s, void *self, uint32_t off, unsigned size)
{
    (void)s;
    (void)size;
    struct f7_rcc *f = self;
    return off == 0 ? f->base.flash_acr : 0u;
}

static void flash_write(struct sim *s, void *self, uint32_t off, unsigned size, uint32_t v)
{
    (void)size;
    struct f7_rcc *f = self;
    if (off != 0) {
        sim_printf(s, "sim: FLASH+0x%02x write: not implemented (programming the internal flash)", off);
        return;
    }
    unsigned ws = v & 0xFu;
    uint32_t hclk = f7_hclk(&f->base);
    if (hclk > FLASH_HZ_PER_WS * (ws + 1u)) {
        sim_violation(s, "FLASH: wait states lowered to %u while HCLK is %u MHz", ws, hclk / 1000000u);
    }
    f->base.flash_acr = v & 0xB0Fu; /* LATENCY, PRFTEN, ARTEN, ARTRST */
}

/* RM0431: GPIO on AHB1 at 0x40020000, QUADSPI registers on AHB3 at 0xA0001000, USART1/6 on
 * APB2, USART3 on APB1. */
static const struct periph_map f7_map = {
    .gpio_base = 0x40020000u, .qspi_base = 0xA0001000u,
    .rstr_first = RSTR_FIRST, .enr_first = ENR_FIRST,
    .gpio_enr = 0x30u, .gpio_enr_name = "RCC_AHB1ENR",
    .qspi_enr = 0x38u, .qspi_rstr = 0x18u, .qspi_bit = 1,
    .usart_enr = { [1] = APB2ENR_OFF, [3] = APB1ENR_OFF, [6] = APB2ENR_OFF },
    .usart_bit = { [1] = 4, [3] = 18, [6] = 5 },
    .hclk = f7_hclk,
};

void f7_rcc_init(struct sim *s, struct f7_rcc *f, uint32_t hse_hz)
{
    memset(f, 0, sizeof *f);
    struct h7_rcc *r = &f->base;
    r->map = &f7_map;
    r->hse_hz = hse_hz;
    r->cr = 0x00000083u;      /* HSION, HSIRDY, HSITRIM 16 */
    r->pllcfgr = 0x24003010u; /* reset value: M16, N192, P2, Q4, HSI */
    r->cfgr = 0;
    r->flash_acr = 0;         /* 0 WS */
    r->sysclk = HSI_HZ;
    f->pwr_cr1 = 0x0000C000u; /* VOS scale 1 */
    sim_set_core_clock(s, HSI_HZ);
    struct periph p = { "RCC", 0x40023800u, 0x400u, rcc_read, rcc_write, f };
    sim_add_periph(s, &p);
    struct periph pw = { "PWR", 0x40007000u, 0x400u, pwr_read, pwr_write, f };
    sim_add_periph(s, &pw);
    struct periph fl = { "FLASH", 0x40023C00u, 0x400u, flash_read, flash_write, f };
    sim_add_periph(s, &fl);
}
