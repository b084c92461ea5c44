/*
 * Context switch time, measured with DWT CYCCNT (in the simulator's fast mode one cycle is one
 * instruction; exception entry and return are not charged):
 *   yield: a task stamps CYCCNT and calls rtos_yield(); the equal-priority task it switches to
 *          reads CYCCNT first thing: the whole task-to-task path (kernel call, PendSV, return).
 *          Once between tasks without an FP context, once between tasks with one (extended
 *          frames, s16-s31 saved and restored).
 *   give:  a task stamps and gives a semaphore a more urgent task waits on; that task reads
 *          CYCCNT when its take returns.
 *   tick: a lone task reads CYCCNT in a tight loop for a few ticks; the longest gap between two
 *         reads is a SysTick interrupt that wakes nobody (entry, kernel tick, return).
 * Every yield sample must be taken by the other task than the one that stamped (so each yield
 * was a switch), and each cost is printed as a number for docs/rtos.md.
 */
#include "rtos_test.h"

#include "chip.h"
#include "drivers/console.h"

#define ROUNDS 16u

static struct rtos_task a, b, waiter;
static uint64_t stacks[3][TEST_STACK_BYTES / 8u] __attribute__((aligned(RTOS_STACK_ALIGN)));
static struct rtos_sem go, done, wake;
static volatile uint32_t stamp, stamp_by, min_cycles, max_cycles, samples, use_fp;

static void sample(uint32_t now)
{
    uint32_t d = now - stamp;
    min_cycles = d < min_cycles ? d : min_cycles;
    max_cycles = d > max_cycles ? d : max_cycles;
    samples++;
}

static void ping_main(void *arg)
{
    uint32_t self = (uint32_t)(uintptr_t)arg;
    for (;;) {
        (void)rtos_sem_take(&go, RTOS_WAIT_FOREVER);
        if (use_fp) {
            __asm__ volatile("vmov s16, %0" ::"r"(1u)); /* this task now has an FP context */
        }
        for (unsigned i = 0; i < ROUNDS; i++) {
            if (i > 0u) { /* the first turn resumes from the take, not from a yield */
                uint32_t now = cm7_cyccnt();
                (void)test_check(stamp_by != self, "the yield switched to the other task (task)", self, i);
                sample(now);
                /* The other task's saved context: r4-r11 then its EXC_RETURN, whose bit 4 is
                 * clear exactly when it was switched out with an FP context. */
                const struct rtos_task *peer = self == 1u ? &b : &a;
                uint32_t excret = ((const uint32_t *)peer->sp)[8];
                (void)test_check(excret == (use_fp ? 0xFFFFFFEDu : 0xFFFFFFFDu),
                                 "peer saved with the expected frame type (EXC_RETURN, fp)", excret, use_fp);
            }
            stamp_by = self;
            stamp = cm7_cyccnt();
            (void)rtos_yield();
        }
        (void)rtos_sem_give(&done);
    }
}

static void waiter_main(void *arg)
{
    (void)arg;
    for (;;) {
        (void)rtos_sem_take(&wake, RTOS_WAIT_FOREVER);
        sample(cm7_cyccnt());
    }
}

static void report(const char *what)
{
    console_printf("test: %s: %u cycles (min %u, max %u, %u samples)\n", (uint32_t)(uintptr_t)what, min_cycles,
                   min_cycles, max_cycles, samples);
    (void)test_check(samples > 0u && min_cycles > 20u && max_cycles < 5000u, "measured cycles in range (min, max)",
                     min_cycles, max_cycles);
}

static void reset(void)
{
    min_cycles = UINT32_MAX;
    max_cycles = 0;
    samples = 0;
}

static void boss_main(void *arg)
{
    (void)arg;
    static const char *const what[2] = { "rtos_yield to an equal-priority task, no FP context",
                                         "rtos_yield to an equal-priority task, both with FP context" };
    for (use_fp = 0; use_fp < 2u; use_fp++) {
        reset();
        (void)rtos_sem_give(&go);
        (void)rtos_sem_give(&go);
        (void)rtos_sem_take(&done, 100u);
        (void)rtos_sem_take(&done, 100u);
        (void)test_check(samples == 2u * (ROUNDS - 1u), "yield samples", samples, 2u * (ROUNDS - 1u));
        report(what[use_fp]);
    }
    reset();
    for (unsigned i = 0; i < ROUNDS; i++) {
        stamp = cm7_cyccnt();
        (void)rtos_sem_give(&wake);
    }
    report("rtos_sem_give to a more urgent waiting task");

    reset();
    uint32_t t0 = rtos_tick_count(), prev = cm7_cyccnt(), loop = UINT32_MAX;
    while (rtos_tick_count() - t0 < 4u) {
        uint32_t now = cm7_cyccnt();
        uint32_t d = now - prev;
        loop = d < loop ? d : loop;
        if (d > max_cycles) {
            max_cycles = d;
        }
        prev = now;
    }
    min_cycles = max_cycles - loop; /* the gap minus one loop turn */
    samples = 1;
    report("SysTick that wakes no task (loop turn subtracted)");
    test_end();
}

int main(void)
{
    test_begin("rtos-switch");
    rtos_init();
    (void)rtos_sem_init(&go, 0, 2);
    (void)rtos_sem_init(&done, 0, 2);
    (void)rtos_sem_init(&wake, 0, 1);
    (void)rtos_task_create(&a, "a", ping_main, (void *)1u, 2, stacks[0], sizeof(stacks[0]));
    (void)rtos_task_create(&b, "b", ping_main, (void *)2u, 2, stacks[1], sizeof(stacks[1]));
    (void)rtos_task_create(&waiter, "waiter", waiter_main, NULL, 4, stacks[2], sizeof(stacks[2]));
    static struct rtos_task boss;
    static uint64_t boss_stack[TEST_STACK_BYTES / 8u] __attribute__((aligned(RTOS_STACK_ALIGN)));
    (void)rtos_task_create(&boss, "boss", boss_main, NULL, 3, boss_stack, sizeof(boss_stack));
    test_start();
}
