/* Rule: an access to an MPU region with AP = 000 (no access) is a precise MemManage fault:
 * CFSR.DACCVIOL and MMARVALID, MMFAR = the address, stacked PC = the faulting instruction; the
 * denied store does not happen and neither does a later store of the same block. Negative
 * cases: the word next to the region, and the region's own words once it is off, are accessed
 * without a fault. */
#include "core_test.h"

static volatile uint32_t guarded[16] __attribute__((aligned(64)));
static volatile uint32_t witness;

extern const uint16_t ct_store_insn[], ct_load_insn[];

static void after_load(void);

static void after_store(void)
{
    ct_eq(ct_fault.count, 1u, "one fault for the store");
    ct_check(ct_fault.what[0] == 'M', "the store faulted as MemManage", ct_fault.what[0], 'M');
    ct_eq(ct_fault.cfsr, 0x82u, "CFSR = DACCVIOL | MMARVALID");
    ct_eq(ct_fault.mmfar, (uint32_t)(uintptr_t)&guarded[1], "MMFAR = the stored address");
    ct_eq(ct_fault.pc, (uint32_t)(uintptr_t)ct_store_insn, "stacked PC = the store");
    ct_eq(ct_fault.hfsr, 0u, "no HardFault");
    ct_eq(guarded[1], 0x11111111u, "the denied store did not happen");
    ct_eq(witness, 0u, "the store after it in the same block did not run");
    /* a load: same bits, the loaded register is not written */
    ct_mpu_enable(MPU_CTRL_ENABLE | MPU_CTRL_PRIVDEFENA);
    ct_resume = (uint32_t)(uintptr_t)after_load;
    uint32_t v = 0x5A5A5A5Au;
    __asm__ volatile(".global ct_load_insn\nct_load_insn: ldr %0, [%1]" : "+r"(v) : "r"(&guarded[2]) : "memory");
    ct_check(false, "a load from a no-access region did not fault", v, 0);
    ct_end();
}

static void after_load(void)
{
    ct_eq(ct_fault.count, 2u, "one fault for the load");
    ct_eq(ct_fault.cfsr, 0x82u, "CFSR = DACCVIOL | MMARVALID (load)");
    ct_eq(ct_fault.mmfar, (uint32_t)(uintptr_t)&guarded[2], "MMFAR = the loaded address");
    ct_eq(ct_fault.pc, (uint32_t)(uintptr_t)ct_load_insn, "stacked PC = the load");
    /* negative: outside the region, and the region turned off */
    ct_mpu_enable(MPU_CTRL_ENABLE | MPU_CTRL_PRIVDEFENA);
    guarded[8] = 0x33333333u; /* second half: outside the 32-byte region */
    ct_eq(guarded[8], 0x33333333u, "the word after the region is accessible");
    ct_mpu_off(15);
    cm7_dsb();
    cm7_isb();
    guarded[1] = 0x44444444u;
    ct_eq(guarded[1], 0x44444444u, "the region's words once it is off");
    ct_eq(ct_fault.count, 2u, "no fault in the negative cases");
    ct_end();
}

int main(void)
{
    ct_begin("core-mpu-no-access");
    SCB_SHCSR |= SCB_SHCSR_MEMFAULTENA;
    guarded[1] = 0x11111111u;
    witness = 0u;
    ct_mpu_region(15, (uint32_t)(uintptr_t)guarded, 5, MPU_RASR_XN | MPU_RASR_AP(0));
    ct_mpu_enable(MPU_CTRL_ENABLE | MPU_CTRL_PRIVDEFENA);
    ct_resume = (uint32_t)(uintptr_t)after_store;
    __asm__ volatile(".global ct_store_insn\nct_store_insn: str %0, [%1]\n\tstr %2, [%3]"
                     :
                     : "r"(0xBADu), "r"(&guarded[1]), "r"(0x22u), "r"(&witness)
                     : "memory");
    ct_check(false, "a store to a no-access region did not fault", 0, 0);
    ct_end();
}
