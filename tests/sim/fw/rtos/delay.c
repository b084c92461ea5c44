/*
 * Delays accurate to the tick, in ticks and in virtual time (DWT CYCCNT), while a less urgent
 * task keeps the CPU busy:
 * - rtos_delay(n), n = 1..6, started right after a tick: wakes exactly n ticks later, n ticks of
 *   cycles later within one tick;
 * - rtos_delay_until(&last, 7) ten times: wakes on the grid start + 7k, each period 7 ticks of
 *   cycles within one tick, with work of varying length in between (no drift);
 * - rtos_sem_take(s, 5) on an empty semaphore: RTOS_ETIMEOUT exactly 5 ticks later.
 */
#include "rtos_test.h"

#include "chip.h"

static struct rtos_task timer, busy;
static uint64_t stacks[2][TEST_STACK_BYTES / 8u] __attribute__((aligned(RTOS_STACK_ALIGN)));
static struct rtos_sem empty;

static uint32_t diff_abs(uint32_t a, uint32_t b) { return a > b ? a - b : b - a; }

/* Register-only loops: stores are the simulator's slow path, and nothing here needs memory. */
static void spin(uint32_t n)
{
    while (n != 0u) {
        __asm__ volatile("" : "+r"(n));
        n--;
    }
}

static void busy_main(void *arg)
{
    (void)arg;
    for (;;) {
        spin(UINT32_MAX);
    }
}

static void timer_main(void *arg)
{
    (void)arg;
    const uint32_t tick = test_tick_cycles();
    for (uint32_t n = 1; n <= 6u; n++) {
        (void)rtos_delay(1); /* start right after a tick */
        uint32_t t0 = rtos_tick_count(), c0 = cm7_cyccnt();
        int rc = rtos_delay(n);
        uint32_t t1 = rtos_tick_count(), c1 = cm7_cyccnt();
        (void)test_check(rc == RTOS_OK, "delay rc", (uint32_t)-rc, n);
        (void)test_check(t1 - t0 == n, "delay(n) woke after ticks (n, ticks)", n, t1 - t0);
        (void)test_check(diff_abs(c1 - c0, n * tick) < tick, "delay(n) lasted cycles (n, cycles)", n, c1 - c0);
    }

    const uint32_t period = 7u;
    uint32_t last = rtos_tick_count();
    const uint32_t start = last;
    uint32_t c_prev = cm7_cyccnt();
    for (uint32_t k = 1; k <= 10u; k++) {
        spin(k * 20000u); /* work of varying length */
        int rc = rtos_delay_until(&last, period);
        uint32_t now = rtos_tick_count(), c = cm7_cyccnt();
        (void)test_check(rc == RTOS_OK, "delay_until rc (k, rc)", k, (uint32_t)-rc);
        (void)test_check(now == start + k * period, "delay_until woke at tick (k, tick - start)", k, now - start);
        (void)test_check(diff_abs(c - c_prev, period * tick) < tick, "period in cycles (k, cycles)", k, c - c_prev);
        c_prev = c;
    }

    (void)rtos_delay(1);
    uint32_t t0 = rtos_tick_count();
    int rc = rtos_sem_take(&empty, 5u);
    (void)test_check(rc == RTOS_ETIMEOUT, "take on empty semaphore timed out (rc)", (uint32_t)-rc, 0);
    (void)test_check(rtos_tick_count() - t0 == 5u, "timeout after ticks", rtos_tick_count() - t0, 5u);
    test_end();
}

int main(void)
{
    test_begin("rtos-delay");
    rtos_init();
    (void)rtos_sem_init(&empty, 0, 1);
    (void)rtos_task_create(&timer, "timer", timer_main, NULL, 3, stacks[0], sizeof(stacks[0]));
    (void)rtos_task_create(&busy, "busy", busy_main, NULL, 1, stacks[1], sizeof(stacks[1]));
    test_start();
}
