/* Shared by the FMC test firmwares (see fwsupport.h). */
#include "fwsupport.h"

#include <stdarg.h>
#include "chip.h"
#include "drivers/console.h"
#include "drivers/deadline.h"

void boot_fail(enum boot_err e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    console_printf("E%02u ", (uint32_t)e);
    console_vprintf(fmt, ap);
    console_puts("\n");
    va_end(ap);
    for (;;) {
        cm7_irq_disable();
        cm7_wfi();
    }
}

void fault_report(const char *what, const uint32_t *frame)
{
    boot_fail(BOOT_E_FAULT, "fault: %s at pc 0x%08x (CFSR 0x%08x, BFAR 0x%08x)", (uint32_t)(uintptr_t)what,
              frame ? frame[6] : 0u, SCB_CFSR, SCB_BFAR);
}

static volatile uint32_t ticks;

void SysTick_Handler(void)
{
    ticks++;
}

void fw_sleep_ms(uint32_t ms)
{
    ticks = 0u;
    SYST_RVR = g_core_hz / 1000u - 1u;
    SYST_CVR = 0u;
    SYST_CSR = SYST_CSR_CLKSOURCE | SYST_CSR_TICKINT | SYST_CSR_ENABLE;
    cm7_irq_enable();
    while (ticks < ms) {
        cm7_wfi();
    }
    SYST_CSR = 0u;
}
