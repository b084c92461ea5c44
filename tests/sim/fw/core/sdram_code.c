/* Rule: code in SDRAM (0xD0000000 on the STM32H743I-EVAL, in the default map's execute-never
 * External device region) runs when, and only when, an MPU region allows execution there.
 * With the MPU off, or a region with XN, the call is a MemManage fault (IACCVIOL) with the
 * stacked PC = the SDRAM address; with an executable region the function returns its value,
 * and a fault inside it reports the real SDRAM address (stacked PC) and the real return
 * address (stacked LR), not the simulator's executable alias. Turning the region off again
 * makes the same call fault again. Code rewritten in SDRAM after it ran runs as rewritten. */
#include "core_test.h"

#include "area.h"
#include "boot.h"
#include "memory.h"
#include "drivers/clock.h"

#define CODE_OFF 0x100u

/* The boot's area code reports a failed bring-up through boot_fail. */
void boot_fail(enum boot_err e, const char *fmt, ...)
{
    console_printf("test: FAIL: SDRAM bring-up failed (E%02u: %s)\n", (uint32_t)e, (uint32_t)(uintptr_t)fmt);
    ct_halt();
    for (;;) {
    }
}

static uint32_t code_base;

static uint32_t call(uint32_t off)
{
    uint32_t (*f)(void) = (uint32_t (*)(void))(uintptr_t)((code_base + off) | 1u);
    return f();
}

extern const uint16_t ct_sdram_call_ret[];

static uint32_t call_udf(void)
{
    uint32_t r;
    __asm__ volatile("blx %1\n\t"
                     ".global ct_sdram_call_ret\n"
                     "ct_sdram_call_ret: mov %0, r0"
                     : "=r"(r)
                     : "r"((code_base + CODE_OFF + 4u) | 1u)
                     : "r0", "r1", "r2", "r3", "r12", "lr", "memory");
    return r;
}

static void region(bool xn)
{
    ct_mpu_region(0, code_base, 25, MPU_RASR_AP_RW | MPU_RASR_TEX(1) | MPU_RASR_C | MPU_RASR_B | (xn ? MPU_RASR_XN : 0u));
    ct_mpu_enable(MPU_CTRL_ENABLE | MPU_CTRL_PRIVDEFENA);
}

static void check_iaccviol(uint32_t n, const char *what)
{
    ct_eq(ct_fault.count, n, what);
    ct_check(ct_fault.what[0] == 'M', "taken as MemManage", ct_fault.what[0], 'M');
    ct_eq(ct_fault.cfsr, 0x01u, "CFSR = IACCVIOL");
    ct_eq(ct_fault.pc, code_base + CODE_OFF, "stacked PC = the SDRAM address");
}

static void step_xn(void);
static void step_exec(void);
static void step_off_again(void);
static void done(void);

static void step_xn(void)
{
    check_iaccviol(1u, "fault with the MPU off (default map: execute-never)");
    region(true);
    ct_resume = (uint32_t)(uintptr_t)step_exec;
    (void)call(CODE_OFF);
    ct_check(false, "SDRAM code ran in an XN region", 0, 0);
    ct_end();
}

static void step_exec(void)
{
    check_iaccviol(2u, "fault in an MPU region with XN");
    region(false);
    ct_eq(call(CODE_OFF), 42u, "SDRAM code runs in an executable region");
    ct_eq(ct_fault.count, 2u, "no fault then");
    /* code rewritten after it ran: the new instruction runs (no caches are on here) */
    *(volatile uint16_t *)(uintptr_t)(code_base + CODE_OFF) = 0x202Bu; /* movs r0, #43 */
    cm7_dsb();
    cm7_isb();
    ct_eq(call(CODE_OFF), 43u, "SDRAM code rewritten after it ran runs as rewritten");
    ct_resume = (uint32_t)(uintptr_t)step_off_again;
    (void)call_udf();
    ct_check(false, "the undefined instruction in SDRAM did not fault", 0, 0);
    ct_end();
}

static void step_off_again(void)
{
    ct_eq(ct_fault.count, 3u, "the undefined instruction faulted");
    ct_check(ct_fault.what[0] == 'U', "taken as UsageFault", ct_fault.what[0], 'U');
    ct_eq(ct_fault.cfsr, 0x00010000u, "CFSR = UNDEFINSTR");
    ct_eq(ct_fault.pc, code_base + CODE_OFF + 4u, "stacked PC = the real SDRAM address");
    ct_eq(ct_fault.lr & ~1u, (uint32_t)(uintptr_t)ct_sdram_call_ret, "stacked LR = the real return address");
    /* fault_report turned the MPU off: the same call must fault again */
    ct_resume = (uint32_t)(uintptr_t)done;
    (void)call(CODE_OFF);
    ct_check(false, "SDRAM code ran with the MPU off again", 0, 0);
    ct_end();
}

static void done(void)
{
    check_iaccviol(4u, "fault with the MPU off again");
    ct_end();
}

int main(void)
{
    const struct board_desc *b = &EXTMEM_BOARD_SYMBOL;
    cm7_cyccnt_start(); /* the bring-up's deadlines count core cycles */
    enum clock_stage st;
    int rc = clock_init(&b->clock, &st);
    ct_begin_pclk("core-sdram-code", rc == 0 ? b->clock.hclk_hz / b->clock.apb_div : CHIP_HSI_HZ);
    struct boot_area a;
    if (rc != 0 || area_describe(b, USE_EXTERNAL_SDRAM, &a) != 0) {
        ct_check(false, "clock and SDRAM area", (uint32_t)rc, 0);
        ct_end();
    }
    area_bring_up(b, USE_EXTERNAL_SDRAM, &a);
    code_base = a.base;
    volatile uint16_t *code = (volatile uint16_t *)(uintptr_t)(code_base + CODE_OFF);
    code[0] = 0x202Au; /* movs r0, #42 */
    code[1] = 0x4770u; /* bx lr */
    code[2] = 0xDE07u; /* udf #7 */
    code[3] = 0x4770u;
    cm7_dsb();
    cm7_isb();
    SCB_SHCSR |= SCB_SHCSR_MEMFAULTENA | SCB_SHCSR_USGFAULTENA;
    ct_resume = (uint32_t)(uintptr_t)step_xn;
    (void)call(CODE_OFF);
    ct_check(false, "SDRAM code ran with the MPU off", 0, 0);
    ct_end();
}
