/* What the core rule firmwares share (tests/sim/fw/core, one rule each): the console, checks
 * that print "test: FAIL: ..." and a final "test: <name>: pass", and a fault reporter that
 * records the fault status registers and the stacked frame, then either resumes the program at
 * a continuation (ct_resume) or halts. Included once, by the test's only source file. */
#ifndef TESTS_CORE_TEST_H
#define TESTS_CORE_TEST_H

#include <stdbool.h>
#include <stdint.h>

#include "chip.h"
#include "drivers/console.h"

extern const struct board_desc EXTMEM_BOARD_SYMBOL;

#define NVIC_STIR   REG32(0xE000EF00u)
#define SCB_ICSR_PENDSVSET (1u << 28)
#define SCB_ICSR_PENDSTSET (1u << 26)
#define SCB_CCR_UNALIGN_TRP (1u << 3)
#define SCB_CCR_DIV_0_TRP   (1u << 4)
#define MPU_CTRL_HFNMIENA   (1u << 1)
#define MPU_RASR_AP(ap)     ((uint32_t)(ap) << 24)
#define MPU_RASR_SRD(m)     ((uint32_t)(m) << 8)

struct ct_fault {
    uint32_t count;
    const char *what;
    uint32_t cfsr, hfsr, mmfar, bfar;
    uint32_t pc, lr, xpsr, exc_return;
};
static volatile struct ct_fault ct_fault;
static volatile uint32_t ct_resume;      /* continuation after a fault; 0: halt */
static volatile uint32_t ct_lockup_test; /* fault again inside HardFault (lockup rule) */
static unsigned ct_checks, ct_failed;
static const char *ct_name;

static __attribute__((unused)) void ct_halt(void)
{
    cm7_irq_disable();
    SYST_CSR = 0u;
    for (;;) {
        cm7_wfi();
    }
}

static __attribute__((unused)) bool ct_check(bool ok, const char *what, uint32_t got, uint32_t want)
{
    ct_checks++;
    if (!ok) {
        ct_failed++;
        console_printf("test: FAIL: %s (got 0x%08x, expected 0x%08x)\n", (uint32_t)(uintptr_t)what, got, want);
    }
    return ok;
}

static __attribute__((unused)) bool ct_eq(uint32_t got, uint32_t want, const char *what) { return ct_check(got == want, what, got, want); }

static __attribute__((unused)) void ct_begin_pclk(const char *name, uint32_t pclk_hz)
{
    ct_name = name;
    console_init(&EXTMEM_BOARD_SYMBOL, pclk_hz);
    console_printf("test: %s\n", (uint32_t)(uintptr_t)name);
}

static __attribute__((unused)) void ct_begin(const char *name) { ct_begin_pclk(name, CHIP_HSI_HZ); }

static __attribute__((unused)) __attribute__((noreturn)) void ct_end(void)
{
    if (ct_failed == 0u) {
        console_printf("test: %s: pass (%u checks)\n", (uint32_t)(uintptr_t)ct_name, ct_checks);
    } else {
        console_printf("test: %s: FAIL (%u of %u checks failed)\n", (uint32_t)(uintptr_t)ct_name, ct_failed,
                       ct_checks);
    }
    ct_halt();
    for (;;) {
    }
}

/* Called by the startup's fault handlers (tail call, LR = EXC_RETURN): returning from here is
 * the exception return. The MPU goes off first so the frame can be read whatever it guards. */
void fault_report(const char *what, const uint32_t *frame);
void fault_report(const char *what, const uint32_t *frame)
{
    uint32_t excret;
    __asm__ volatile("mov %0, lr" : "=r"(excret));
    if (ct_lockup_test != 0u && what[0] == 'H') {
        __asm__ volatile(".global ct_lockup_insn\nct_lockup_insn: udf #1");
    }
    MPU_CTRL = 0u;
    cm7_dsb();
    cm7_isb();
    uint32_t *f = (uint32_t *)(uintptr_t)frame;
    ct_fault.what = what;
    ct_fault.cfsr = SCB_CFSR;
    ct_fault.hfsr = SCB_HFSR;
    ct_fault.mmfar = SCB_MMFAR;
    ct_fault.bfar = SCB_BFAR;
    ct_fault.pc = f != NULL ? f[6] : 0u;
    ct_fault.lr = f != NULL ? f[5] : 0u;
    ct_fault.xpsr = f != NULL ? f[7] : 0u;
    ct_fault.exc_return = excret;
    ct_fault.count++;
    console_printf("test: fault: %s at pc 0x%08x, CFSR 0x%08x, HFSR 0x%08x, MMFAR 0x%08x, BFAR 0x%08x, LR 0x%08x\n",
                   (uint32_t)(uintptr_t)what, ct_fault.pc, ct_fault.cfsr, ct_fault.hfsr, ct_fault.mmfar, ct_fault.bfar,
                   excret);
    SCB_CFSR = ct_fault.cfsr; /* write-one-to-clear */
    SCB_HFSR = ct_fault.hfsr;
    if (ct_resume != 0u && f != NULL) {
        f[6] = ct_resume & ~1u;
        f[7] |= 1u << 24; /* Thumb */
        ct_resume = 0u;
        return;
    }
    ct_halt();
}

static __attribute__((unused)) void ct_mpu_region(unsigned r, uint32_t base, unsigned size_log2, uint32_t attr)
{
    MPU_RNR = r;
    MPU_RBAR = base;
    MPU_RASR = attr | MPU_RASR_SIZE(size_log2) | MPU_RASR_ENABLE;
}

static __attribute__((unused)) void ct_mpu_off(unsigned r)
{
    MPU_RNR = r;
    MPU_RASR = 0u;
}

static __attribute__((unused)) void ct_mpu_enable(uint32_t ctrl)
{
    MPU_CTRL = ctrl;
    cm7_dsb();
    cm7_isb();
}

#endif
