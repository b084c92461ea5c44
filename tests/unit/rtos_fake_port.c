/* Host fake of the rtos port (see rtos_fake_port.h). */
#include "rtos_fake_port.h"

#include <string.h>

#include "rtos.h"
#include "rtos_port.h"

struct rtos_fake_port rtos_fake;

void rtos_fake_reset(void) { memset(&rtos_fake, 0, sizeof(rtos_fake)); }

static void switch_if_possible(void)
{
    if (rtos_fake.switch_pending && rtos_fake.crit_depth == 0u && !rtos_fake.in_isr) {
        rtos_fake.switch_pending = false;
        struct rtos_task *cur = rtos_task_self();
        (void)rtos_switch_context(cur != NULL ? cur->sp : NULL);
        rtos_fake.switches_done++;
    }
}

rtos_crit_t rtos_port_crit_enter(void)
{
    rtos_fake.crit_entries++;
    return rtos_fake.crit_depth++;
}

void rtos_port_crit_exit(rtos_crit_t saved)
{
    rtos_fake.crit_depth = saved;
    switch_if_possible();
}

void rtos_port_request_switch(void)
{
    rtos_fake.switch_pending = true;
    rtos_fake.switch_requests++;
    switch_if_possible();
}

bool rtos_port_in_isr(void) { return rtos_fake.in_isr; }

bool rtos_port_can_block(void) { return !rtos_fake.in_isr && rtos_fake.crit_depth == 0u; }

void *rtos_port_stack_init(uint32_t *top, void (*fn)(void *), void *arg, void (*exit_fn)(void))
{
    (void)fn;
    (void)arg;
    (void)exit_fn;
    return top - 17; /* same depth as the Cortex-M7 initial frame */
}

int rtos_port_start(uint32_t core_hz, uint32_t tick_hz)
{
    if (rtos_fake.start_rc != RTOS_OK) {
        return rtos_fake.start_rc;
    }
    rtos_fake.started = true;
    rtos_fake.core_hz = core_hz;
    rtos_fake.tick_hz = tick_hz;
    (void)rtos_switch_context(NULL);
    return RTOS_OK;
}

void rtos_port_guard(const uint32_t *stack_base)
{
    rtos_fake.guard = stack_base;
    rtos_fake.guard_off_calls += stack_base == NULL;
}

void rtos_port_idle(void) { rtos_fake.idle_calls++; }
void rtos_port_halt(void) { rtos_fake.halts++; }

void rtos_fake_isr_enter(void) { rtos_fake.in_isr = true; }

void rtos_fake_isr_exit(void)
{
    rtos_fake.in_isr = false;
    switch_if_possible();
}

void rtos_fake_tick(void)
{
    rtos_fake_isr_enter();
    rtos_crit_t c = rtos_port_crit_enter();
    if (rtos_tick()) {
        rtos_port_request_switch();
    }
    rtos_port_crit_exit(c);
    rtos_fake_isr_exit();
}

void rtos_fake_ticks(uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        rtos_fake_tick();
    }
}
