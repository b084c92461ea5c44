/* The resources rules of the seed (section 4), checked at the jump into the application.
 *
 * The jump is the first instruction fetched outside the boot's internal flash. At that point
 * the application inherits the whole chip, and the seed asks the boot to hand over only what
 * the configuration needs: the interface of the code memory and of the data memory (with
 * their pins), nothing else. So the simulator derives what is needed from where the code runs
 * (the jump target) and where the data lives (the stack pointer), and reports as an error:
 *   - an interrupt still enabled or pending in the NVIC, SysTick still counting;
 *   - a memory or store interface still clocked that neither memory uses (the SPI-NOR or
 *     SD card interface of the BootROM model, an FMC or OCTOSPI no area needs);
 *   - a USART or a DMA controller still clocked (the boot's console; DMA1, DMA2);
 *   - a DMA stream still enabled (EN reads 1): a transfer in flight or a stream waiting for
 *     peripheral requests would go on writing into the application's memory;
 *   - a pin left in alternate function that no needed interface uses. */
#include "resources.h"

#include <stdbool.h>
#include <string.h>

#include "boards/board_fmc.h"
#include "boards/board_ospi.h"
#include "periph/dma.h"
#include "core/xalias.h"
#include "periph/h7.h"

enum need {
    NEED_QSPI = 1u << 0,
    NEED_OSPI1 = 1u << 1,
    NEED_OSPI2 = 1u << 2,
    NEED_FMC_NOR = 1u << 3,
    NEED_FMC_SRAM = 1u << 4,
    NEED_FMC_PSRAM = 1u << 5,
    NEED_FMC_SDRAM = 1u << 6,
    NEED_FMC = NEED_FMC_NOR | NEED_FMC_SRAM | NEED_FMC_PSRAM | NEED_FMC_SDRAM,
};

struct gate {
    const char *name;
    uint32_t enr_off;
    uint8_t bit;
    unsigned need; /* clocked is fine when any of these is needed; 0: never after the jump */
};

/* RCC enable bits of the interfaces the boot may use (RM0433/RM0455/RM0468 RCC_AHB3ENR,
 * RCC_APB2ENR, RCC_APB1LENR, RCC_AHB1ENR; RM0431/RM0385 RCC_AHB3ENR, RCC_APB2ENR,
 * RCC_APB1ENR, RCC_AHB1ENR). */
static const struct gate h74x_gates[] = {
    { "FMC", 0xD4u, 12, NEED_FMC },       { "QUADSPI", 0xD4u, 14, NEED_QSPI }, { "SDMMC1", 0xD4u, 16, 0 },
    { "USART1", 0xF0u, 4, 0 },            { "USART6", 0xF0u, 5, 0 },           { "USART2", 0xE8u, 17, 0 },
    { "USART3", 0xE8u, 18, 0 },           { "DMA1", 0xD8u, 0, 0 },             { "DMA2", 0xD8u, 1, 0 },
};
static const struct gate h7ospi_gates[] = {
    { "FMC", 0xD4u, 12, NEED_FMC },          { "OCTOSPI1", 0xD4u, 14, NEED_OSPI1 },
    { "SDMMC1", 0xD4u, 16, 0 },              { "OCTOSPI2", 0xD4u, 19, NEED_OSPI2 },
    { "OCTOSPIM", 0xD4u, 21, NEED_OSPI1 | NEED_OSPI2 },
    { "USART1", 0xF0u, 4, 0 },               { "USART6", 0xF0u, 5, 0 },
    { "USART2", 0xE8u, 17, 0 },              { "USART3", 0xE8u, 18, 0 },
    { "DMA1", 0xD8u, 0, 0 },                 { "DMA2", 0xD8u, 1, 0 },
};
static const struct gate f7_gates[] = {
    { "FMC", 0x38u, 0, NEED_FMC }, { "QUADSPI", 0x38u, 1, NEED_QSPI }, { "SDMMC1", 0x44u, 11, 0 },
    { "USART1", 0x44u, 4, 0 },     { "USART6", 0x44u, 5, 0 },          { "USART2", 0x40u, 17, 0 },
    { "USART3", 0x40u, 18, 0 },    { "DMA1", 0x30u, 21, 0 },           { "DMA2", 0x30u, 22, 0 },
};

struct resources {
    struct sim *s;
    struct chip *c;
    uc_hook hooks[3];
    unsigned nhooks;
    bool done;
};
static struct resources the_resources;

static unsigned need_of(const struct board_desc *b, uint32_t addr, const char **name)
{
    if (addr >= 0x90000000u && addr < 0xA0000000u) {
        *name = b->ospi ? "OCTOSPI1 flash" : "QUADSPI flash";
        return b->ospi ? NEED_OSPI1 : NEED_QSPI;
    }
    if (addr >= 0x70000000u && addr < 0x80000000u) {
        *name = "OCTOSPI2 RAM";
        return NEED_OSPI2;
    }
    const struct board_fmc *f = b->fmc;
    if (f && addr >= 0x60000000u && addr < 0x70000000u) {
        unsigned ne = (addr - 0x60000000u) / 0x04000000u + 1u;
        if (f->nor && f->nor->ne == ne) {
            *name = "FMC NOR flash";
            return NEED_FMC_NOR;
        }
        if (f->sram && f->sram->ne == ne) {
            *name = "FMC SRAM";
            return NEED_FMC_SRAM;
        }
        if (f->psram && f->psram->ne == ne) {
            *name = "FMC PSRAM";
            return NEED_FMC_PSRAM;
        }
    }
    if (f && f->sdram && addr >= 0xC0000000u && addr < 0xE0000000u) {
        *name = "FMC SDRAM";
        return NEED_FMC_SDRAM;
    }
    *name = "internal memory";
    return 0;
}

static bool pin_in(const struct board_pin *pins, unsigned n, unsigned port, unsigned pin)
{
    for (unsigned i = 0; i < n; i++) {
        if (pins[i].port == port && pins[i].pin == pin) {
            return true;
        }
    }
    return false;
}

/* The JTAG/SWD pins (PA13, PA14, PA15, PB3, PB4) are in alternate function 0 from reset, for
 * the debugger: not something the boot left behind. */
static bool debug_pin(unsigned port, unsigned pin, unsigned af)
{
    return af == 0u && ((port == 0u && pin >= 13u) || (port == 1u && (pin == 3u || pin == 4u)));
}

static bool group_has(const struct board_pin_group *g, unsigned n, unsigned port, unsigned pin)
{
    for (unsigned i = 0; i < n; i++) {
        if (g[i].port == port && ((g[i].mask >> pin) & 1u)) {
            return true;
        }
    }
    return false;
}

static bool pin_needed(const struct board_desc *b, unsigned need, unsigned port, unsigned pin)
{
    if ((need & NEED_QSPI) && pin_in(b->qspi.pins, b->qspi.pin_count, port, pin)) {
        return true;
    }
    if ((need & NEED_OSPI1) && b->ospi && pin_in(b->ospi->pins, b->ospi->pin_count, port, pin)) {
        return true;
    }
    if ((need & NEED_OSPI2) && b->hyperram && pin_in(b->hyperram->pins, b->hyperram->pin_count, port, pin)) {
        return true;
    }
    const struct board_fmc *f = b->fmc;
    if (f) {
        const struct board_fmc_async *async[3] = { f->nor, f->sram, f->psram };
        const unsigned bits[3] = { NEED_FMC_NOR, NEED_FMC_SRAM, NEED_FMC_PSRAM };
        for (unsigned i = 0; i < 3; i++) {
            if ((need & bits[i]) && async[i] && group_has(async[i]->pins, async[i]->ngroups, port, pin)) {
                return true;
            }
        }
        if ((need & NEED_FMC_SDRAM) && f->sdram && group_has(f->sdram->pins, f->sdram->ngroups, port, pin)) {
            return true;
        }
    }
    return false;
}

static void check(struct resources *r, uint32_t pc)
{
    struct sim *s = r->s;
    const struct board_desc *b = s->board;
    uint32_t sp = 0;
    uc_reg_read(s->uc, UC_ARM_REG_SP, &sp);
    const char *code_name, *data_name;
    unsigned need = need_of(b, pc, &code_name) | need_of(b, sp - 4u, &data_name);
    unsigned problems = 0;

    for (unsigned e = 16; e < SIM_NUM_EXC; e++) {
        if (s->nvic.enabled[e] || s->nvic.pending[e]) {
            sim_violation(s, "resources: IRQ %u still %s at the jump: disable and clear it before the jump "
                             "(seed section 4)", e - 16u,
                          s->nvic.enabled[e] && s->nvic.pending[e] ? "enabled and pending"
                          : s->nvic.enabled[e]                     ? "enabled"
                                                                   : "pending");
            problems++;
        }
    }
    if (s->systick.csr & 1u) {
        sim_violation(s, "resources: SysTick still counting at the jump: stop it before the jump (seed section 4)");
        problems++;
    }
    for (unsigned n = 1; r->c->dma && n <= 2u; n++) {
        for (unsigned st = 0; st < 8u; st++) {
            char what[160];
            if (dma_model_stream_enabled(s, r->c->dma, n, st, what, sizeof what)) {
                sim_violation(s, "resources: DMA%u stream %u still enabled at the jump (%s): disable it and wait "
                                 "for EN = 0 (seed section 4)", n, st, what);
                problems++;
            }
        }
    }
    const struct gate *g = h74x_gates;
    size_t ng = sizeof h74x_gates / sizeof h74x_gates[0];
    if (b->family == FAMILY_STM32F7) {
        g = f7_gates;
        ng = sizeof f7_gates / sizeof f7_gates[0];
    } else if (b->family != FAMILY_STM32H74X) {
        g = h7ospi_gates;
        ng = sizeof h7ospi_gates / sizeof h7ospi_gates[0];
    }
    for (size_t i = 0; i < ng; i++) {
        if (h7_rcc_enabled(r->c->rcc, g[i].enr_off, g[i].bit) && (g[i].need & need) == 0u) {
            sim_violation(s, "resources: %s still clocked at the jump, but the application runs from %s with data "
                             "in %s: reset and gate it (seed section 4)",
                          g[i].name, code_name, data_name);
            problems++;
        }
    }
    for (unsigned port = 0; port < GPIO_PORTS; port++) {
        for (unsigned pin = 0; pin < 16u; pin++) {
            unsigned af = 0;
            if (gpio_model_mode(r->c->gpio, port, pin, &af) == 2u && !debug_pin(port, pin, af) &&
                !pin_needed(b, need, port, pin)) {
                sim_violation(s, "resources: P%c%u left in alternate function %u at the jump, not a pin of the "
                                 "memories in use: return it to analog (seed section 4)",
                              'A' + port, pin, af);
                problems++;
            }
        }
    }
    if (problems == 0u) {
        sim_printf(s, "sim: resources at the jump to 0x%08x: clean (code in %s, data in %s)", pc, code_name,
                   data_name);
    }
}

static void on_leave_flash(uc_engine *uc, uint64_t address, uint32_t size, void *ud)
{
    (void)uc;
    (void)size;
    struct resources *r = ud;
    if (r->done) {
        return;
    }
    r->done = true;
    check(r, sim_xalias_real(r->s, (uint32_t)address)); /* SDRAM code runs at its alias */
    for (unsigned i = 0; i < r->nhooks; i++) {
        uc_hook_del(r->s->uc, r->hooks[i]);
    }
    r->nhooks = 0;
}

int resources_watch(struct sim *s, struct chip *c)
{
    struct resources *r = &the_resources;
    memset(r, 0, sizeof *r);
    r->s = s;
    r->c = c;
    /* Everything but the internal flash and its F7 ITCM alias (0x00200000). */
    const uint64_t ranges[3][2] = {
        { 0x00000000u, 0x001FFFFFu },
        { 0x00200000u + (uint64_t)c->flash_size, 0x07FFFFFFu },
        { 0x08000000u + (uint64_t)c->flash_size, 0xFFFFFFFFu },
    };
    for (unsigned i = 0; i < 3; i++) {
        if (uc_hook_add(s->uc, &r->hooks[i], UC_HOOK_BLOCK, (void *)on_leave_flash, r, ranges[i][0],
                        ranges[i][1]) != UC_ERR_OK) {
            return -1;
        }
        r->nhooks++;
    }
    return 0;
}
