/*
 * rtos port for the Cortex-M7 (ARMv7E-M) with or without the FPU.
 *
 * - Tasks run in thread mode on PSP; handlers (and the kernel inside them) run on MSP.
 * - Critical sections raise BASEPRI to RTOS_KERNEL_BASEPRI: interrupts more urgent than that
 *   stay live (and must not call the kernel); PRIMASK is left to the application.
 * - SysTick and PendSV run at the lowest priority. The tick may ask for a switch; every switch
 *   is done in PendSV, so it happens only when no other handler is active.
 * - FP: automatic and lazy stacking on (FPCCR.ASPEN/LSPEN). EXC_RETURN bit 4 = 0 tells PendSV
 *   that the outgoing task has an FP context: it then saves S16-S31 (the hardware frame already
 *   reserves S0-S15 and FPSCR; the first FP instruction here makes the core store them).
 *
 * Saved context on a task's stack, from its saved sp upwards:
 *   r4-r11, EXC_RETURN            (9 words, pushed by PendSV)
 *   [s16-s31]                     (16 words, only if EXC_RETURN bit 4 = 0)
 *   r0-r3, r12, lr, pc, xPSR      (8 words, pushed by hardware)
 *   [s0-s15, FPSCR, reserved]     (18 words, extended frame only)
 *
 * - Stack guard: besides the kernel's guard-pattern check at every switch, the highest-numbered
 *   MPU region is moved to the running task's guard words (for stacks aligned to
 *   RTOS_STACK_ALIGN), with no access: an overflow faults (MemManage) at its first access.
 *
 * The vector table must point at PendSV_Handler, SysTick_Handler and SVC_Handler (SVC 0 starts
 * the first task and is the only supervisor call the kernel makes).
 */
#if !defined(__arm__)
/* Host builds use a fake port (tests/unit/rtos_fake_port.c): nothing to compile here. */
typedef int rtos_port_cm7_not_for_host;
#elif !defined(__ARM_ARCH_7EM__)
#error "rtos_port_cm7.c is the ARMv7E-M (Cortex-M7) port"
#else

#include "rtos.h"
#include "rtos_port.h"

#define STR_(x) #x
#define STR(x) STR_(x)

void PendSV_Handler(void);
void SVC_Handler(void);
void SysTick_Handler(void);

rtos_crit_t rtos_port_crit_enter(void)
{
    uint32_t old;
    uint32_t primask;
    __asm__ volatile("mrs %0, basepri" : "=r"(old));
    /* BASEPRI_MAX only ever raises the mask, so nesting inside a more urgent mask is safe.
     * ARM erratum 837070 (Cortex-M7 r0p1): an interrupt may still be taken right after a
     * BASEPRI write; doing the write with PRIMASK set avoids it. PRIMASK is restored. */
    __asm__ volatile("mrs %0, primask\n\t"
                     "cpsid i\n\t"
                     "msr basepri_max, %1\n\t"
                     "dsb\n\t"
                     "isb\n\t"
                     "msr primask, %0"
                     : "=&r"(primask)
                     : "r"((uint32_t)RTOS_KERNEL_BASEPRI)
                     : "memory");
    return old;
}

void rtos_port_crit_exit(rtos_crit_t saved)
{
    /* A PendSV requested inside the section is taken here, after the ISB. */
    __asm__ volatile("msr basepri, %0\n\t"
                     "isb"
                     :
                     : "r"(saved)
                     : "memory");
}

void rtos_port_request_switch(void)
{
    SCB_ICSR = SCB_ICSR_PENDSVSET;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
}

bool rtos_port_in_isr(void)
{
    uint32_t ipsr;
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    return ipsr != 0u;
}

bool rtos_port_can_block(void)
{
    uint32_t basepri;
    uint32_t primask;
    __asm__ volatile("mrs %0, basepri" : "=r"(basepri));
    __asm__ volatile("mrs %0, primask" : "=r"(primask));
    return !rtos_port_in_isr() && basepri == 0u && (primask & 1u) == 0u;
}

void *rtos_port_stack_init(uint32_t *top, void (*fn)(void *), void *arg, void (*exit_fn)(void))
{
    uint32_t *sp = top;
    /* Hardware frame, as exception entry would have stacked it (B1.5.6). */
    *--sp = XPSR_T;
    *--sp = (uint32_t)(uintptr_t)fn & ~1u; /* return address: halfword aligned, no Thumb bit */
    *--sp = (uint32_t)(uintptr_t)exit_fn;  /* lr: a task that returns lands in the kernel */
    *--sp = 0u;                            /* r12 */
    *--sp = 0u;                            /* r3 */
    *--sp = 0u;                            /* r2 */
    *--sp = 0u;                            /* r1 */
    *--sp = (uint32_t)(uintptr_t)arg;      /* r0: the task's argument */
    /* Kernel part: EXC_RETURN (no FP context yet), then r11..r4. */
    *--sp = EXC_RETURN_THREAD_PSP;
    for (unsigned i = 0; i < 8u; i++) {
        *--sp = 0u;
    }
    return sp;
}

__attribute__((naked)) void PendSV_Handler(void)
{
    __asm__ volatile(
        "   mrs     r0, psp\n"
        "   isb\n"
#if defined(__ARM_FP)
        "   tst     lr, #0x10\n"            /* EXC_RETURN bit 4 clear: task has FP context */
        "   it      eq\n"
        "   vstmdbeq r0!, {s16-s31}\n"      /* also completes the lazy store of s0-s15 */
#endif
        "   stmdb   r0!, {r4-r11, lr}\n"
        "   mov     r1, #" STR(RTOS_KERNEL_BASEPRI) "\n"
        "   cpsid   i\n"                    /* erratum 837070, as in rtos_port_crit_enter */
        "   msr     basepri, r1\n"
        "   dsb\n"
        "   isb\n"
        "   cpsie   i\n"
        "   bl      rtos_switch_context\n"  /* r0 = saved sp in, next task's sp out */
        "   mov     r1, #0\n"
        "   msr     basepri, r1\n"
        "   ldmia   r0!, {r4-r11, lr}\n"
#if defined(__ARM_FP)
        "   tst     lr, #0x10\n"
        "   it      eq\n"
        "   vldmiaeq r0!, {s16-s31}\n"
#endif
        "   msr     psp, r0\n"
        "   isb\n"
        "   bx      lr\n");
}

/* SVC 0, from launch(): enter the first task. BASEPRI is raised by rtos_port_start() and SVC
 * runs at priority 0, above it; the first task starts with the kernel unlocked. */
__attribute__((naked)) void SVC_Handler(void)
{
    __asm__ volatile(
        "   movs    r0, #0\n"
        "   bl      rtos_switch_context\n"  /* no previous task: picks the most urgent one */
        "   ldmia   r0!, {r4-r11, lr}\n"
        "   msr     psp, r0\n"
        "   isb\n"
        "   movs    r1, #0\n"
        "   msr     basepri, r1\n"
        "   bx      lr\n");
}

void SysTick_Handler(void)
{
    rtos_crit_t c = rtos_port_crit_enter();
    if (rtos_tick()) {
        rtos_port_request_switch();
    }
    rtos_port_crit_exit(c);
}

/* Give the whole main stack back to handlers (initial MSP = word 0 of the vector table), unmask
 * interrupts (SVC with PRIMASK set would escalate to HardFault) and start the first task.
 * CONTROL.FPCA is cleared first: if main() used the FPU, SVC would otherwise stack an extended
 * frame with a pending lazy FP store aimed at the main stack that is being given back. */
__attribute__((naked, noinline)) static void launch(void)
{
    __asm__ volatile(
        "   mrs     r0, control\n"
        "   bic     r0, r0, #4\n"           /* CONTROL.FPCA = 0 */
        "   msr     control, r0\n"
        "   isb\n"
        "   movw    r0, #0xED08\n"
        "   movt    r0, #0xE000\n"          /* SCB_VTOR */
        "   ldr     r0, [r0]\n"
        "   ldr     r0, [r0]\n"
        "   msr     msp, r0\n"
        "   cpsie   i\n"
        "   cpsie   f\n"
        "   dsb\n"
        "   isb\n"
        "   svc     0\n"
        "1: b       1b\n");
}

static uint32_t guard_region; /* MPU region number used for the guard; 0 = no MPU */

void rtos_port_guard(const uint32_t *stack_base)
{
    if (guard_region == 0u) {
        return;
    }
    uint32_t base = (uint32_t)(uintptr_t)stack_base;
    MPU_RNR = guard_region;
    if (stack_base == NULL || (base & (RTOS_MPU_GUARD_BYTES - 1u)) != 0u) {
        MPU_RASR = 0u; /* region off: the kernel reads the guard, or this stack has none */
    } else {
        MPU_RBAR = base;
        MPU_RASR = MPU_RASR_XN | MPU_RASR_SIZE_32B | MPU_RASR_ENABLE; /* AP = 000: no access */
    }
    /* An MPU change takes effect after DSB + ISB; the guard check right after reads the words. */
    __asm__ volatile("dsb\n\tisb" ::: "memory");
}

/* Use the last MPU region for stack guards if the core has an MPU. If the boot left the MPU
 * off, turn it on with the default map for privileged code (PRIVDEFENA): the tasks run
 * privileged, so only the guard region changes anything. */
static void guard_setup(void)
{
    uint32_t regions = MPU_TYPE_DREGION(MPU_TYPE);
    if (regions < 2u) {
        return;
    }
    guard_region = regions - 1u;
    MPU_RNR = guard_region;
    MPU_RASR = 0u;
    if ((MPU_CTRL & MPU_CTRL_ENABLE) == 0u) {
        MPU_CTRL = MPU_CTRL_PRIVDEFENA | MPU_CTRL_ENABLE;
    }
    SCB_SHCSR |= SCB_SHCSR_MEMFAULTENA; /* overflow reported as MemManage, not HardFault */
    __asm__ volatile("dsb\n\tisb" ::: "memory");
}

int rtos_port_start(uint32_t core_hz, uint32_t tick_hz)
{
    uint32_t reload = core_hz / tick_hz - 1u;
    if (reload == 0u || reload > SYST_RVR_MAX) {
        return RTOS_EINVAL;
    }
    (void)rtos_port_crit_enter(); /* the kernel stays locked until SVC_Handler */

    SCB_SHPR3 = (SCB_SHPR3 & ~((0xFFu << SCB_SHPR3_PENDSV_Pos) | (0xFFu << SCB_SHPR3_SYSTICK_Pos))) |
                (RTOS_PRIO_LOWEST << SCB_SHPR3_PENDSV_Pos) |
                (RTOS_PRIO_LOWEST << SCB_SHPR3_SYSTICK_Pos);
    SCB_SHPR2 &= ~(0xFFu << SCB_SHPR2_SVC_Pos); /* SVC at 0: above the raised BASEPRI */
#if defined(__ARM_FP)
    SCB_CPACR |= SCB_CPACR_CP10_CP11_FULL;
    FPU_FPCCR |= FPU_FPCCR_ASPEN | FPU_FPCCR_LSPEN;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif
    guard_setup();
    SYST_CSR = 0u;
    SYST_RVR = reload;
    SYST_CVR = 0u;
    SYST_CSR = SYST_CSR_CLKSOURCE | SYST_CSR_TICKINT | SYST_CSR_ENABLE;

    launch();
    return RTOS_ESTATE; /* not reached */
}

void rtos_port_idle(void)
{
    __asm__ volatile("dsb\n\twfi" ::: "memory");
}

void rtos_port_halt(void)
{
    __asm__ volatile("cpsid i" ::: "memory");
    SYST_CSR = 0u; /* nothing left to wake the core: a simulator sees it halted */
    for (;;) {
        __asm__ volatile("dsb\n\twfi" ::: "memory");
    }
}

#endif /* __arm__ */
