/*
 * Preemption order. Each letter is one event; the trace must be exactly:
 *   L  low (1) runs, creates high (3), which preempts it at once:
 *   H  high runs, creates mid (2): less urgent, no preemption
 *   h  high continues, then sleeps 1 tick
 *   M  mid runs, sleeps 1 tick
 *   l  low resumes (its create call returns), sleeps 2 ticks
 *   I  the tick wakes high and mid together: high first
 *   N  then mid; both then wait on a semaphore for good
 *   m  low wakes; creates rr1 and rr2 (4), which sleep 1 tick then take turns one tick each
 *      (round-robin) while low, less urgent but ready, never runs (it would trace x);
 *   e  low again once both are done.
 */
#include "rtos_test.h"

static struct rtos_task low, high, mid, rr1, rr2;
static uint64_t stacks[5][TEST_STACK_BYTES / 8u] __attribute__((aligned(RTOS_STACK_ALIGN)));
static struct rtos_sem never;

#define RR_ROUNDS 8u
static struct {
    uint8_t id;
    uint32_t tick;
} rr_log[2u * RR_ROUNDS];
static volatile uint32_t rr_len;

static void mid_main(void *arg)
{
    (void)arg;
    test_trace('M');
    (void)rtos_delay(1);
    test_trace('N');
    (void)rtos_sem_take(&never, RTOS_WAIT_FOREVER);
}

static void high_main(void *arg)
{
    (void)arg;
    test_trace('H');
    (void)test_check(rtos_task_create(&mid, "mid", mid_main, NULL, 2, stacks[2], sizeof(stacks[2])) == RTOS_OK,
                     "create mid", 0, 0);
    test_trace('h');
    (void)rtos_delay(1);
    test_trace('I');
    (void)rtos_sem_take(&never, RTOS_WAIT_FOREVER);
}

/* Each turn: log (id, tick), then spin until the tick changes; the tick hands the CPU to the
 * other task of the same priority, so a turn ends only when this task runs again. */
static void rr_main(void *arg)
{
    uint8_t id = (uint8_t)(uintptr_t)arg;
    (void)rtos_delay(1); /* both start on the same tick */
    for (unsigned i = 0; i < RR_ROUNDS; i++) {
        uint32_t t = rtos_tick_count();
        rr_log[rr_len].id = id;
        rr_log[rr_len].tick = t;
        rr_len++;
        while (rtos_tick_count() == t) {
        }
    }
    (void)rtos_sem_take(&never, RTOS_WAIT_FOREVER);
}

static void low_main(void *arg)
{
    (void)arg;
    test_trace('L');
    (void)test_check(rtos_task_create(&high, "high", high_main, NULL, 3, stacks[1], sizeof(stacks[1])) == RTOS_OK,
                     "create high", 0, 0);
    test_trace('l');
    (void)rtos_delay(2);
    test_trace('m');
    (void)rtos_task_create(&rr1, "rr1", rr_main, (void *)1u, 4, stacks[3], sizeof(stacks[3]));
    (void)rtos_task_create(&rr2, "rr2", rr_main, (void *)2u, 4, stacks[4], sizeof(stacks[4]));
    /* rr_len is read once per turn of the loop: a preemption between two reads would see
     * the finished count as "turns in progress" */
    for (;;) {
        uint32_t n = rr_len;
        if (n >= 2u * RR_ROUNDS) {
            break;
        }
        if (n != 0u) {
            test_trace('x'); /* ready at priority 1 while priority 4 tasks take turns */
            break;
        }
    }
    test_trace('e');
    (void)test_check_trace("LHhMlINme");
    (void)test_check(rr_len == 2u * RR_ROUNDS, "round-robin turns", rr_len, 2u * RR_ROUNDS);
    for (unsigned i = 1; i < rr_len; i++) {
        (void)test_check(rr_log[i].id != rr_log[i - 1u].id, "turns alternate (turn, id)", i, rr_log[i].id);
        (void)test_check(rr_log[i].tick == rr_log[i - 1u].tick + 1u, "one turn per tick (turn, tick)", i,
                         rr_log[i].tick);
    }
    test_end();
}

int main(void)
{
    test_begin("rtos-preempt");
    rtos_init();
    (void)rtos_sem_init(&never, 0, 1);
    (void)test_check(rtos_task_create(&low, "low", low_main, NULL, 1, stacks[0], sizeof(stacks[0])) == RTOS_OK,
                     "create low", 0, 0);
    test_start();
}
