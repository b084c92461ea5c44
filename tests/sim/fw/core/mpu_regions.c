/* Rule: MPU region decoding (ARMv7-M ARM B3.5): the higher-numbered region wins where regions
 * overlap, a disabled sub-region (SRD) falls through to the regions below or the background,
 * AP = 110 is read-only (writes fault, reads do not), AP = 001 is privileged-only (an
 * unprivileged access faults, the same access privileged does not), and with PRIVDEFENA clear
 * an address in no region faults even for privileged code. Every fault: MemManage DACCVIOL
 * with MMFAR = the address; every "no fault" is checked too. */
#include "core_test.h"

static volatile uint32_t ram[256] __attribute__((aligned(1024))); /* 1 KiB, 8 sub-regions of 128 B */
static volatile uint32_t steps;

#define SUB(n) (&ram[(n) * 32u])
#define RW_WBWA (MPU_RASR_AP_RW | MPU_RASR_TEX(1) | MPU_RASR_C | MPU_RASR_B | MPU_RASR_XN)

static void expect_fault(uint32_t n, volatile uint32_t *addr, const char *what)
{
    ct_eq(ct_fault.count, n, what);
    ct_eq(ct_fault.cfsr, 0x82u, "CFSR = DACCVIOL | MMARVALID");
    ct_eq(ct_fault.mmfar, (uint32_t)(uintptr_t)addr, "MMFAR = the address");
}

static void s1(void);
static void s2(void);
static void s3(void);
static void s4(void);
static void s5(void);

void SVC_Handler(void);
void SVC_Handler(void)
{
    uint32_t c;
    __asm__ volatile("mrs %0, control\n\tbic %0, %0, #1\n\tmsr control, %0\n\tisb" : "=&r"(c)::"memory");
}

int main(void)
{
    ct_begin("core-mpu-regions");
    SCB_SHCSR |= SCB_SHCSR_MEMFAULTENA;
    /* region 2: 1 KiB no access; region 3 (higher) over its first 128 B: read-write */
    ct_mpu_region(2, (uint32_t)(uintptr_t)ram, 10, MPU_RASR_XN | MPU_RASR_AP(0));
    ct_mpu_region(3, (uint32_t)(uintptr_t)ram, 7, RW_WBWA);
    ct_mpu_enable(MPU_CTRL_ENABLE | MPU_CTRL_PRIVDEFENA);
    SUB(0)[0] = 1u;
    ct_eq(SUB(0)[0], 1u, "the higher region wins where they overlap");
    ct_eq(ct_fault.count, 0u, "no fault there");
    ct_resume = (uint32_t)(uintptr_t)s1;
    SUB(1)[0] = 2u;
    ct_check(false, "the lower no-access region did not fault", 0, 0);
    ct_end();
}

static void s1(void)
{
    expect_fault(1u, SUB(1), "the no-access region below faults");
    /* sub-region 1 of region 2 disabled: falls through to the background (PRIVDEFENA) */
    ct_mpu_region(2, (uint32_t)(uintptr_t)ram, 10, MPU_RASR_XN | MPU_RASR_AP(0) | MPU_RASR_SRD(1u << 1));
    ct_mpu_enable(MPU_CTRL_ENABLE | MPU_CTRL_PRIVDEFENA);
    SUB(1)[0] = 3u;
    ct_eq(SUB(1)[0], 3u, "a disabled sub-region falls through to the background");
    ct_eq(ct_fault.count, 1u, "no fault there");
    ct_resume = (uint32_t)(uintptr_t)s2;
    (void)SUB(2)[0];
    ct_check(false, "an enabled sub-region did not fault", 0, 0);
    ct_end();
}

static void s2(void)
{
    expect_fault(2u, SUB(2), "the next sub-region is still no access");
    /* read-only: region 2 AP = 110 */
    ct_mpu_region(2, (uint32_t)(uintptr_t)ram, 10, MPU_RASR_XN | MPU_RASR_AP_RO);
    ct_mpu_enable(MPU_CTRL_ENABLE | MPU_CTRL_PRIVDEFENA);
    ct_eq(SUB(2)[0], 0u, "a read-only region reads");
    ct_eq(ct_fault.count, 2u, "no fault for the read");
    ct_resume = (uint32_t)(uintptr_t)s3;
    SUB(2)[1] = 4u;
    ct_check(false, "a write to a read-only region did not fault", 0, 0);
    ct_end();
}

static void s3(void)
{
    expect_fault(3u, &SUB(2)[1], "a write to a read-only region faults");
    ct_eq(SUB(2)[1], 0u, "and does not happen");
    /* privileged-only: region 2 AP = 001 over ram, above region 1 (all of DTCM, where the stack
     * and steps are, read-write for everyone); region 4: the code, read-only for everyone */
    ct_mpu_off(3);
    ct_mpu_region(1, 0x20000000u, 17, RW_WBWA);
    ct_mpu_region(2, (uint32_t)(uintptr_t)ram, 10, MPU_RASR_XN | MPU_RASR_AP(1));
    ct_mpu_region(4, 0x08000000u, 21, MPU_RASR_AP_RO);
    ct_mpu_enable(MPU_CTRL_ENABLE | MPU_CTRL_PRIVDEFENA);
    SUB(3)[0] = 5u;
    ct_eq(SUB(3)[0], 5u, "privileged access to a privileged-only region");
    ct_eq(ct_fault.count, 3u, "no fault for it");
    ct_resume = (uint32_t)(uintptr_t)s4;
    uint32_t c;
    __asm__ volatile("mrs %0, control\n\torr %0, %0, #1\n\tmsr control, %0\n\tisb" : "=&r"(c)::"memory");
    steps = 1u; /* unprivileged, in region 5: allowed */
    SUB(3)[1] = 6u;
    __asm__ volatile("svc #0");
    ct_check(false, "an unprivileged access to a privileged-only region did not fault", steps, 0);
    ct_end();
}

static void s4(void)
{
    /* the fault handler resumes here in thread mode, still unprivileged: back via SVC */
    __asm__ volatile("svc #0");
    expect_fault(4u, &SUB(3)[1], "an unprivileged access to a privileged-only region faults");
    ct_eq(steps, 1u, "the unprivileged access to an all-access region worked");
    /* PRIVDEFENA clear: no background, even privileged */
    ct_mpu_off(4);
    ct_mpu_region(3, 0x08000000u, 21, MPU_RASR_AP_RO);                /* the code */
    ct_mpu_region(2, (uint32_t)(uintptr_t)ram, 10, RW_WBWA);          /* this RAM */
    ct_mpu_region(1, 0x20000000u, 17, RW_WBWA);                       /* DTCM: the stack, the data */
    ct_mpu_region(0, 0x40000000u, 29, MPU_RASR_AP_RW | MPU_RASR_XN); /* peripherals: the console */
    ct_mpu_enable(MPU_CTRL_ENABLE);
    SUB(4)[0] = 7u;
    ct_eq(SUB(4)[0], 7u, "inside a region without PRIVDEFENA");
    ct_resume = (uint32_t)(uintptr_t)s5;
    (void)*(volatile uint32_t *)(uintptr_t)0x24000000u; /* AXI SRAM: in no region */
    ct_check(false, "an access in no region without PRIVDEFENA did not fault", 0, 0);
    ct_end();
}

static void s5(void)
{
    expect_fault(5u, (volatile uint32_t *)(uintptr_t)0x24000000u, "no region and no background: fault");
    ct_end();
}
