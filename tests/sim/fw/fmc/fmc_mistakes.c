/* Test firmware: an FMC bring-up with one deliberate mistake, chosen at build time, to prove
 * that the simulator refuses what the hardware refuses and that the memory test reports it:
 *   MISTAKE_NO_AUTOREFRESH  SDRAM: load mode register without the auto-refresh commands
 *   MISTAKE_NO_LMR          SDRAM: no load mode register command
 *   MISTAKE_SHORT_POWERUP   SDRAM: precharge all right after clock enable (no 100 us wait)
 *   MISTAKE_WRONG_CAS       SDRAM: mode register CAS 2 with the controller at CAS 3
 *   MISTAKE_NO_REFRESH      SDRAM: complete sequence, refresh counter never programmed
 *   MISTAKE_BANK_DISABLED   SRAM: chip select configured, then disabled (BCR.MBKEN = 0)
 *   MISTAKE_NO_FMCEN        SRAM: chip select configured, controller never enabled (H7)
 * Errors and faults print as the boot prints them ("Enn ..."). */
#include "fwsupport.h"
#include "chip.h"
#include "march.h"
#include "boards/board_fmc.h"
#include "drivers/clock.h"
#include "drivers/console.h"
#include "drivers/deadline.h"
#include "drivers/fmc.h"
#include "memories/fmc_parts.h"

extern const struct board_desc EXTMEM_BOARD_SYMBOL;

#if !defined(MISTAKE_SHORT_POWERUP) && !defined(MISTAKE_BANK_DISABLED) && !defined(MISTAKE_NO_FMCEN)
static void wait_us(uint32_t us)
{
    struct deadline d = deadline_in_us(us);
    while (!deadline_passed(&d)) {
    }
}
#endif

#if !defined(MISTAKE_BANK_DISABLED) && !defined(MISTAKE_NO_FMCEN)
static uint32_t sdram_up(const struct board_fmc *f)
{
    const struct board_fmc_sdram *m = f->sdram;
    const struct sdram_part *p = sdram_part_by_name(m->part);
    fmc_pins_configure(m->pins, m->ngroups);
    fmc_sdram_configure(m, p);
    fmc_enable();
    fmc_sdram_command(m, FMC_SDCMR_MODE_CLK, 1u, 0u);
#if !defined(MISTAKE_SHORT_POWERUP)
    wait_us(p->powerup_us + 10u);
#endif
    fmc_sdram_command(m, FMC_SDCMR_MODE_PALL, 1u, 0u);
#if !defined(MISTAKE_NO_AUTOREFRESH)
    fmc_sdram_command(m, FMC_SDCMR_MODE_AUTOREF, m->nrfs, 0u);
#endif
#if defined(MISTAKE_WRONG_CAS)
    fmc_sdram_command(m, FMC_SDCMR_MODE_LMR, 1u, SDRAM_MR_CAS(2u) | SDRAM_MR_SINGLE_WRITE);
#elif !defined(MISTAKE_NO_LMR)
    fmc_sdram_command(m, FMC_SDCMR_MODE_LMR, 1u, SDRAM_MR_CAS(m->cas) | SDRAM_MR_SINGLE_WRITE);
#endif
#if !defined(MISTAKE_NO_REFRESH)
    fmc_sdram_refresh(m->refresh_count);
#endif
    fmc_sdram_write_protect(m, false);
    return FMC_SDRAM_BASE(m->bank);
}
#else

static uint32_t sram_up(const struct board_fmc *f)
{
    const struct board_fmc_async *m = f->sram;
    fmc_pins_configure(m->pins, m->ngroups);
    fmc_async_configure(m, FMC_BCR_MTYP_SRAM);
#if defined(MISTAKE_BANK_DISABLED)
    FMC_REGS->bank1[m->ne - 1u].BCR &= ~FMC_BCR_MBKEN;
    fmc_enable();
#elif !defined(MISTAKE_NO_FMCEN)
    fmc_enable();
#endif
    return FMC_NE_BASE(m->ne);
}
#endif

int main(void)
{
    const struct board_desc *b = &EXTMEM_BOARD_SYMBOL;
    cm7_cyccnt_start();
    enum clock_stage st;
    if (clock_init(&b->clock, &st) != 0) {
        return 1;
    }
    console_init(b, b->clock.hclk_hz / b->clock.apb_div);
    console_puts("test: " MISTAKE_NAME "\n");
#if defined(MISTAKE_BANK_DISABLED) || defined(MISTAKE_NO_FMCEN)
    uint32_t base = sram_up(b->fmc), size = b->fmc->sram->size;
#else
    uint32_t base = sdram_up(b->fmc), size = b->fmc->sdram->size;
#endif
    volatile uint32_t *p = (volatile uint32_t *)(uintptr_t)base;
    p[0] = 0xC0FFEE00u;
    console_printf("test: first word 0x%08x\n", p[0]);
    /* Left alone for 100 ms: more than the 64 ms an SDRAM row keeps its charge. */
    fw_sleep_ms(100u);
    if (p[0] != 0xC0FFEE00u) {
        boot_fail(BOOT_E_MEMTEST_RETENTION, "memtest: lost data after 100 ms at 0x%08x (0x%08x): check the refresh rate "
             "(FMC_SDRTR)", base, p[0]);
    }
    struct march_fail f;
    if (march_c_minus(base, size < 65536u ? size : 65536u, &f) != 0) {
        boot_fail(BOOT_E_MEMTEST_MARCH, "memtest: March C- element %u at 0x%08x expected 0x%08x, read 0x%08x", f.element,
             (uint32_t)f.addr, f.expected, f.got);
    }
    console_puts("test: memory test passed\n");
    for (;;) {
        cm7_wfi();
    }
}
