/* Rule: an instruction fetch from execute-never memory is a MemManage fault with
 * CFSR.IACCVIOL (MMARVALID clear) and the stacked PC = the fetched address: from an MPU region
 * with XN, and, with the MPU off, from the default map's execute-never regions (Peripheral at
 * 0x40000000, External device at 0xC0000000 even with nothing there, the System region).
 * Negative: the same code in a region without XN runs. */
#include "core_test.h"

static uint16_t code[16] __attribute__((aligned(32)));

static void step_default_peripheral(void);
static void step_default_device(void);
static void step_default_system(void);

static uint32_t call(uint32_t addr)
{
    uint32_t (*f)(void) = (uint32_t (*)(void))(uintptr_t)(addr | 1u);
    return f();
}

static void check_iaccviol(uint32_t n, uint32_t addr, const char *what)
{
    ct_eq(ct_fault.count, n, what);
    ct_check(ct_fault.what[0] == 'M', "faulted as MemManage", ct_fault.what[0], 'M');
    ct_eq(ct_fault.cfsr, 0x01u, "CFSR = IACCVIOL, MMARVALID clear");
    ct_eq(ct_fault.pc, addr, "stacked PC = the fetched address");
}

static void after_xn(void)
{
    check_iaccviol(1u, (uint32_t)(uintptr_t)code, "fault from an XN region");
    /* negative: the region without XN */
    ct_mpu_region(15, (uint32_t)(uintptr_t)code, 5, MPU_RASR_AP_RW | MPU_RASR_TEX(1) | MPU_RASR_C | MPU_RASR_B);
    ct_mpu_enable(MPU_CTRL_ENABLE | MPU_CTRL_PRIVDEFENA);
    ct_eq(call((uint32_t)(uintptr_t)code), 42u, "code in an executable region runs");
    ct_eq(ct_fault.count, 1u, "no fault without XN");
    ct_mpu_enable(0u);
    ct_resume = (uint32_t)(uintptr_t)step_default_peripheral;
    (void)call(0x40000000u);
    ct_check(false, "a fetch from the Peripheral region did not fault", 0, 0);
    ct_end();
}

static void step_default_peripheral(void)
{
    check_iaccviol(2u, 0x40000000u, "fault from the Peripheral region");
    ct_resume = (uint32_t)(uintptr_t)step_default_device;
    (void)call(0xC0000000u);
    ct_check(false, "a fetch from the External device region did not fault", 0, 0);
    ct_end();
}

static void step_default_device(void)
{
    check_iaccviol(3u, 0xC0000000u, "fault from the External device region (not a bus fault)");
    ct_resume = (uint32_t)(uintptr_t)step_default_system;
    (void)call(0xE0100000u);
    ct_check(false, "a fetch from the System region did not fault", 0, 0);
    ct_end();
}

static void step_default_system(void)
{
    check_iaccviol(4u, 0xE0100000u, "fault from the System region");
    ct_end();
}

int main(void)
{
    ct_begin("core-xn-fetch");
    SCB_SHCSR |= SCB_SHCSR_MEMFAULTENA;
    code[0] = 0x202Au; /* movs r0, #42 */
    code[1] = 0x4770u; /* bx lr */
    cm7_dsb();
    cm7_isb();
    ct_mpu_region(15, (uint32_t)(uintptr_t)code, 5,
                  MPU_RASR_AP_RW | MPU_RASR_TEX(1) | MPU_RASR_C | MPU_RASR_B | MPU_RASR_XN);
    ct_mpu_enable(MPU_CTRL_ENABLE | MPU_CTRL_PRIVDEFENA);
    ct_resume = (uint32_t)(uintptr_t)after_xn;
    (void)call((uint32_t)(uintptr_t)code);
    ct_check(false, "a fetch from an XN region did not fault", 0, 0);
    ct_end();
}
