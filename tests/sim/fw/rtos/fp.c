/*
 * FP context integrity under preemption. Every FP user holds the whole register file
 * (s0-s31 and FPSCR's rounding mode) with its own values across preemptions and counts what
 * changed (fp_hold_and_check, apps/rtos/fp_regs.S):
 *   f1, f2 (2)  long holds (about 1.5 ticks), round-robin with each other on every tick
 *   f3 (3)      sleeps 3 ticks with its own values in s16-s31 (callee-saved: they must
 *               survive the blocking call), then a short hold of the whole file
 *   n (4)       integer only (no FP context: basic frame), wakes every 2 ticks and pends
 *               the test interrupt, whose handler holds the FP registers too (nested extended frames)
 * After RUN_TICKS, every holder must have completed checks with no change seen, and the
 * switches must have included tasks with and without an FP context.
 */
#include "rtos_test.h"

#include "apps/rtos/fp_regs.h"
#include "drivers/console.h"

#define RUN_TICKS 120u
#define LONG_SPINS 300000u

static struct rtos_task f1, f2, f3, n, boss;
static uint64_t stacks[5][TEST_STACK_BYTES / 8u] __attribute__((aligned(RTOS_STACK_ALIGN)));
static struct rtos_sem never;
static volatile bool stop;
static volatile uint32_t holds[4], changed[4]; /* f1, f2, f3, handler */

static void irq_handler(void)
{
    changed[3] += fp_hold_and_check(0x7F000000u + holds[3] * 40u, 200u);
    holds[3]++;
}

static void long_main(void *arg)
{
    uint32_t i = (uint32_t)(uintptr_t)arg;
    for (uint32_t round = 0; !stop; round++) {
        changed[i] += fp_hold_and_check(0x10000000u * (i + 1u) + round * 32u, LONG_SPINS);
        holds[i]++;
    }
    (void)rtos_sem_take(&never, RTOS_WAIT_FOREVER);
}

static int sleep3(void *arg)
{
    (void)arg;
    return rtos_delay(3);
}

static void f3_main(void *arg)
{
    (void)arg;
    while (!stop) {
        int rc;
        changed[2] += fp_hold_across(0x50000000u + holds[2] * 32u, sleep3, NULL, &rc);
        changed[2] += fp_hold_and_check(0x40000000u + holds[2] * 32u, 1000u);
        holds[2]++;
    }
    (void)rtos_sem_take(&never, RTOS_WAIT_FOREVER);
}

static void n_main(void *arg)
{
    (void)arg;
    while (!stop) {
        (void)rtos_delay(2);
        test_irq_pend();
    }
    (void)rtos_sem_take(&never, RTOS_WAIT_FOREVER);
}

static void boss_main(void *arg)
{
    (void)arg;
    (void)rtos_delay(RUN_TICKS);
    stop = true;
    (void)rtos_delay(5); /* let the holders finish their current hold */
    static const char *const who[4] = { "f1", "f2", "f3", "handler" };
    for (unsigned i = 0; i < 4u; i++) {
        console_printf("test: %s: %u holds, %u registers changed\n", (uint32_t)(uintptr_t)who[i], holds[i],
                       changed[i]);
        (void)test_check(holds[i] >= 10u, "holds completed (holder, count)", i, holds[i]);
        (void)test_check(changed[i] == 0u, "FP registers changed under preemption (holder, count)", i, changed[i]);
    }
    console_printf("test: %u context switches\n", rtos_switch_count());
    test_end();
}

int main(void)
{
    test_begin("rtos-fp");
    test_irq_install(irq_handler);
    rtos_init();
    (void)rtos_sem_init(&never, 0, 1);
    (void)rtos_task_create(&f1, "f1", long_main, (void *)0u, 2, stacks[0], sizeof(stacks[0]));
    (void)rtos_task_create(&f2, "f2", long_main, (void *)1u, 2, stacks[1], sizeof(stacks[1]));
    (void)rtos_task_create(&f3, "f3", f3_main, NULL, 3, stacks[2], sizeof(stacks[2]));
    (void)rtos_task_create(&n, "n", n_main, NULL, 4, stacks[3], sizeof(stacks[3]));
    (void)rtos_task_create(&boss, "boss", boss_main, NULL, 5, stacks[4], sizeof(stacks[4]));
    test_start();
}
