/*
 * rtos_report: what an RTOS application prints on the console when a task overflows its stack,
 * returns, or faults, naming the task. Target only (uses the console driver).
 *
 * Links in a strong rtos_panic() (the kernel's weak default only halts) and the image's
 * fault_report(), which the startup's fault handlers call with the stacked frame.
 */
#include <stdbool.h>
#include <string.h>

#include "chip.h"
#include "drivers/console.h"
#include "rtos.h"

static void halt(void)
{
    cm7_irq_disable();
    SYST_CSR = 0u; /* nothing left to wake the core */
    for (;;) {
        cm7_dsb();
        cm7_wfi();
    }
}

static void print_task(const struct rtos_task *t)
{
    if (t == NULL) {
        console_printf("  no task running (kernel start or handler)\n");
        return;
    }
    uint32_t lo = (uint32_t)(uintptr_t)t->stack_base;
    console_printf("  task '%s' priority %u, stack 0x%08x-0x%08x, saved sp 0x%08x, %u bytes never used\n",
                   (uint32_t)(uintptr_t)(t->name ? t->name : "?"), (uint32_t)rtos_task_prio(t), lo,
                   lo + (uint32_t)t->stack_words * 4u, (uint32_t)(uintptr_t)t->sp,
                   (uint32_t)rtos_task_stack_unused(t));
}

void rtos_panic(const char *what, const struct rtos_task *t)
{
    console_printf("rtos: PANIC: %s in task '%s'\n", (uint32_t)(uintptr_t)what,
                   (uint32_t)(uintptr_t)(t && t->name ? t->name : "?"));
    print_task(t);
    if (t != NULL && strcmp(what, "stack overflow") == 0) {
        console_printf("  check: give the task a larger stack (RTOS_GUARD_WORDS at the bottom were overwritten)\n");
    }
    halt();
}

void fault_report(const char *what, const uint32_t *frame);
void fault_report(const char *what, const uint32_t *frame)
{
    uint32_t cfsr = SCB_CFSR;
    struct rtos_task *t = rtos_task_self();
    rtos_stack_guard_off(); /* print_task reads the guard words */
    console_printf("rtos: FAULT: %s in task '%s' at pc 0x%08x, lr 0x%08x, CFSR 0x%08x, MMFAR 0x%08x, BFAR 0x%08x\n",
                   (uint32_t)(uintptr_t)what, (uint32_t)(uintptr_t)(t && t->name ? t->name : "-"),
                   frame ? frame[6] : 0u, frame ? frame[5] : 0u, cfsr, SCB_MMFAR, SCB_BFAR);
    print_task(t);
    /* The MPU caught an overflow: an access inside the guard (CFSR.MMARVALID and MMFAR there)
     * or exception stacking that ran into it (CFSR.MSTKERR). */
    uint32_t guard_lo = (uint32_t)(uintptr_t)(t ? t->stack_base : NULL);
    bool in_guard = (cfsr & (1u << 7)) != 0u && SCB_MMFAR >= guard_lo &&
                    SCB_MMFAR < guard_lo + RTOS_GUARD_WORDS * 4u;
    if (t != NULL && (in_guard || (cfsr & (1u << 4)) != 0u)) {
        console_printf("rtos: PANIC: stack overflow in task '%s' (MPU guard)\n", (uint32_t)(uintptr_t)t->name);
    }
    halt();
}
