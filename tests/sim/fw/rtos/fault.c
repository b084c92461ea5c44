/*
 * A fault in a task is reported with the task's name: "bad" reads the QSPI window while the
 * QUADSPI is not in memory-mapped mode, which bus-faults (BusFault not enabled: HardFault); the
 * kernel's fault_report prints "rtos: FAULT: HardFault in task 'bad' at pc ..., BFAR 0x90000000"
 * and the task's stack, then halts.
 */
#include "rtos_test.h"

static struct rtos_task bad;
static uint64_t stack[TEST_STACK_BYTES / 8u] __attribute__((aligned(RTOS_STACK_ALIGN)));

static void bad_main(void *arg)
{
    (void)arg;
    volatile uint32_t *window = (volatile uint32_t *)(uintptr_t)0x90000000u;
    (void)*window;
    (void)test_check(false, "the read of an unmapped window did not fault", 0, 0);
    test_end();
}

int main(void)
{
    test_begin("rtos-fault");
    rtos_init();
    (void)rtos_task_create(&bad, "bad", bad_main, NULL, 2, stack, sizeof(stack));
    test_start();
}
