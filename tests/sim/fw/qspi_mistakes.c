/* Test firmware: the boot's QSPI bring-up with one deliberate mistake, chosen at build time,
 * to prove that the simulator refuses what the hardware refuses:
 *   MISTAKE_NO_MMAP        reads the flash window without entering memory-mapped mode
 *   MISTAKE_WRONG_DUMMY    memory-mapped reads with 8 dummy cycles, the flash is set to 10
 *   MISTAKE_NO_RESET_WAIT  reads the identity right after a reset, inside its recovery time */
#include "chip.h"
#include "drivers/clock.h"
#include "drivers/console.h"
#include "drivers/errors.h"
#include "drivers/quadspi.h"
#include "memories/nor_qspi.h"

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
                                        : rc == DRV_EID ? "wrong identity" : "failed"));
}

int main(void)
{
    const struct board_desc *b = &EXTMEM_BOARD_SYMBOL;
    const struct board_qspi *q = &b->qspi;
    struct nor_qspi_result r = { 0 };
    enum clock_stage st;
    cm7_cyccnt_start();
    if (clock_init(&b->clock, &st) != 0) {
        return 1;
    }
    console_init(b, b->clock.hclk_hz / b->clock.apb_div);
    console_puts("test: " MISTAKE_NAME "\n");
    step("controller", qspi_init(q));
    step("reset", nor_qspi_reset(q));
#if defined(MISTAKE_NO_RESET_WAIT)
    step("identity", nor_qspi_read_id(q, &r));
    return 0;
#else
    step("wait ready", nor_qspi_wait_ready(q, 100000u));
    step("identity", nor_qspi_read_id(q, &r));
    step("4-byte addressing", nor_qspi_enter_4byte(q));
    step("dummy cycles", nor_qspi_set_dummy(q, q->read_dummy));
#if defined(MISTAKE_WRONG_DUMMY)
    step("memory-mapped", nor_qspi_memory_mapped((uint8_t)(q->read_dummy - 2u)));
#elif !defined(MISTAKE_NO_MMAP)
#error "define one MISTAKE_*"
#endif
    volatile uint32_t *flash = (volatile uint32_t *)(uintptr_t)0x90000000u;
    console_printf("test: first word 0x%08x\n", flash[0]);
    return 0;
#endif
}
