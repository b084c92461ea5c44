/*
 * Hand-off from an interrupt. A low task (1) pends the test interrupt from software; the handler gives a
 * semaphore (then sends a queue message) that a high task (3) waits on. The high task must run
 * as soon as the handler returns, before the interrupted low task resumes:
 *   a  low, before pending      I  handler: give        H  high: took the semaphore
 *   b  low, after pending       J  handler: send        Q  high: received 0xC0FFEE
 * and the give/send must report switch_needed. Inside a kernel critical section (BASEPRI at
 * RTOS_KERNEL_BASEPRI) the interrupt, less urgent than that, stays pending until the section
 * ends: c (pended inside), K (handler), d (after). With no waiter, a binary semaphore given twice
 * from the handler reports EOVERFLOW the second time; a counting one counts to its maximum.
 * The cycles from the give in the handler to the high task running are printed.
 */
#include "rtos_test.h"

#include "chip.h"
#include "drivers/console.h"

static struct rtos_task low, high;
static uint64_t stacks[2][TEST_STACK_BYTES / 8u] __attribute__((aligned(RTOS_STACK_ALIGN)));
static struct rtos_sem sem, bin, counting;
static struct rtos_queue queue;
static uint32_t queue_buf[4];

static volatile uint32_t mode, give_cycles, isr_rc[2];
static volatile bool isr_switch;

static void irq_handler(void)
{
    bool sw = false;
    int rc = RTOS_OK;
    uint32_t v = 0xC0FFEEu;
    switch (mode) {
    case 0:
        test_trace('I');
        give_cycles = cm7_cyccnt();
        rc = rtos_sem_give_from_isr(&sem, &sw);
        break;
    case 1:
        test_trace('J');
        give_cycles = cm7_cyccnt();
        rc = rtos_queue_send_from_isr(&queue, &v, &sw);
        break;
    case 3:
        test_trace('K');
        break;
    case 2: /* no waiter: binary twice, counting three times */
        isr_rc[0] = (uint32_t)-rtos_sem_give_from_isr(&bin, &sw);
        isr_rc[1] = (uint32_t)-rtos_sem_give_from_isr(&bin, &sw);
        for (unsigned i = 0; i < 3u; i++) {
            rc |= rtos_sem_give_from_isr(&counting, &sw);
        }
        break;
    default:
        break;
    }
    isr_switch = sw;
    (void)test_check(rc == RTOS_OK, "give/send from the handler (mode, rc)", mode, (uint32_t)-rc);
}

static void high_main(void *arg)
{
    (void)arg;
    int rc = rtos_sem_take(&sem, RTOS_WAIT_FOREVER);
    uint32_t latency = cm7_cyccnt() - give_cycles;
    test_trace('H');
    (void)test_check(rc == RTOS_OK, "take woken by the handler (rc)", (uint32_t)-rc, 0);
    console_printf("test: semaphore give in handler -> waiting task running: %u cycles\n", latency);
    uint32_t v = 0;
    rc = rtos_queue_receive(&queue, &v, RTOS_WAIT_FOREVER);
    latency = cm7_cyccnt() - give_cycles;
    test_trace('Q');
    (void)test_check(rc == RTOS_OK && v == 0xC0FFEEu, "message from the handler (rc, value)", (uint32_t)-rc, v);
    console_printf("test: queue send in handler -> waiting task running: %u cycles\n", latency);
    (void)rtos_sem_take(&sem, RTOS_WAIT_FOREVER); /* for good */
}

static void low_main(void *arg)
{
    (void)arg;
    for (mode = 0; mode < 2u; mode++) {
        test_trace('a');
        test_irq_pend();
        test_trace('b');
        (void)test_check(isr_switch, "handler reported switch_needed (mode)", mode, 0);
    }
    mode = 3;
    uint32_t kernel_mask = 0x50u; /* RTOS_KERNEL_BASEPRI (rtos_port.h), as the kernel's sections */
    __asm__ volatile("msr basepri, %0\n\tisb" ::"r"(kernel_mask) : "memory");
    test_irq_pend();
    test_trace('c');
    __asm__ volatile("msr basepri, %0\n\tisb" ::"r"(0u) : "memory");
    test_trace('d');
    (void)test_check_trace("aIHbaJQbcKd");

    mode = 2;
    test_irq_pend();
    (void)test_check(isr_rc[0] == 0u && isr_rc[1] == (uint32_t)-RTOS_EOVERFLOW,
                     "binary semaphore from handler: ok then EOVERFLOW (rc1, rc2)", isr_rc[0], isr_rc[1]);
    (void)test_check(!isr_switch, "no waiter: no switch needed", isr_switch, 0);
    unsigned taken = 0;
    while (rtos_sem_take(&counting, RTOS_NO_WAIT) == RTOS_OK) {
        taken++;
    }
    (void)test_check(taken == 3u, "counting semaphore counted gives from the handler", taken, 3u);
    test_end();
}

int main(void)
{
    test_begin("rtos-isr");
    test_irq_install(irq_handler);
    rtos_init();
    (void)rtos_sem_init(&sem, 0, 1);
    (void)rtos_sem_init(&bin, 0, 1);
    (void)rtos_sem_init(&counting, 0, 3);
    (void)rtos_queue_init(&queue, queue_buf, sizeof(queue_buf[0]), 4u);
    (void)rtos_task_create(&low, "low", low_main, NULL, 1, stacks[0], sizeof(stacks[0]));
    (void)rtos_task_create(&high, "high", high_main, NULL, 3, stacks[1], sizeof(stacks[1]));
    test_start();
}
