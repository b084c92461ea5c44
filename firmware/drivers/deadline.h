/* Bounded waits on the DWT cycle counter: every poll loop in the firmware uses one. */
#ifndef DRIVERS_DEADLINE_H
#define DRIVERS_DEADLINE_H
#include <stdbool.h>
#include <stdint.h>
#include "cm7.h"

extern uint32_t g_core_hz; /* kept current by the clock driver */

struct deadline {
    uint32_t start;
    uint32_t cycles;
};

static inline struct deadline deadline_in_us(uint32_t us)
{
    struct deadline d = { cm7_cyccnt(), (uint32_t)(((uint64_t)g_core_hz * us) / 1000000u) };
    return d;
}

static inline bool deadline_passed(const struct deadline *d)
{
    return (uint32_t)(cm7_cyccnt() - d->start) >= d->cycles;
}

/* Microseconds elapsed since the cycle count c0 (for the boot log). */
static inline uint32_t cycles_to_us(uint32_t cycles)
{
    return (uint32_t)(((uint64_t)cycles * 1000000u) / g_core_hz);
}

/* Waits until (*reg & mask) == value or the timeout passes; 0 or -ETIMEDOUT style -1. */
int wait_reg(volatile uint32_t *reg, uint32_t mask, uint32_t value, uint32_t timeout_us);
#endif
