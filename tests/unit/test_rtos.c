/*
 * Unit tests of the rtos kernel's portable part on the host, with the fake port.
 *
 * Task code never runs here: a test acts as the running task by calling the API while
 * rtos_task_self() is that task. A call that blocks returns RTOS_EPENDING at once (on the target
 * it would return only after the wait); the wait's outcome is then read from task.wait_rc.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "rtos.h"
#include "rtos_fake_port.h"

#define STACK_WORDS 128u
static uint32_t stacks[4][STACK_WORDS];
static struct rtos_task ta, tb, tc, td;

static const char *panic_what;
static const struct rtos_task *panic_task;
static unsigned panic_count;

/* Overrides the kernel's weak default (which would halt). */
void rtos_panic(const char *what, const struct rtos_task *t)
{
    panic_what = what;
    panic_task = t;
    panic_count++;
}

static void task_fn(void *arg) { (void)arg; }

static void create(struct rtos_task *t, const char *name, uint8_t prio, unsigned stack)
{
    assert_int_equal(rtos_task_create(t, name, task_fn, NULL, prio, stacks[stack], sizeof(stacks[0])),
                     RTOS_OK);
}

static void start(void) { assert_int_equal(rtos_start(216000000u, 1000u), RTOS_OK); }

static int setup(void **state)
{
    (void)state;
    rtos_fake_reset();
    rtos_init();
    panic_what = NULL;
    panic_task = NULL;
    panic_count = 0;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    assert_int_equal(rtos_fake.crit_depth, 0); /* every critical section was left */
    return 0;
}

static bool is_idle(const struct rtos_task *t) { return t != NULL && t->prio == RTOS_PRIO_IDLE; }

/* ---- Scheduling ------------------------------------------------------------------------------ */

static void test_start_runs_highest_priority_ready_task(void **state)
{
    (void)state;
    create(&ta, "a", 2, 0);
    create(&tb, "b", 5, 1);
    create(&tc, "c", 3, 2);
    assert_null(rtos_task_self());
    start();
    assert_ptr_equal(rtos_task_self(), &tb);
    assert_int_equal(rtos_fake.tick_hz, 1000);
}

static void test_start_with_no_task_runs_idle(void **state)
{
    (void)state;
    start();
    assert_true(is_idle(rtos_task_self()));
}

static void test_more_urgent_task_created_by_running_task_preempts_it(void **state)
{
    (void)state;
    create(&ta, "a", 2, 0);
    start();
    assert_ptr_equal(rtos_task_self(), &ta);
    create(&tb, "b", 4, 1);
    assert_ptr_equal(rtos_task_self(), &tb);
    create(&tc, "c", 3, 2); /* less urgent: no preemption */
    assert_ptr_equal(rtos_task_self(), &tb);
}

static void test_equal_priority_tasks_round_robin_on_each_tick_lower_never_runs(void **state)
{
    (void)state;
    create(&ta, "a", 3, 0);
    create(&tb, "b", 3, 1);
    create(&tc, "c", 3, 2);
    create(&td, "d", 1, 3);
    start();
    const struct rtos_task *expect[] = {&ta, &tb, &tc, &ta, &tb, &tc, &ta};
    for (size_t i = 0; i < sizeof(expect) / sizeof(expect[0]); i++) {
        assert_ptr_equal(rtos_task_self(), expect[i]);
        rtos_fake_tick();
    }
}

static void test_lone_task_keeps_cpu_across_ticks_without_switches(void **state)
{
    (void)state;
    create(&ta, "a", 3, 0);
    create(&tb, "b", 1, 1);
    start();
    uint32_t switches = rtos_switch_count();
    rtos_fake_ticks(20);
    assert_ptr_equal(rtos_task_self(), &ta);
    assert_int_equal(rtos_switch_count(), switches);
}

static void test_yield_passes_cpu_to_equal_priority_task_only(void **state)
{
    (void)state;
    create(&ta, "a", 3, 0);
    create(&tb, "b", 3, 1);
    create(&tc, "c", 2, 2);
    start();
    assert_int_equal(rtos_yield(), RTOS_OK);
    assert_ptr_equal(rtos_task_self(), &tb);
    assert_int_equal(rtos_delay(0), RTOS_OK); /* delay 0 = yield */
    assert_ptr_equal(rtos_task_self(), &ta);
}

/* ---- Delays ---------------------------------------------------------------------------------- */

static void test_delays_wake_tasks_in_deadline_order_each_at_its_exact_tick(void **state)
{
    (void)state;
    create(&ta, "a", 5, 0);
    create(&tb, "b", 4, 1);
    create(&tc, "c", 3, 2);
    start();
    assert_int_equal(rtos_delay(5), RTOS_EPENDING); /* a: wake at 5 */
    assert_ptr_equal(rtos_task_self(), &tb);
    assert_int_equal(rtos_delay(2), RTOS_EPENDING); /* b: wake at 2 */
    assert_ptr_equal(rtos_task_self(), &tc);
    assert_int_equal(rtos_delay(3), RTOS_EPENDING); /* c: wake at 3 */
    assert_true(is_idle(rtos_task_self()));

    rtos_fake_tick(); /* 1 */
    assert_true(is_idle(rtos_task_self()));
    rtos_fake_tick(); /* 2 */
    assert_ptr_equal(rtos_task_self(), &tb);
    assert_int_equal(tb.wait_rc, RTOS_OK);
    assert_int_equal(rtos_delay(100), RTOS_EPENDING);
    assert_true(is_idle(rtos_task_self()));
    rtos_fake_tick(); /* 3 */
    assert_ptr_equal(rtos_task_self(), &tc);
    assert_int_equal(rtos_delay(100), RTOS_EPENDING);
    rtos_fake_tick(); /* 4 */
    assert_true(is_idle(rtos_task_self()));
    assert_int_equal(ta.state, RTOS_TASK_BLOCKED);
    rtos_fake_tick(); /* 5 */
    assert_ptr_equal(rtos_task_self(), &ta);
    assert_int_equal(rtos_tick_count(), 5);
}

static void test_delay_wakes_at_right_tick_across_tick_counter_wraparound(void **state)
{
    (void)state;
    rtos_init_at_tick(UINT32_MAX - 2u);
    create(&ta, "a", 5, 0);
    create(&tb, "b", 4, 1);
    start();
    assert_int_equal(rtos_delay(5), RTOS_EPENDING); /* a: wake at 2, after the wrap */
    assert_int_equal(ta.wake_tick, 2u);
    assert_ptr_equal(rtos_task_self(), &tb);
    assert_int_equal(rtos_delay(1), RTOS_EPENDING); /* b: wake at UINT32_MAX - 1 */
    rtos_fake_tick();
    assert_int_equal(rtos_tick_count(), UINT32_MAX - 1u);
    assert_ptr_equal(rtos_task_self(), &tb); /* b first although 2 < UINT32_MAX - 1 */
    assert_int_equal(ta.state, RTOS_TASK_BLOCKED);
    assert_int_equal(rtos_delay(1000), RTOS_EPENDING);
    rtos_fake_ticks(3); /* UINT32_MAX, 0, 1 */
    assert_int_equal(rtos_tick_count(), 1u);
    assert_int_equal(ta.state, RTOS_TASK_BLOCKED);
    rtos_fake_tick(); /* 2 */
    assert_ptr_equal(rtos_task_self(), &ta);
}

static void test_delay_until_wakes_on_the_period_grid_without_drift(void **state)
{
    (void)state;
    create(&ta, "a", 3, 0);
    start();
    uint32_t last = rtos_tick_count();
    for (uint32_t period = 1; period <= 4; period++) {
        assert_int_equal(rtos_delay_until(&last, 10), RTOS_EPENDING);
        assert_int_equal(last, period * 10u);
        rtos_fake_ticks(period * 10u - rtos_tick_count() - 1u);
        assert_true(is_idle(rtos_task_self()));
        rtos_fake_tick();
        assert_ptr_equal(rtos_task_self(), &ta);
        assert_int_equal(rtos_tick_count(), period * 10u);
        rtos_fake_ticks(3); /* the task works 3 ticks; the next wake must not move by 3 */
    }
}

static void test_delay_until_reports_overrun_without_sleeping_and_keeps_grid(void **state)
{
    (void)state;
    create(&ta, "a", 3, 0);
    start();
    uint32_t last = 0;
    rtos_fake_ticks(25); /* the task ran late: deadlines 10 and 20 are gone */
    assert_int_equal(rtos_delay_until(&last, 10), RTOS_EOVERRUN);
    assert_int_equal(last, 10u);
    assert_int_equal(rtos_delay_until(&last, 10), RTOS_EOVERRUN);
    assert_int_equal(last, 20u);
    assert_ptr_equal(rtos_task_self(), &ta);
    assert_int_equal(rtos_delay_until(&last, 10), RTOS_EPENDING);
    assert_int_equal(last, 30u);
    rtos_fake_ticks(4);
    assert_true(is_idle(rtos_task_self()));
    rtos_fake_tick();
    assert_ptr_equal(rtos_task_self(), &ta);
    assert_int_equal(rtos_tick_count(), 30u);
}

/* ---- Semaphores ------------------------------------------------------------------------------ */

static void test_sem_counts_up_to_max_polls_eagain_when_empty_eoverflow_when_full(void **state)
{
    (void)state;
    struct rtos_sem s;
    create(&ta, "a", 3, 0);
    start();
    assert_int_equal(rtos_sem_init(&s, 1, 2), RTOS_OK);
    assert_int_equal(rtos_sem_take(&s, RTOS_NO_WAIT), RTOS_OK);
    assert_int_equal(rtos_sem_take(&s, RTOS_NO_WAIT), RTOS_EAGAIN);
    assert_int_equal(rtos_sem_give(&s), RTOS_OK);
    assert_int_equal(rtos_sem_give(&s), RTOS_OK);
    assert_int_equal(rtos_sem_give(&s), RTOS_EOVERFLOW);
    assert_int_equal(s.count, 2);

    struct rtos_sem bin;
    assert_int_equal(rtos_sem_init(&bin, 0, 1), RTOS_OK);
    assert_int_equal(rtos_sem_give(&bin), RTOS_OK);
    assert_int_equal(rtos_sem_give(&bin), RTOS_EOVERFLOW);
    assert_int_equal(rtos_sem_init(&bin, 2, 1), RTOS_EINVAL);
}

static void test_sem_give_wakes_most_urgent_waiter_first_fifo_among_equals(void **state)
{
    (void)state;
    struct rtos_sem s;
    assert_int_equal(rtos_sem_init(&s, 0, 10), RTOS_OK);
    start(); /* idle only; each task created below runs at once and blocks */
    create(&tc, "c", 3, 2);
    assert_int_equal(rtos_sem_take(&s, RTOS_WAIT_FOREVER), RTOS_EPENDING);
    create(&ta, "a", 5, 0);
    assert_int_equal(rtos_sem_take(&s, RTOS_WAIT_FOREVER), RTOS_EPENDING);
    create(&tb, "b", 3, 1);
    assert_int_equal(rtos_sem_take(&s, RTOS_WAIT_FOREVER), RTOS_EPENDING);
    create(&td, "giver", 7, 3);
    assert_ptr_equal(rtos_task_self(), &td);

    assert_int_equal(rtos_sem_give(&s), RTOS_OK);
    assert_int_equal(ta.state, RTOS_TASK_READY);
    assert_int_equal(ta.wait_rc, RTOS_OK);
    assert_int_equal(tc.state, RTOS_TASK_BLOCKED);
    assert_int_equal(rtos_sem_give(&s), RTOS_OK);
    assert_int_equal(tc.state, RTOS_TASK_READY); /* c blocked before b */
    assert_int_equal(tb.state, RTOS_TASK_BLOCKED);
    assert_int_equal(rtos_sem_give(&s), RTOS_OK);
    assert_int_equal(tb.state, RTOS_TASK_READY);
    assert_int_equal(s.count, 0); /* every unit was handed to a waiter */
    assert_ptr_equal(rtos_task_self(), &td);
    assert_int_equal(rtos_delay(1), RTOS_EPENDING);
    assert_ptr_equal(rtos_task_self(), &ta);
}

static void test_sem_take_times_out_with_etimeout_at_exact_tick(void **state)
{
    (void)state;
    struct rtos_sem s;
    assert_int_equal(rtos_sem_init(&s, 0, 1), RTOS_OK);
    create(&ta, "a", 3, 0);
    start();
    assert_int_equal(rtos_sem_take(&s, 5), RTOS_EPENDING);
    rtos_fake_ticks(4);
    assert_int_equal(ta.state, RTOS_TASK_BLOCKED);
    rtos_fake_tick();
    assert_ptr_equal(rtos_task_self(), &ta);
    assert_int_equal(ta.wait_rc, RTOS_ETIMEOUT);
    assert_int_equal(rtos_sem_give(&s), RTOS_OK); /* no waiter left: the unit is counted */
    assert_int_equal(s.count, 1);
}

/* ---- Queues ---------------------------------------------------------------------------------- */

static void test_queue_is_fifo_across_buffer_wrap_and_polls_eagain_when_full_or_empty(void **state)
{
    (void)state;
    struct rtos_queue q;
    uint32_t buf[3];
    uint32_t v;
    create(&ta, "a", 3, 0);
    start();
    assert_int_equal(rtos_queue_init(&q, buf, sizeof(uint32_t), 0), RTOS_EINVAL);
    assert_int_equal(rtos_queue_init(&q, buf, 0, 3), RTOS_EINVAL);
    assert_int_equal(rtos_queue_init(&q, buf, sizeof(uint32_t), 3), RTOS_OK);
    for (uint32_t round = 0; round < 3; round++) {
        for (uint32_t i = 1; i <= 3; i++) {
            v = round * 10u + i;
            assert_int_equal(rtos_queue_send(&q, &v, RTOS_NO_WAIT), RTOS_OK);
        }
        assert_int_equal(rtos_queue_send(&q, &v, RTOS_NO_WAIT), RTOS_EAGAIN);
        assert_int_equal(rtos_queue_count(&q), 3);
        for (uint32_t i = 1; i <= 3; i++) {
            assert_int_equal(rtos_queue_receive(&q, &v, RTOS_NO_WAIT), RTOS_OK);
            assert_int_equal(v, round * 10u + i);
        }
        assert_int_equal(rtos_queue_receive(&q, &v, RTOS_NO_WAIT), RTOS_EAGAIN);
        /* shift the ring so the next round wraps around the buffer end */
        assert_int_equal(rtos_queue_send(&q, &v, RTOS_NO_WAIT), RTOS_OK);
        assert_int_equal(rtos_queue_receive(&q, &v, RTOS_NO_WAIT), RTOS_OK);
    }
}

static void test_queue_receive_blocks_until_send_and_gets_item_by_hand_off(void **state)
{
    (void)state;
    struct rtos_queue q;
    uint32_t buf[2];
    uint32_t got = 0;
    uint32_t v = 42;
    assert_int_equal(rtos_queue_init(&q, buf, sizeof(uint32_t), 2), RTOS_OK);
    create(&ta, "receiver", 5, 0);
    create(&tb, "sender", 3, 1);
    start();
    assert_int_equal(rtos_queue_receive(&q, &got, RTOS_WAIT_FOREVER), RTOS_EPENDING);
    assert_ptr_equal(rtos_task_self(), &tb);
    assert_int_equal(rtos_queue_send(&q, &v, RTOS_NO_WAIT), RTOS_OK);
    assert_ptr_equal(rtos_task_self(), &ta); /* the more urgent receiver preempts the sender */
    assert_int_equal(ta.wait_rc, RTOS_OK);
    assert_int_equal(got, 42);
    assert_int_equal(rtos_queue_count(&q), 0);
}

static void test_queue_send_blocks_when_full_until_receive_frees_a_slot(void **state)
{
    (void)state;
    struct rtos_queue q;
    uint32_t buf[1];
    uint32_t one = 1, two = 2, got = 0;
    assert_int_equal(rtos_queue_init(&q, buf, sizeof(uint32_t), 1), RTOS_OK);
    create(&ta, "sender", 5, 0);
    create(&tb, "receiver", 3, 1);
    start();
    assert_int_equal(rtos_queue_send(&q, &one, 50), RTOS_OK);
    assert_int_equal(rtos_queue_send(&q, &two, 50), RTOS_EPENDING);
    assert_ptr_equal(rtos_task_self(), &tb);
    assert_int_equal(rtos_queue_receive(&q, &got, RTOS_NO_WAIT), RTOS_OK);
    assert_int_equal(got, 1);
    assert_ptr_equal(rtos_task_self(), &ta); /* its send completed; it preempts */
    assert_int_equal(ta.wait_rc, RTOS_OK);
    assert_int_equal(rtos_queue_count(&q), 1);
    assert_int_equal(rtos_delay(1), RTOS_EPENDING);
    assert_int_equal(rtos_queue_receive(&q, &got, RTOS_NO_WAIT), RTOS_OK);
    assert_int_equal(got, 2);
}

static void test_queue_send_to_full_queue_times_out_with_etimeout(void **state)
{
    (void)state;
    struct rtos_queue q;
    uint8_t buf[1];
    uint8_t v = 7;
    assert_int_equal(rtos_queue_init(&q, buf, 1, 1), RTOS_OK);
    create(&ta, "a", 3, 0);
    start();
    assert_int_equal(rtos_queue_send(&q, &v, RTOS_NO_WAIT), RTOS_OK);
    assert_int_equal(rtos_queue_send(&q, &v, 3), RTOS_EPENDING);
    rtos_fake_ticks(3);
    assert_ptr_equal(rtos_task_self(), &ta);
    assert_int_equal(ta.wait_rc, RTOS_ETIMEOUT);
    assert_int_equal(rtos_queue_count(&q), 1);
}

/* ---- Mutexes --------------------------------------------------------------------------------- */

static void test_mutex_inheritance_raises_owner_to_waiter_priority_and_unlock_restores(void **state)
{
    (void)state;
    struct rtos_mutex m;
    assert_int_equal(rtos_mutex_init(&m), RTOS_OK);
    create(&ta, "low", 2, 0);
    create(&tb, "mid", 4, 1);
    start();
    assert_int_equal(rtos_delay(1), RTOS_EPENDING); /* mid sleeps; low runs and locks */
    assert_ptr_equal(rtos_task_self(), &ta);
    assert_int_equal(rtos_mutex_lock(&m, RTOS_WAIT_FOREVER), RTOS_OK);
    rtos_fake_tick(); /* mid wakes and preempts low */
    assert_ptr_equal(rtos_task_self(), &tb);
    assert_int_equal(rtos_delay(100), RTOS_EPENDING);

    create(&tc, "high", 6, 2);
    assert_int_equal(rtos_mutex_lock(&m, RTOS_WAIT_FOREVER), RTOS_EPENDING);
    assert_int_equal(ta.prio, 6); /* low inherits high's priority */
    assert_int_equal(ta.base_prio, 2);
    assert_ptr_equal(rtos_task_self(), &ta);

    assert_int_equal(rtos_mutex_unlock(&m), RTOS_OK);
    assert_int_equal(ta.prio, 2); /* restored on unlock */
    assert_ptr_equal(m.owner, &tc); /* ownership handed to the waiter */
    assert_ptr_equal(rtos_task_self(), &tc);
    assert_int_equal(tc.wait_rc, RTOS_OK);
    assert_int_equal(rtos_mutex_unlock(&m), RTOS_OK);
    assert_null(m.owner);
}

static void test_mutex_inheritance_is_transitive_through_a_chain_of_owners(void **state)
{
    (void)state;
    struct rtos_mutex m1, m2;
    assert_int_equal(rtos_mutex_init(&m1), RTOS_OK);
    assert_int_equal(rtos_mutex_init(&m2), RTOS_OK);
    create(&ta, "low", 2, 0);
    start();
    assert_int_equal(rtos_mutex_lock(&m1, RTOS_WAIT_FOREVER), RTOS_OK);
    create(&tb, "mid", 4, 1);
    assert_int_equal(rtos_mutex_lock(&m2, RTOS_WAIT_FOREVER), RTOS_OK);
    assert_int_equal(rtos_mutex_lock(&m1, RTOS_WAIT_FOREVER), RTOS_EPENDING);
    assert_int_equal(ta.prio, 4);
    create(&tc, "high", 6, 2);
    assert_int_equal(rtos_mutex_lock(&m2, RTOS_WAIT_FOREVER), RTOS_EPENDING);
    assert_int_equal(tb.prio, 6);
    assert_int_equal(ta.prio, 6); /* high -> m2 -> mid -> m1 -> low */
    assert_ptr_equal(rtos_task_self(), &ta);

    assert_int_equal(rtos_mutex_unlock(&m1), RTOS_OK);
    assert_int_equal(ta.prio, 2);
    assert_ptr_equal(rtos_task_self(), &tb);
    assert_int_equal(tb.prio, 6); /* still lends high's priority through m2 */
    assert_int_equal(rtos_mutex_unlock(&m2), RTOS_OK);
    assert_int_equal(tb.prio, 4);
    assert_ptr_equal(rtos_task_self(), &tc);
}

static void test_mutex_wait_timeout_gives_back_inherited_priority(void **state)
{
    (void)state;
    struct rtos_mutex m;
    assert_int_equal(rtos_mutex_init(&m), RTOS_OK);
    create(&ta, "low", 2, 0);
    start();
    assert_int_equal(rtos_mutex_lock(&m, RTOS_NO_WAIT), RTOS_OK);
    create(&tb, "high", 6, 1);
    assert_int_equal(rtos_mutex_lock(&m, 3), RTOS_EPENDING);
    assert_int_equal(ta.prio, 6);
    rtos_fake_ticks(3);
    assert_ptr_equal(rtos_task_self(), &tb);
    assert_int_equal(tb.wait_rc, RTOS_ETIMEOUT);
    assert_int_equal(ta.prio, 2);
    assert_ptr_equal(m.owner, &ta);
}

static void test_mutex_rejects_unlock_by_non_owner_eperm_and_relock_edeadlk(void **state)
{
    (void)state;
    struct rtos_mutex m;
    assert_int_equal(rtos_mutex_init(&m), RTOS_OK);
    create(&ta, "a", 3, 0);
    create(&tb, "b", 3, 1);
    start();
    assert_int_equal(rtos_mutex_unlock(&m), RTOS_EPERM);
    assert_int_equal(rtos_mutex_lock(&m, RTOS_NO_WAIT), RTOS_OK);
    assert_int_equal(rtos_mutex_lock(&m, RTOS_WAIT_FOREVER), RTOS_EDEADLK);
    assert_int_equal(rtos_yield(), RTOS_OK);
    assert_ptr_equal(rtos_task_self(), &tb);
    assert_int_equal(rtos_mutex_unlock(&m), RTOS_EPERM);
    assert_int_equal(rtos_mutex_lock(&m, RTOS_NO_WAIT), RTOS_EAGAIN);
}

/* ---- From interrupt handlers ---------------------------------------------------------------- */

static void test_sem_give_from_isr_reports_switch_only_for_more_urgent_waiter(void **state)
{
    (void)state;
    struct rtos_sem hi_sem, lo_sem;
    bool sw = true;
    assert_int_equal(rtos_sem_init(&hi_sem, 0, 1), RTOS_OK);
    assert_int_equal(rtos_sem_init(&lo_sem, 0, 1), RTOS_OK);
    create(&ta, "high", 6, 0);
    create(&tb, "mid", 4, 1);
    create(&tc, "low", 2, 2);
    start();
    assert_int_equal(rtos_sem_take(&hi_sem, RTOS_WAIT_FOREVER), RTOS_EPENDING);
    assert_int_equal(rtos_delay(5), RTOS_EPENDING); /* mid sleeps: low runs and waits */
    assert_ptr_equal(rtos_task_self(), &tc);
    assert_int_equal(rtos_sem_take(&lo_sem, RTOS_WAIT_FOREVER), RTOS_EPENDING);
    rtos_fake_ticks(5);
    assert_ptr_equal(rtos_task_self(), &tb);

    rtos_fake_isr_enter();
    assert_int_equal(rtos_sem_give_from_isr(&lo_sem, &sw), RTOS_OK);
    assert_false(sw); /* low is less urgent than the interrupted mid */
    assert_int_equal(rtos_sem_give_from_isr(&hi_sem, &sw), RTOS_OK);
    assert_true(sw);
    assert_ptr_equal(rtos_task_self(), &tb); /* no switch inside the handler */
    rtos_fake_isr_exit();
    assert_ptr_equal(rtos_task_self(), &ta);
    assert_int_equal(ta.wait_rc, RTOS_OK);
    assert_int_equal(tc.state, RTOS_TASK_READY);
}

static void test_queue_send_from_isr_reports_switch_for_more_urgent_receiver(void **state)
{
    (void)state;
    struct rtos_queue q;
    uint16_t buf[2];
    uint16_t got = 0, v = 0xBEEF;
    bool sw = false;
    assert_int_equal(rtos_queue_init(&q, buf, sizeof(uint16_t), 2), RTOS_OK);
    create(&ta, "receiver", 6, 0);
    create(&tb, "worker", 2, 1);
    start();
    assert_int_equal(rtos_queue_receive(&q, &got, RTOS_WAIT_FOREVER), RTOS_EPENDING);
    assert_ptr_equal(rtos_task_self(), &tb);
    rtos_fake_isr_enter();
    assert_int_equal(rtos_queue_send_from_isr(&q, &v, &sw), RTOS_OK);
    assert_true(sw);
    assert_int_equal(rtos_queue_send_from_isr(&q, &v, &sw), RTOS_OK);
    assert_false(sw); /* nobody waiting any more: the item is queued */
    assert_int_equal(rtos_queue_send_from_isr(&q, &v, &sw), RTOS_OK);
    assert_int_equal(rtos_queue_send_from_isr(&q, &v, &sw), RTOS_EAGAIN); /* full */
    rtos_fake_isr_exit();
    assert_ptr_equal(rtos_task_self(), &ta);
    assert_int_equal(got, 0xBEEF);
    assert_int_equal(rtos_queue_count(&q), 2);
}

/* ---- Errors and checks ----------------------------------------------------------------------- */

static void test_stack_guard_overwrite_is_reported_by_rtos_panic_at_next_switch(void **state)
{
    (void)state;
    create(&ta, "victim", 3, 0);
    create(&tb, "other", 3, 1);
    start();
    ta.stack_base[RTOS_GUARD_WORDS - 1u] = 0; /* the task wrote into its guard */
    assert_int_equal(panic_count, 0);
    rtos_fake_tick();
    assert_int_equal(panic_count, 1);
    assert_string_equal(panic_what, "stack overflow");
    assert_ptr_equal(panic_task, &ta);
}

static void test_port_guard_is_lifted_for_the_check_then_follows_the_running_task(void **state)
{
    (void)state;
    create(&ta, "a", 3, 0);
    create(&tb, "b", 3, 1);
    start();
    assert_ptr_equal(rtos_fake.guard, ta.stack_base);
    unsigned off = rtos_fake.guard_off_calls;
    rtos_fake_tick(); /* round-robin to b */
    assert_ptr_equal(rtos_task_self(), &tb);
    assert_ptr_equal(rtos_fake.guard, tb.stack_base);
    assert_int_equal(rtos_fake.guard_off_calls, off + 1u);
    assert_int_equal(rtos_task_prio(&tb), 3);
    rtos_stack_guard_off(); /* what a fault handler does before reading the guard */
    assert_null(rtos_fake.guard);
}

static void test_task_that_returns_is_reported_by_rtos_panic(void **state)
{
    (void)state;
    create(&ta, "a", 3, 0);
    start();
    rtos_task_returned();
    assert_int_equal(panic_count, 1);
    assert_string_equal(panic_what, "task function returned");
    assert_ptr_equal(panic_task, &ta);
}

static void test_stack_unused_counts_intact_fill_above_the_guard(void **state)
{
    (void)state;
    create(&ta, "a", 3, 0);
    assert_int_equal(rtos_task_stack_unused(&ta), sizeof(stacks[0]) - RTOS_GUARD_WORDS * 4u);
    ta.stack_base[40] = 0x12345678u;
    assert_int_equal(rtos_task_stack_unused(&ta), (40u - RTOS_GUARD_WORDS) * 4u);
}

static void test_blocking_calls_refuse_isr_context_masked_kernel_and_bad_timeouts(void **state)
{
    (void)state;
    struct rtos_sem s;
    struct rtos_mutex m;
    assert_int_equal(rtos_sem_init(&s, 0, 1), RTOS_OK);
    assert_int_equal(rtos_mutex_init(&m), RTOS_OK);
    create(&ta, "a", 3, 0);
    assert_int_equal(rtos_delay(1), RTOS_ESTATE); /* not started */
    start();
    assert_int_equal(rtos_sem_take(&s, RTOS_MAX_TIMEOUT + 1u), RTOS_EINVAL);
    assert_int_equal(rtos_delay(RTOS_WAIT_FOREVER), RTOS_EINVAL);
    rtos_fake_isr_enter();
    assert_int_equal(rtos_sem_take(&s, 10), RTOS_EISR);
    assert_int_equal(rtos_mutex_lock(&m, 10), RTOS_EISR);
    assert_int_equal(rtos_delay(1), RTOS_EISR);
    rtos_fake_isr_exit();
    rtos_fake.crit_depth = 1; /* the caller holds a critical section */
    assert_int_equal(rtos_sem_take(&s, 10), RTOS_ESTATE);
    rtos_fake.crit_depth = 0;
    assert_ptr_equal(rtos_task_self(), &ta);
}

static void test_task_create_and_start_reject_invalid_arguments(void **state)
{
    (void)state;
    uint8_t small[RTOS_STACK_MIN - 1u];
    assert_int_equal(rtos_task_create(&ta, "a", task_fn, NULL, 0, stacks[0], sizeof(stacks[0])),
                     RTOS_EINVAL); /* idle's level */
    assert_int_equal(rtos_task_create(&ta, "a", task_fn, NULL, RTOS_PRIO_LEVELS, stacks[0],
                                      sizeof(stacks[0])),
                     RTOS_EINVAL);
    assert_int_equal(rtos_task_create(&ta, "a", NULL, NULL, 3, stacks[0], sizeof(stacks[0])),
                     RTOS_EINVAL);
    assert_int_equal(rtos_task_create(&ta, "a", task_fn, NULL, 3, small, sizeof(small)),
                     RTOS_EINVAL);
    assert_int_equal(rtos_start(1000u, 0u), RTOS_EINVAL);
    assert_int_equal(rtos_start(100u, 1000u), RTOS_EINVAL);
    assert_false(rtos_fake.started);
}

static void test_start_refused_by_port_leaves_kernel_stopped_and_startable(void **state)
{
    (void)state;
    create(&ta, "a", 3, 0);
    rtos_fake.start_rc = RTOS_EINVAL; /* e.g. tick reload does not fit SysTick's 24 bits */
    assert_int_equal(rtos_start(216000000u, 1u), RTOS_EINVAL);
    assert_int_equal(rtos_delay(1), RTOS_ESTATE);
    rtos_fake.start_rc = RTOS_OK;
    start();
    assert_ptr_equal(rtos_task_self(), &ta);
    assert_int_equal(rtos_start(216000000u, 1000u), RTOS_EINVAL); /* already running */
}

static void test_strerror_gives_a_distinct_message_for_every_code(void **state)
{
    (void)state;
    const char *seen[16] = {0};
    for (int e = RTOS_OK; e >= RTOS_EPENDING; e--) {
        const char *msg = rtos_strerror(e);
        assert_non_null(msg);
        assert_string_not_equal(msg, rtos_strerror(-1000));
        for (int i = 0; i < -e; i++) {
            assert_string_not_equal(msg, seen[i]);
        }
        seen[-e] = msg;
    }
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_start_runs_highest_priority_ready_task),
        T(test_start_with_no_task_runs_idle),
        T(test_more_urgent_task_created_by_running_task_preempts_it),
        T(test_equal_priority_tasks_round_robin_on_each_tick_lower_never_runs),
        T(test_lone_task_keeps_cpu_across_ticks_without_switches),
        T(test_yield_passes_cpu_to_equal_priority_task_only),
        T(test_delays_wake_tasks_in_deadline_order_each_at_its_exact_tick),
        T(test_delay_wakes_at_right_tick_across_tick_counter_wraparound),
        T(test_delay_until_wakes_on_the_period_grid_without_drift),
        T(test_delay_until_reports_overrun_without_sleeping_and_keeps_grid),
        T(test_sem_counts_up_to_max_polls_eagain_when_empty_eoverflow_when_full),
        T(test_sem_give_wakes_most_urgent_waiter_first_fifo_among_equals),
        T(test_sem_take_times_out_with_etimeout_at_exact_tick),
        T(test_queue_is_fifo_across_buffer_wrap_and_polls_eagain_when_full_or_empty),
        T(test_queue_receive_blocks_until_send_and_gets_item_by_hand_off),
        T(test_queue_send_blocks_when_full_until_receive_frees_a_slot),
        T(test_queue_send_to_full_queue_times_out_with_etimeout),
        T(test_mutex_inheritance_raises_owner_to_waiter_priority_and_unlock_restores),
        T(test_mutex_inheritance_is_transitive_through_a_chain_of_owners),
        T(test_mutex_wait_timeout_gives_back_inherited_priority),
        T(test_mutex_rejects_unlock_by_non_owner_eperm_and_relock_edeadlk),
        T(test_sem_give_from_isr_reports_switch_only_for_more_urgent_waiter),
        T(test_queue_send_from_isr_reports_switch_for_more_urgent_receiver),
        T(test_stack_guard_overwrite_is_reported_by_rtos_panic_at_next_switch),
        T(test_port_guard_is_lifted_for_the_check_then_follows_the_running_task),
        T(test_task_that_returns_is_reported_by_rtos_panic),
        T(test_stack_unused_counts_intact_fill_above_the_guard),
        T(test_blocking_calls_refuse_isr_context_masked_kernel_and_bad_timeouts),
        T(test_task_create_and_start_reject_invalid_arguments),
        T(test_start_refused_by_port_leaves_kernel_stopped_and_startable),
        T(test_strerror_gives_a_distinct_message_for_every_code),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
