/*
 * Host fake of the rtos port: critical sections are a nesting counter, "interrupt context" is
 * a flag the test sets, and a requested switch is performed (rtos_switch_context) as soon as
 * neither holds, as PendSV would be taken on the target. Task code never runs: a test plays
 * the running task by calling the API while rtos_task_self() is that task.
 */
#ifndef RTOS_FAKE_PORT_H
#define RTOS_FAKE_PORT_H

#include <stdbool.h>
#include <stdint.h>

struct rtos_fake_port {
    unsigned crit_depth;
    unsigned crit_entries;   /* total, to check that sections are balanced */
    bool in_isr;
    bool switch_pending;
    unsigned switch_requests;
    unsigned switches_done;
    bool started;
    int start_rc;            /* what rtos_port_start() returns (0 = starts) */
    uint32_t core_hz;
    uint32_t tick_hz;
    unsigned idle_calls;
    unsigned halts;
    const uint32_t *guard;       /* last stack bottom given to rtos_port_guard() */
    unsigned guard_off_calls;    /* rtos_port_guard(NULL) calls */
};

extern struct rtos_fake_port rtos_fake;

void rtos_fake_reset(void);
void rtos_fake_isr_enter(void);
void rtos_fake_isr_exit(void);   /* performs a switch requested during the handler */
void rtos_fake_tick(void);       /* SysTick: enter, rtos_tick(), request switch, exit */
void rtos_fake_ticks(uint32_t n);

#endif /* RTOS_FAKE_PORT_H */
