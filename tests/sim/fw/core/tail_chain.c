/* Rule: an exception pending at an exception return that would preempt the context being
 * returned to is taken by tail-chaining: no unstacking. Proof: handler A makes the thread's
 * stack no-access (an MPU region over the process stack) and pends B before returning; B runs
 * with the same process stack pointer and EXC_RETURN, unguards the stack and returns, and the
 * thread goes on without any fault. Negative: A guards the stack without pending B, so its
 * return has to unstack: MemManage with CFSR.MUNSTKERR. */
#include "core_test.h"

#define IRQ_A 1u
#define IRQ_B 2u

static uint64_t process_stack[64] __attribute__((aligned(512)));
static volatile uint32_t a_psp, b_psp, b_lr, a_runs, b_runs, thread_steps;
static volatile bool pend_b;
static uint32_t lr_in_a;

static void guard_stack(bool on)
{
    if (on) {
        ct_mpu_region(14, (uint32_t)(uintptr_t)process_stack, 9, MPU_RASR_XN | MPU_RASR_AP(0));
        ct_mpu_enable(MPU_CTRL_ENABLE | MPU_CTRL_PRIVDEFENA);
    } else {
        ct_mpu_enable(0u);
    }
}

void irq_a(void);
void irq_a(void)
{
    __asm__ volatile("mrs %0, psp" : "=r"(a_psp));
    __asm__ volatile("mov %0, lr" : "=r"(lr_in_a));
    a_runs++;
    guard_stack(true);
    if (pend_b) {
        NVIC_STIR = IRQ_B;
    }
}

void irq_b(void);
void irq_b(void)
{
    __asm__ volatile("mrs %0, psp" : "=r"(b_psp));
    __asm__ volatile("mov %0, lr" : "=r"(b_lr));
    b_runs++;
    guard_stack(false);
}

static void on_process_stack(void);
static void after_munstkerr(void);

static void thread_part(void)
{
    thread_steps++;
    pend_b = true;
    NVIC_STIR = IRQ_A;
    cm7_dsb();
    cm7_isb();
    thread_steps++;
    ct_eq(a_runs, 1u, "A ran once");
    ct_eq(b_runs, 1u, "B ran once, before the thread went on");
    ct_eq(b_psp, a_psp, "B saw the process stack as A left it (nothing unstacked)");
    ct_eq(b_lr, lr_in_a, "B has A's EXC_RETURN");
    ct_eq(ct_fault.count, 0u, "no unstacking fault");
    /* negative: no B, A's return unstacks from the guarded stack */
    pend_b = false;
    ct_resume = (uint32_t)(uintptr_t)after_munstkerr;
    NVIC_STIR = IRQ_A;
    cm7_dsb();
    cm7_isb();
    ct_check(false, "unstacking from a no-access stack did not fault", 0, 0);
    ct_end();
}

static void after_munstkerr(void)
{
    ct_eq(ct_fault.count, 1u, "one fault");
    ct_check(ct_fault.what[0] == 'M', "taken as MemManage", ct_fault.what[0], 'M');
    ct_eq(ct_fault.cfsr, 0x08u, "CFSR = MUNSTKERR (MMARVALID clear)");
    ct_eq(a_runs, 2u, "A ran again");
    ct_end();
}

int main(void)
{
    ct_begin("core-tail-chaining");
    SCB_SHCSR |= SCB_SHCSR_MEMFAULTENA;
    /* the startup's table is in flash: a copy in RAM with the two handlers */
    static uint32_t vectors[16 + 16] __attribute__((aligned(128)));
    const uint32_t *flash = (const uint32_t *)(uintptr_t)SCB_VTOR;
    for (unsigned i = 0; i < 32u; i++) {
        vectors[i] = flash[i];
    }
    vectors[16 + IRQ_A] = (uint32_t)(uintptr_t)irq_a;
    vectors[16 + IRQ_B] = (uint32_t)(uintptr_t)irq_b;
    SCB_VTOR = (uint32_t)(uintptr_t)vectors;
    NVIC_IPR_BYTE(IRQ_A) = 0x40u;
    NVIC_IPR_BYTE(IRQ_B) = 0x80u;
    NVIC_ISER(0) = (1u << IRQ_A) | (1u << IRQ_B);
    cm7_dsb();
    cm7_isb();
    on_process_stack();
    ct_end();
}

/* Thread mode on the process stack (CONTROL.SPSEL = 1), which A guards. */
static void on_process_stack(void)
{
    uint32_t top = (uint32_t)(uintptr_t)&process_stack[64];
    __asm__ volatile("msr psp, %0\n\t"
                     "movs r0, #2\n\t"
                     "msr control, r0\n\t"
                     "isb\n\t"
                     "bl %c1"
                     :
                     : "r"(top), "i"(thread_part)
                     : "r0", "lr", "memory");
}
