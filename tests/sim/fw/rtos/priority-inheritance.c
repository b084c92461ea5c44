/*
 * Priority inheritance. low (1) locks a mutex and works for 3 ticks; high (3) wakes after 1
 * tick and blocks on the mutex; mid (2) wakes after 2 ticks and would spin until high is done.
 * With inheritance low runs at priority 3 while high waits, so mid cannot preempt it:
 *   h  high asks for the mutex (blocks)      M  mid runs (only after high is done)
 *   U  low about to unlock (priority 3)      m  mid ends
 *   H  high got the mutex                    u  low back (priority 1)
 * Without inheritance mid would run at tick 2 and spin: "hM...".
 */
#include "rtos_test.h"

static struct rtos_task low, mid, high;
static uint64_t stacks[3][TEST_STACK_BYTES / 8u] __attribute__((aligned(RTOS_STACK_ALIGN)));
static struct rtos_mutex mutex;
static struct rtos_sem never;
static volatile bool high_done;

static void high_main(void *arg)
{
    (void)arg;
    (void)rtos_delay(1);
    test_trace('h');
    int rc = rtos_mutex_lock(&mutex, 100u);
    test_trace('H');
    (void)test_check(rc == RTOS_OK, "high locked the mutex (rc)", (uint32_t)-rc, 0);
    (void)test_check(rtos_mutex_unlock(&mutex) == RTOS_OK, "high unlocked", 0, 0);
    high_done = true;
    (void)rtos_sem_take(&never, RTOS_WAIT_FOREVER);
}

static void mid_main(void *arg)
{
    (void)arg;
    (void)rtos_delay(2);
    test_trace('M');
    uint32_t t0 = rtos_tick_count();
    while (!high_done && rtos_tick_count() - t0 < 10u) {
    }
    test_trace('m');
    (void)rtos_sem_take(&never, RTOS_WAIT_FOREVER);
}

static void low_main(void *arg)
{
    (void)arg;
    (void)test_check(rtos_mutex_lock(&mutex, RTOS_NO_WAIT) == RTOS_OK, "low locked the mutex", 0, 0);
    (void)rtos_task_create(&high, "high", high_main, NULL, 3, stacks[1], sizeof(stacks[1]));
    (void)rtos_task_create(&mid, "mid", mid_main, NULL, 2, stacks[2], sizeof(stacks[2]));
    uint32_t t0 = rtos_tick_count();
    while (rtos_tick_count() - t0 < 3u) {
    }
    test_trace('U');
    (void)test_check(rtos_task_prio(&low) == 3u, "owner inherited the waiter's priority", rtos_task_prio(&low), 3u);
    (void)test_check(rtos_mutex_unlock(&mutex) == RTOS_OK, "low unlocked", 0, 0);
    test_trace('u');
    (void)test_check(rtos_task_prio(&low) == 1u, "owner back to its own priority", rtos_task_prio(&low), 1u);
    (void)test_check_trace("hUHMmu");
    test_end();
}

int main(void)
{
    test_begin("rtos-pi");
    rtos_init();
    (void)rtos_mutex_init(&mutex);
    (void)rtos_sem_init(&never, 0, 1);
    (void)rtos_task_create(&low, "low", low_main, NULL, 1, stacks[0], sizeof(stacks[0]));
    test_start();
}
