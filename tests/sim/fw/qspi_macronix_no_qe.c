/* Test firmware: the Macronix QSPI bring-up without its vendor step (quad enable + dummy
 * cycles in SR/CR), then memory-mapped 1-4-4 reads with the part's default dummy count. The
 * flash keeps IO2/IO3 as WP#/HOLD# while SR[6] QE = 0, so the simulator must refuse the
 * memory-mapped mode and the first read must bus-fault. */
#include "chip.h"
#include "drivers/clock.h"
#include "drivers/console.h"
#include "drivers/errors.h"
#include "drivers/quadspi.h"
#include "memories/nor_parts.h"
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
    const struct nor_part *part = nor_part_by_name(q->part);
    int rc = qspi_init(q);
    rc = rc ? rc : nor_qspi_reset(q);
    rc = rc ? rc : nor_qspi_wait_ready(q, 100000u);
    rc = rc ? rc : nor_qspi_read_id(q, &r);
    rc = rc ? rc : nor_qspi_enter_4byte(q);
    rc = rc ? rc : nor_qspi_memory_mapped(part->default_dummy[NOR_RD_1_4_4]);
    console_printf("test: bring-up without quad enable: %s\n", (uint32_t)(uintptr_t)(rc == DRV_OK ? "ok" : "failed"));
    volatile uint32_t *flash = (volatile uint32_t *)(uintptr_t)QSPI_MEM_BASE;
    console_printf("test: first word 0x%08x\n", flash[0]);
    return 0;
}
