/* "hello": says where it runs, so a test can check that a cell's layout, the boot's jump and
 * the startup code agree: the code, vector table, data and stack addresses, the core clock the
 * boot left, and the cache state. Then it stops (WFI with nothing enabled). */
#include "chip.h"
#include "drivers/console.h"
#include "drivers/deadline.h"

extern const struct board_desc EXTMEM_BOARD_SYMBOL;
extern const void *const __vector_table[];

static uint32_t hello_data = 0x600DDA7Au; /* initialised data: proves the .data copy */
static uint32_t hello_bss;                /* zeroed data: proves the .bss clear */

void fault_report(const char *what, const uint32_t *frame)
{
    console_printf("hello: fault: %s at pc 0x%08x\n", (uint32_t)(uintptr_t)what, frame ? frame[6] : 0u);
    for (;;) {
        cm7_irq_disable();
        cm7_wfi();
    }
}

int main(void)
{
    const struct board_desc *b = &EXTMEM_BOARD_SYMBOL;
    g_core_hz = b->clock.sysclk_hz; /* the boot left the clock tree configured */
    console_init(b, b->clock.hclk_hz / b->clock.apb_div);
    uint32_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    uint32_t ccr = SCB_CCR;
    console_printf("hello: code 0x%08x, vectors 0x%08x (VTOR 0x%08x), data 0x%08x, stack 0x%08x\n",
                   (uint32_t)(uintptr_t)&main, (uint32_t)(uintptr_t)__vector_table, SCB_VTOR,
                   (uint32_t)(uintptr_t)&hello_data, sp);
    console_printf("hello: core %u MHz, I-cache %s, D-cache %s, data %s, bss %s\n", g_core_hz / 1000000u,
                   (uint32_t)(uintptr_t)((ccr & SCB_CCR_IC) ? "on" : "off"),
                   (uint32_t)(uintptr_t)((ccr & SCB_CCR_DC) ? "on" : "off"),
                   (uint32_t)(uintptr_t)(hello_data == 0x600DDA7Au ? "initialised" : "NOT initialised"),
                   (uint32_t)(uintptr_t)(hello_bss == 0u ? "zeroed" : "NOT zeroed"));
    console_printf("hello: done\n");
    for (;;) {
        cm7_wfi();
    }
}
