/* Test firmware: a "boot" that jumps into RAM without releasing what it used, to prove that
 * the simulator's resources check (seed section 4) reports each thing left behind: an
 * interrupt enabled (USART1, IRQ 37) and another pending (IRQ 40), SysTick counting, the
 * console USART clocked and its pins in alternate function, a DMA2 stream enabled and waiting
 * for peripheral requests (USART1 receive, DMAMUX1 request 41) and the DMA2 clock on. */
#include "chip.h"
#include "drivers/console.h"

extern const struct board_desc EXTMEM_BOARD_SYMBOL;

#define RCC_AHB1ENR_REG REG32(RCC_BASE + 0xD8u)
#define RCC_AHB1ENR_DMA2EN (1u << 1)
#define DMAMUX1_C8CR REG32(0x40020800u + 4u * 8u) /* channel 8 serves DMA2 stream 0 */
#define DMA2_S0CR REG32(0x40020410u)
#define DMA2_S0NDTR REG32(0x40020414u)
#define DMA2_S0PAR REG32(0x40020418u)
#define DMA2_S0M0AR REG32(0x4002041Cu)
#define DMA_CR_MINC (1u << 10)
#define DMA_CR_EN (1u << 0)
#define USART1_RDR 0x40011024u

void fault_report(const char *what, const uint32_t *frame)
{
    console_printf("test: fault: %s at pc 0x%08x\n", (uint32_t)(uintptr_t)what, frame ? frame[6] : 0u);
    for (;;) {
        cm7_irq_disable();
        cm7_wfi();
    }
}

/* "b ." in Thumb: the application the test jumps to, copied into internal SRAM. */
static const uint16_t app_loop[2] = { 0xE7FEu, 0xE7FEu };

int main(void)
{
    const struct board_desc *b = &EXTMEM_BOARD_SYMBOL;
    console_init(b, CHIP_HSI_HZ);
    console_printf("test: jumping with the console, two interrupts, SysTick and a DMA stream left running\n");
    cm7_irq_disable(); /* nothing may actually be taken: the point is what the application inherits */
    NVIC_ISER(37u / 32u) = 1u << (37u % 32u);
    NVIC_ISPR(40u / 32u) = 1u << (40u % 32u);
    SYST_RVR = 0xFFFFu;
    SYST_CSR = SYST_CSR_ENABLE;
    /* USART1 receive into SRAM: the stream waits for requests, i.e. stays enabled */
    RCC_AHB1ENR_REG |= RCC_AHB1ENR_DMA2EN;
    (void)RCC_AHB1ENR_REG;
    DMAMUX1_C8CR = 41u;
    DMA2_S0PAR = USART1_RDR;
    DMA2_S0M0AR = b->internal_sram.base + 0x1000u;
    DMA2_S0NDTR = 16u;
    DMA2_S0CR = DMA_CR_MINC | DMA_CR_EN;
    volatile uint16_t *ram = (volatile uint16_t *)(uintptr_t)b->internal_sram.base;
    ram[0] = app_loop[0];
    ram[1] = app_loop[1];
    cm7_dsb();
    cm7_isb();
    void (*app)(void) = (void (*)(void))(uintptr_t)(b->internal_sram.base | 1u);
    app();
    return 0;
}
