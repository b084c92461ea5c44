/* Test firmware: a "boot" that jumps into RAM without releasing what it used, to prove that
 * the simulator's resources check (seed section 4) reports each thing left behind: an
 * interrupt enabled (USART1, IRQ 37) and another pending (IRQ 40), SysTick counting, the
 * console USART clocked and its pins in alternate function. */
#include "chip.h"
#include "drivers/console.h"

extern const struct board_desc EXTMEM_BOARD_SYMBOL;

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
    console_printf("test: jumping with the console, two interrupts and SysTick left running\n");
    cm7_irq_disable(); /* nothing may actually be taken: the point is what the application inherits */
    NVIC_ISER(37u / 32u) = 1u << (37u % 32u);
    NVIC_ISPR(40u / 32u) = 1u << (40u % 32u);
    SYST_RVR = 0xFFFFu;
    SYST_CSR = SYST_CSR_ENABLE;
    volatile uint16_t *ram = (volatile uint16_t *)(uintptr_t)b->internal_sram.base;
    ram[0] = app_loop[0];
    ram[1] = app_loop[1];
    cm7_dsb();
    cm7_isb();
    void (*app)(void) = (void (*)(void))(uintptr_t)(b->internal_sram.base | 1u);
    app();
    return 0;
}
