/* Test firmware: DMA and the D-cache (STM32H743I-EVAL). The DMA is a bus master behind the
 * Cortex-M7's L1 cache, so software keeps the two coherent (ARMv7-M ARM B2.2.7; RM0433 DMA):
 *   receive: a buffer the CPU holds in the D-cache, written by a DMA memory-to-memory copy,
 *            reads the old data until the CPU invalidates its lines (DCIMVAC);
 *   transmit: data the CPU wrote into a write-back line is not in memory until cleaned
 *            (DCCMVAC): a DMA copy reads the old memory before the clean, the new data after.
 * Each line of AXI SRAM below is its own cache line; the firmware's stack is in the DTCM. */
#include "chip.h"
#include "drivers/console.h"
#include "drivers/deadline.h"

#define DMA2_BASE 0x40020400u
#define RCC_AHB1ENR REG32(0x58024400u + 0xD8u)
#define RCC_AHB1ENR_DMA2EN (1u << 1)
#define DMA_LISR REG32(DMA2_BASE + 0x00u)
#define DMA_LIFCR REG32(DMA2_BASE + 0x08u)
#define DMA_S0CR REG32(DMA2_BASE + 0x10u)
#define DMA_S0NDTR REG32(DMA2_BASE + 0x14u)
#define DMA_S0PAR REG32(DMA2_BASE + 0x18u)
#define DMA_S0M0AR REG32(DMA2_BASE + 0x1Cu)
#define CR_EN (1u << 0)
#define CR_M2M (2u << 6)
#define CR_PSIZE_WORD (2u << 11)
#define CR_MSIZE_WORD (2u << 13)
#define LISR_S0_TCIF (1u << 5)
#define LISR_S0_ALL 0x3Du

#define RX 0x24002000u  /* receive buffer (one word of its line) */
#define SRC 0x24002020u /* what the DMA copies into RX */
#define TX 0x24002040u  /* transmit buffer */
#define DST 0x24002060u /* where the DMA copies TX */

extern const struct board_desc EXTMEM_BOARD_SYMBOL;

void fault_report(const char *what, const uint32_t *frame)
{
    console_printf("test: fault: %s at pc 0x%08x\n", (uint32_t)(uintptr_t)what, frame ? frame[6] : 0u);
    for (;;) {
        cm7_irq_disable();
        cm7_wfi();
    }
}

static void clean_inv(uint32_t addr)
{
    cm7_dsb();
    SCB_DCCIMVAC = addr;
    cm7_dsb();
}

/* One word memory-to-memory on DMA2 stream 0; 0 when TCIF came within 1 ms. */
static int dma_copy_word(uint32_t from, uint32_t to)
{
    DMA_LIFCR = LISR_S0_ALL;
    DMA_S0PAR = from;
    DMA_S0M0AR = to;
    DMA_S0NDTR = 1u;
    DMA_S0CR = CR_M2M | CR_PSIZE_WORD | CR_MSIZE_WORD | CR_EN;
    struct deadline d = deadline_in_us(1000u);
    while ((DMA_LISR & LISR_S0_TCIF) == 0u) {
        if (deadline_passed(&d)) {
            console_printf("test: dma: no TCIF within 1 ms\n");
            return -1;
        }
    }
    DMA_LIFCR = LISR_S0_ALL;
    return 0;
}

#define WORD(a) REG32(a)

int main(void)
{
    const struct board_desc *b = &EXTMEM_BOARD_SYMBOL;
    console_init(b, CHIP_HSI_HZ);
    RCC_AHB1ENR |= RCC_AHB1ENR_DMA2EN;
    (void)RCC_AHB1ENR;
    cm7_icache_enable();
    cm7_dcache_enable();

    /* Receive. */
    WORD(RX) = 0x11111111u;
    WORD(SRC) = 0xA5A5A5A5u;
    clean_inv(RX);
    clean_inv(SRC);
    (void)WORD(RX); /* the CPU reads the buffer: its line is in the D-cache */
    if (dma_copy_word(SRC, RX) != 0) {
        return 1;
    }
    console_printf("test: rx: after the DMA wrote it, no invalidate: 0x%08x\n", WORD(RX));
    cm7_dsb();
    SCB_DCIMVAC = RX;
    cm7_dsb();
    console_printf("test: rx: after DCIMVAC: 0x%08x\n", WORD(RX));

    /* Transmit. */
    WORD(TX) = 0u;
    WORD(DST) = 0u;
    clean_inv(TX);
    clean_inv(DST);
    WORD(TX) = 0x5A5A5A5Au; /* dirty in the D-cache, memory still 0 */
    cm7_dsb();
    if (dma_copy_word(TX, DST) != 0) {
        return 1;
    }
    SCB_DCIMVAC = DST;
    cm7_dsb();
    console_printf("test: tx: DMA copy of a dirty line, no clean, delivers 0x%08x\n", WORD(DST));
    SCB_DCCMVAC = TX;
    cm7_dsb();
    if (dma_copy_word(TX, DST) != 0) {
        return 1;
    }
    SCB_DCIMVAC = DST;
    cm7_dsb();
    console_printf("test: tx: after DCCMVAC the DMA copy delivers 0x%08x\n", WORD(DST));
    console_printf("test: done\n");
    for (;;) {
        cm7_wfi();
    }
}
