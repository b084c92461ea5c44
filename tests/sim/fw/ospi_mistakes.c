/* Test firmware: the boot's OSPI NOR bring-up with one deliberate mistake, chosen at build
 * time, to prove that the simulator refuses what the hardware refuses:
 *   MISTAKE_NO_MMAP      reads the flash window without entering memory-mapped mode
 *   MISTAKE_NO_DQS       reads in octal DTR without DQS (identity, then memory-mapped)
 *   MISTAKE_WRONG_DUMMY  memory-mapped reads with 8 dummy cycles, the flash is set to 10
 *   MISTAKE_FEW_DUMMY    flash and controller agree on 6 dummy cycles, too few for the clock
 *   MISTAKE_NO_ROUTE     the OCTOSPIM port of the flash is routed from the other controller */
#include "chip.h"
#include "drivers/clock.h"
#include "drivers/console.h"
#include "drivers/errors.h"
#include "drivers/octospi.h"
#include "memories/nor_ospi.h"

extern const struct board_desc EXTMEM_BOARD_SYMBOL;

void fault_report(const char *what, const uint32_t *frame)
{
    console_printf("test: fault: %s at pc 0x%08x, CFSR 0x%08x, BFAR 0x%08x\n", (uint32_t)(uintptr_t)what,
                   frame ? frame[6] : 0u, SCB_CFSR, SCB_BFAR);
    for (;;) {
        cm7_irq_disable();
        cm7_wfi();
    }
}

static void step(const char *what, int rc)
{
    console_printf("test: %s: %s\n", (uint32_t)(uintptr_t)what,
                   (uint32_t)(uintptr_t)(rc == DRV_OK ? "ok" : rc == DRV_ENODEV ? "no answer (reads all ones)"
                                        : rc == DRV_EID ? "wrong identity" : rc == DRV_EVERIFY ? "read back differs"
                                        : rc == DRV_ETIMEDOUT ? "timeout" : "failed"));
}

int main(void)
{
    const struct board_desc *b = &EXTMEM_BOARD_SYMBOL;
    const struct board_ospi *o = b->ospi;
    struct nor_ospi_result r = { 0 };
    enum clock_stage st;
    cm7_cyccnt_start();
    if (clock_init(&b->clock, &st) != 0) {
        return 1;
    }
    console_init(b, b->clock.hclk_hz / b->clock.apb_div);
    console_puts("test: " MISTAKE_NAME "\n");
    step("controller", nor_ospi_init(o));
#if defined(MISTAKE_NO_ROUTE)
    /* port 1 from OCTOSPI2: OCTOSPI1's signals reach no pin (changed with the controller
     * disabled, as the RM requires) */
    OCTOSPI(o->instance)->CR &= ~OSPI_CR_EN;
    OCTOSPIM->PCR[o->port - 1u] = OSPIM_PCR_CLKEN | OSPIM_PCR_CLKSRC | OSPIM_PCR_DQSEN | OSPIM_PCR_DQSSRC |
                                  OSPIM_PCR_NCSEN | OSPIM_PCR_NCSSRC | OSPIM_PCR_IOLEN | OSPIM_PCR_IOLSRC(2u) |
                                  OSPIM_PCR_IOHEN | OSPIM_PCR_IOHSRC(3u);
    OCTOSPI(o->instance)->CR |= OSPI_CR_EN;
#endif
    step("reset", nor_ospi_reset(o, &r));
    step("identity", nor_ospi_read_id(o, &r));
    uint8_t dummy = o->read_dummy;
#if defined(MISTAKE_FEW_DUMMY)
    dummy = 6u;
#endif
    step("octal DTR", nor_ospi_enter_dtr(o, dummy));
#if defined(MISTAKE_NO_DQS)
    step("identity in octal DTR without DQS", nor_ospi_read_id_dtr(o, &r, 0));
    step("memory-mapped without DQS", nor_ospi_memory_mapped(o, dummy, 0));
#elif defined(MISTAKE_WRONG_DUMMY)
    step("identity in octal DTR", nor_ospi_read_id_dtr(o, &r, 1));
    step("memory-mapped", nor_ospi_memory_mapped(o, (uint8_t)(dummy - 2u), 1));
#elif defined(MISTAKE_FEW_DUMMY)
    step("identity in octal DTR", nor_ospi_read_id_dtr(o, &r, 1));
    step("memory-mapped", nor_ospi_memory_mapped(o, dummy, 1));
#elif defined(MISTAKE_NO_ROUTE)
    return 0;
#elif defined(MISTAKE_NO_MMAP)
    step("identity in octal DTR", nor_ospi_read_id_dtr(o, &r, 1));
#else
#error "define one MISTAKE_*"
#endif
    volatile uint32_t *flash = (volatile uint32_t *)(uintptr_t)o->base;
    console_printf("test: first word 0x%08x\n", flash[0]);
    return 0;
}
