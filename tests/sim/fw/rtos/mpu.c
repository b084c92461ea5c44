/*
 * The MPU stack guard follows the running task. The port keeps the highest-numbered MPU region
 * on the running task's guard words, with no access and execute-never, when its stack is
 * aligned to RTOS_STACK_ALIGN (32 bytes, the smallest region), and turns the region off for a
 * task whose stack is not. Each task reads the region back while it runs:
 *   "aligned"    region enabled, base = its stack bottom, 32 bytes, AP = no access, XN
 *   "unaligned"  region disabled
 * and the MPU and the MemManage fault (how an overflow is reported) must be enabled.
 * (Whether an access then faults is the simulator's MPU model's business: core tests.)
 */
#include "rtos_test.h"

#include "chip.h"

static struct rtos_task aligned_task, unaligned_task;
static uint64_t aligned_stack[TEST_STACK_BYTES / 8u] __attribute__((aligned(RTOS_STACK_ALIGN)));
static struct {
    uint64_t pad;
    uint64_t stack[TEST_STACK_BYTES / 8u];
} unaligned_area __attribute__((aligned(RTOS_STACK_ALIGN)));

static uint32_t region(void) { return ((MPU_TYPE >> 8) & 0xFFu) - 1u; }

static void check_region(const struct rtos_task *t, bool guarded)
{
    MPU_RNR = region();
    uint32_t rbar = MPU_RBAR & ~0x1Fu, rasr = MPU_RASR;
    if (!guarded) {
        (void)test_check((rasr & MPU_RASR_ENABLE) == 0u, "region off for an unaligned stack (RASR)", rasr, 0);
        return;
    }
    (void)test_check(rbar == (uint32_t)(uintptr_t)t->stack_base, "region base = stack bottom (RBAR, base)", rbar,
                     (uint32_t)(uintptr_t)t->stack_base);
    (void)test_check((rasr & MPU_RASR_ENABLE) != 0u, "region enabled (RASR)", rasr, 0);
    (void)test_check(((rasr >> 1) & 0x1Fu) == 4u, "region of 32 bytes (SIZE field)", (rasr >> 1) & 0x1Fu, 4u);
    (void)test_check(((rasr >> 24) & 7u) == 0u, "no access (AP)", (rasr >> 24) & 7u, 0);
    (void)test_check((rasr & MPU_RASR_XN) != 0u, "execute-never", rasr, 0);
}

static void aligned_main(void *arg)
{
    (void)arg;
    (void)test_check((MPU_CTRL & MPU_CTRL_ENABLE) != 0u, "MPU enabled", MPU_CTRL, 0);
    (void)test_check((SCB_SHCSR & SCB_SHCSR_MEMFAULTENA) != 0u, "MemManage enabled", SCB_SHCSR, 0);
    for (unsigned round = 0; round < 3u; round++) {
        check_region(&aligned_task, true);
        (void)rtos_yield();
    }
    test_end();
}

static void unaligned_main(void *arg)
{
    (void)arg;
    for (;;) {
        check_region(&unaligned_task, false);
        (void)rtos_yield();
    }
}

int main(void)
{
    test_begin("rtos-mpu");
    rtos_init();
    (void)rtos_task_create(&aligned_task, "aligned", aligned_main, NULL, 2, aligned_stack, sizeof(aligned_stack));
    (void)rtos_task_create(&unaligned_task, "unaligned", unaligned_main, NULL, 2, unaligned_area.stack,
                           sizeof(unaligned_area.stack));
    test_start();
}
