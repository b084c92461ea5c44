/*
 * Stack overflow found by the guard pattern. The task "deep" recurses until its stack pointer is
 * inside its guard words (the bottom RTOS_GUARD_WORDS of its stack), then yields. Its stack is
 * deliberately not aligned to RTOS_STACK_ALIGN, so no MPU region guards it and the kernel's
 * check at the switch is what must catch it: "rtos: PANIC: stack overflow in task 'deep'", the
 * task's stack bounds, and a halt. If the switch happened anyway, "other" would run and print
 * "test: FAIL".
 */
#include "rtos_test.h"

static struct rtos_task deep, other;
static uint64_t other_stack[TEST_STACK_BYTES / 8u] __attribute__((aligned(RTOS_STACK_ALIGN)));
/* Room below the stack, so a last frame that straddles the stack bottom lands in padding. */
static struct {
    uint64_t below[8];
    uint64_t stack[65];
} area __attribute__((aligned(RTOS_STACK_ALIGN)));
static uint32_t guard_top;

static __attribute__((noinline)) uint32_t dig(uint32_t depth)
{
    volatile uint32_t pad[4];
    uint32_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    pad[0] = depth;
    pad[3] = sp;
    if (sp > guard_top) {
        return dig(depth + 1u) + pad[0];
    }
    return pad[3];
}

static void deep_main(void *arg)
{
    (void)arg;
    guard_top = (uint32_t)(uintptr_t)(deep.stack_base + RTOS_GUARD_WORDS);
    (void)dig(0);
    (void)rtos_yield(); /* the switch checks the guard */
    (void)test_check(false, "deep ran on after overflowing its stack", 0, 0);
    test_end();
}

static void other_main(void *arg)
{
    (void)arg;
    (void)test_check(false, "switched away from an overflowed task without a report", 0, 0);
    test_end();
}

int main(void)
{
    test_begin("rtos-overflow");
    rtos_init();
    uint8_t *unaligned = (uint8_t *)area.stack + 8; /* 8-byte aligned, not 32 */
    (void)test_check(rtos_task_create(&deep, "deep", deep_main, NULL, 2, unaligned, 512u) == RTOS_OK, "create deep",
                     0, 0);
    (void)rtos_task_create(&other, "other", other_main, NULL, 2, other_stack, sizeof(other_stack));
    test_start();
}
