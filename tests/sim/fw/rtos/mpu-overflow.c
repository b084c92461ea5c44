/*
 * Stack overflow caught by the MPU guard (issue 7). The task "deep" has a stack aligned to
 * RTOS_STACK_ALIGN, so the port keeps the no-access MPU region on its guard words while it
 * runs. It recurses without yielding: the first push into the guard is a MemManage fault
 * (DACCVIOL, MMFAR inside the guard) at once, not at the next switch, and the kernel's fault
 * report names the task: "rtos: FAULT: MemManage in task 'deep'", then
 * "rtos: PANIC: stack overflow in task 'deep' (MPU guard)". If the recursion went on, "deep"
 * would print "test: FAIL".
 */
#include "rtos_test.h"

static struct rtos_task deep, other;
static uint64_t deep_stack[512u / 8u] __attribute__((aligned(RTOS_STACK_ALIGN)));
static uint64_t other_stack[TEST_STACK_BYTES / 8u] __attribute__((aligned(RTOS_STACK_ALIGN)));
static volatile uint32_t floor_sp;
static volatile uint32_t max_depth = 100000u; /* far deeper than the 512-byte stack */

static __attribute__((noinline)) uint32_t dig(uint32_t depth)
{
    volatile uint32_t pad[4];
    uint32_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    pad[0] = depth;
    pad[3] = sp;
    if (sp < floor_sp) {
        (void)test_check(false, "recursed below the stack bottom without a fault", sp, floor_sp);
        test_end();
    }
    if (depth < max_depth) {
        return dig(depth + 1u) + pad[0];
    }
    return pad[3];
}

static void deep_main(void *arg)
{
    (void)arg;
    floor_sp = (uint32_t)(uintptr_t)deep.stack_base;
    (void)dig(0);
}

static void other_main(void *arg)
{
    (void)arg;
    for (;;) {
        (void)rtos_yield();
    }
}

int main(void)
{
    test_begin("rtos-mpu-overflow");
    rtos_init();
    (void)test_check(rtos_task_create(&deep, "deep", deep_main, NULL, 3, deep_stack, sizeof(deep_stack)) == RTOS_OK,
                     "create deep", 0, 0);
    (void)rtos_task_create(&other, "other", other_main, NULL, 2, other_stack, sizeof(other_stack));
    test_start();
}
