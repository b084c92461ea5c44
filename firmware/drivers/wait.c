#include "deadline.h"
#include "errors.h"
#include "chip.h"

uint32_t g_core_hz = CHIP_HSI_HZ; /* the HSI clocks the core after reset */

int wait_reg(volatile uint32_t *reg, uint32_t mask, uint32_t value, uint32_t timeout_us)
{
    struct deadline d = deadline_in_us(timeout_us);
    for (;;) {
        if ((*reg & mask) == value) {
            return DRV_OK;
        }
        if (deadline_passed(&d)) {
            /* one more look: the deadline may have passed while we were preempted */
            return ((*reg & mask) == value) ? DRV_OK : DRV_ETIMEDOUT;
        }
    }
}
