/* Startup shared by the boot and the applications: vector table, reset handler, and a
 * fault handler that reports and stops. The linker script provides the symbols. */
#include <stdint.h>
#include <string.h>
#include "chip.h"

extern uint32_t __stack_top[];
extern uint32_t __data_load[], __data_start[], __data_end[];
extern uint32_t __bss_start[], __bss_end[];
extern int main(void);

void Reset_Handler(void);
void Default_Handler(void);
void fault_report(const char *what, const uint32_t *frame); /* provided by the image */

__attribute__((weak)) void NMI_Handler(void) { Default_Handler(); }
__attribute__((weak)) void SVC_Handler(void) { Default_Handler(); }
__attribute__((weak)) void PendSV_Handler(void) { Default_Handler(); }
__attribute__((weak)) void SysTick_Handler(void) { Default_Handler(); }

/* The stacked frame tells where the fault happened: pass it to the reporter. */
#define FAULT_ENTRY(name, text)                                                   \
    __attribute__((naked)) void name(void)                                       \
    {                                                                            \
        __asm__ volatile("tst lr, #4\n ite eq\n mrseq r1, msp\n mrsne r1, psp\n" \
                         "ldr r0, =1f\n b fault_report\n"                        \
                         ".pushsection .rodata\n1: .asciz \"" text "\"\n"      \
                         ".popsection\n");                                       \
    }
FAULT_ENTRY(HardFault_Handler, "HardFault")
FAULT_ENTRY(MemManage_Handler, "MemManage")
FAULT_ENTRY(BusFault_Handler, "BusFault")
FAULT_ENTRY(UsageFault_Handler, "UsageFault")

#define VECTOR_COUNT (16u + CHIP_IRQ_COUNT) /* system exceptions + the family's IRQ lines */
typedef void (*vector_fn)(void);

__attribute__((section(".isr_vector"), used)) const vector_fn __vector_table[VECTOR_COUNT] = {
    (vector_fn)(uintptr_t)__stack_top,
    Reset_Handler,
    NMI_Handler,
    HardFault_Handler,
    MemManage_Handler,
    BusFault_Handler,
    UsageFault_Handler,
    0, 0, 0, 0,
    SVC_Handler,
    0, 0,
    PendSV_Handler,
    SysTick_Handler,
    [16 ... VECTOR_COUNT - 1] = Default_Handler,
};

void Default_Handler(void)
{
    fault_report("unexpected interrupt", 0);
}

void Reset_Handler(void)
{
    SCB_VTOR = (uint32_t)(uintptr_t)__vector_table; /* our own table, wherever we are linked */
    SCB_CPACR |= SCB_CPACR_CP10_CP11_FULL;           /* FPU on before any float code */
    cm7_dsb();
    cm7_isb();
    memcpy(__data_start, __data_load, (size_t)((uintptr_t)__data_end - (uintptr_t)__data_start));
    memset(__bss_start, 0, (size_t)((uintptr_t)__bss_end - (uintptr_t)__bss_start));
    (void)main();
    for (;;) {
        cm7_irq_disable();
        cm7_wfi();
    }
}
