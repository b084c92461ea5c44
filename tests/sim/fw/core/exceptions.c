/* Rule: preemption follows the group priority (AIRCR.PRIGROUP), STIR pends an interrupt, and
 * the ICSR/SHCSR/SHPR bits read back the exception state (ARMv7-M ARM B1.5.4, B3.2.4-B3.2.13).
 *   - PRIGROUP 5: group = priority bits [7:6]. In A (0x40), B (0x50, same group) waits and is
 *     tail-chained after A; C (0x00) preempts A at once: trace "ACaB".
 *   - ICSR: VECTACTIVE, VECTPENDING = the pending B, ISRPENDING, RETTOBASE (1 in A alone,
 *     0 in C nested in A); IABR shows A and C active in C.
 *   - PENDSVSET/PENDSVCLR and PENDSTSET/PENDSTCLR under PRIMASK: set, read back, cleared,
 *     and the handler does not run after PRIMASK is cleared; set without PRIMASK, it runs.
 *   - BASEPRI 0x40 holds back an interrupt at 0x40 until it is cleared (negative case).
 *   - SHCSR.SVCALLACT is set in the SVC handler only; SHPR keeps the 4 implemented bits. */
#include "core_test.h"

#define IRQ_A 3u
#define IRQ_B 4u
#define IRQ_C 5u
#define SCB_AIRCR_VECTKEY (0x05FAu << 16)
#define SCB_SHCSR_SVCALLACT (1u << 7)
#define NVIC_IABR(n) REG32(0xE000E300u + 4u * (n))

static char trace[16];
static volatile unsigned ntrace;
static volatile uint32_t a_icsr_after_b, a_icsr, c_icsr, c_iabr, svc_shcsr;
static volatile uint32_t pendsv_runs, systick_runs;

static void t(char c)
{
    if (ntrace < sizeof trace - 1u) {
        trace[ntrace++] = c;
    }
}

void irq_a(void);
void irq_a(void)
{
    t('A');
    a_icsr = SCB_ICSR;
    NVIC_STIR = IRQ_B;
    cm7_dsb();
    cm7_isb();
    a_icsr_after_b = SCB_ICSR;
    NVIC_STIR = IRQ_C;
    cm7_dsb();
    cm7_isb();
    t('a');
}

void irq_b(void);
void irq_b(void) { t('B'); }

void irq_c(void);
void irq_c(void)
{
    t('C');
    c_icsr = SCB_ICSR;
    c_iabr = NVIC_IABR(0);
}

void PendSV_Handler(void);
void PendSV_Handler(void) { pendsv_runs++; }
void SysTick_Handler(void);
void SysTick_Handler(void) { systick_runs++; }
void SVC_Handler(void);
void SVC_Handler(void) { svc_shcsr = SCB_SHCSR; }

int main(void)
{
    ct_begin("core-exceptions");
    static uint32_t vectors[32] __attribute__((aligned(128)));
    const uint32_t *flash = (const uint32_t *)(uintptr_t)SCB_VTOR;
    for (unsigned i = 0; i < 32u; i++) {
        vectors[i] = flash[i];
    }
    vectors[16 + IRQ_A] = (uint32_t)(uintptr_t)irq_a;
    vectors[16 + IRQ_B] = (uint32_t)(uintptr_t)irq_b;
    vectors[16 + IRQ_C] = (uint32_t)(uintptr_t)irq_c;
    SCB_VTOR = (uint32_t)(uintptr_t)vectors;
    SCB_AIRCR = SCB_AIRCR_VECTKEY | (5u << 8);
    ct_eq((SCB_AIRCR >> 8) & 7u, 5u, "AIRCR.PRIGROUP reads back");
    NVIC_IPR_BYTE(IRQ_A) = 0x40u;
    NVIC_IPR_BYTE(IRQ_B) = 0x50u;
    NVIC_IPR_BYTE(IRQ_C) = 0x00u;
    ct_eq(NVIC_IPR_BYTE(IRQ_B), 0x50u, "IPR reads back");
    NVIC_ISER(0) = (1u << IRQ_A) | (1u << IRQ_B) | (1u << IRQ_C);
    cm7_dsb();
    cm7_isb();

    NVIC_STIR = IRQ_A;
    cm7_dsb();
    cm7_isb();
    trace[ntrace] = 0;
    ct_check(ntrace == 4u && trace[0] == 'A' && trace[1] == 'C' && trace[2] == 'a' && trace[3] == 'B',
             "trace ACaB (C preempts A, B of A's group waits)", ntrace, 4u);
    console_printf("test: trace %s, expected ACaB\n", (uint32_t)(uintptr_t)trace);
    ct_eq(a_icsr & 0x1FFu, 16u + IRQ_A, "ICSR.VECTACTIVE in A");
    ct_eq((a_icsr >> 11) & 1u, 1u, "ICSR.RETTOBASE in A alone");
    ct_eq((a_icsr_after_b >> 12) & 0x1FFu, 16u + IRQ_B, "ICSR.VECTPENDING = B after STIR");
    ct_eq((a_icsr_after_b >> 22) & 1u, 1u, "ICSR.ISRPENDING with B pending");
    ct_eq(c_icsr & 0x1FFu, 16u + IRQ_C, "ICSR.VECTACTIVE in C");
    ct_eq((c_icsr >> 11) & 1u, 0u, "ICSR.RETTOBASE in C nested in A");
    ct_eq(c_iabr & ((1u << IRQ_A) | (1u << IRQ_C)), (1u << IRQ_A) | (1u << IRQ_C), "IABR: A and C active in C");
    ct_eq(SCB_ICSR & ((0x1FFu << 12) | (1u << 22)), 0u, "nothing pending after");

    /* PendSV and SysTick pending bits */
    cm7_irq_disable();
    SCB_ICSR = SCB_ICSR_PENDSVSET;
    ct_eq((SCB_ICSR >> 28) & 1u, 1u, "ICSR.PENDSVSET reads 1");
    ct_eq((SCB_ICSR >> 12) & 0x1FFu, 14u, "ICSR.VECTPENDING = PendSV");
    SCB_ICSR = SCB_ICSR_PENDSVCLR;
    ct_eq((SCB_ICSR >> 28) & 1u, 0u, "PENDSVCLR clears it");
    SCB_ICSR = SCB_ICSR_PENDSTSET;
    ct_eq((SCB_ICSR >> 26) & 1u, 1u, "ICSR.PENDSTSET reads 1");
    SCB_ICSR = SCB_ICSR_PENDSTCLR;
    ct_eq((SCB_ICSR >> 26) & 1u, 0u, "PENDSTCLR clears it");
    cm7_irq_enable();
    cm7_isb();
    ct_eq(pendsv_runs + systick_runs, 0u, "cleared PendSV/SysTick did not run");
    SCB_ICSR = SCB_ICSR_PENDSVSET;
    cm7_dsb();
    cm7_isb();
    ct_eq(pendsv_runs, 1u, "PendSV runs once set");
    SCB_ICSR = SCB_ICSR_PENDSTSET;
    cm7_dsb();
    cm7_isb();
    ct_eq(systick_runs, 1u, "SysTick runs once set");

    /* BASEPRI holds back an interrupt of equal priority */
    unsigned before = ntrace;
    __asm__ volatile("msr basepri, %0" : : "r"(0x40u) : "memory");
    NVIC_STIR = IRQ_B; /* 0x50: masked by BASEPRI 0x40 (group 1 >= 1) */
    cm7_dsb();
    cm7_isb();
    ct_eq(ntrace, before, "B held back by BASEPRI");
    __asm__ volatile("msr basepri, %0" : : "r"(0u) : "memory");
    cm7_isb();
    ct_eq(ntrace, before + 1u, "B runs once BASEPRI is cleared");

    /* SHCSR active bits and SHPR */
    __asm__ volatile("svc #0");
    ct_eq(svc_shcsr & SCB_SHCSR_SVCALLACT, SCB_SHCSR_SVCALLACT, "SHCSR.SVCALLACT in SVC");
    ct_eq(SCB_SHCSR & SCB_SHCSR_SVCALLACT, 0u, "SHCSR.SVCALLACT clear after");
    SCB_SHPR3 = 0xFFFFFFFFu;
    ct_eq(SCB_SHPR3, 0xF0F0F0F0u, "SHPR3 keeps the 4 implemented bits");
    ct_end();
}
