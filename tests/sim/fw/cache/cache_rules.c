/* Test firmware: one L1 cache rule each (ARMv7-M ARM B2.2.7, Cortex-M7 TRM 4), chosen at
 * build time. Code is two Thumb instructions copied into the AXI SRAM (or SRAM1 on F7):
 * "movs r0, #1; bx lr" (the old code) and "movs r0, #2; bx lr" (the new code); data is one
 * word in the same RAM. The firmware's own stack and variables are in the DTCM (not cached).
 *   RULE_DIRTY_CODE        new code copied through the write-back D-cache, no clean, then run
 *   RULE_DIRTY_CODE_IC_OFF as RULE_DIRTY_CODE with the I-cache off: fetches read memory too
 *   RULE_CLEAN_AND_INV     old code run, new code copied, D-cache cleaned, I-cache invalidated
 *   RULE_CLEAN_BY_POU      the same by address to the point of unification: DCCMVAU, ICIMVAU
 *   RULE_NO_ICACHE_INV     old code run, new code copied and cleaned, no I-cache invalidate
 *   RULE_WRITE_THROUGH     as RULE_DIRTY_CODE inside an MPU region that is write-through
 *   RULE_INV_DISCARDS      a dirty data word invalidated without clean
 *   RULE_CLEAN_INV_KEEPS   a dirty data word cleaned and invalidated
 *   RULE_DISABLED          the same sequences with both caches off: nothing is stale
 *   RULE_DC_OFF_HIDES      the D-cache disabled with a dirty line, then enabled again
 *   RULE_CLEAN_DISABLE     the D-cache disabled, then cleaned and invalidated by set/way (the
 *                          order of cm7_dcache_clean_disable), the I-cache disabled: the dirty
 *                          word reaches memory; code changed afterwards runs new
 *   RULE_IC_REENABLED      old code run, both caches off without an I-cache invalidate, new code
 *                          written (runs new: fetches read memory), I-cache on again: the
 *                          lines it kept run the old code
 *   RULE_SET_WAY           whole-cache clean by set/way before running new code; a dirty word
 *                          invalidated by set/way; a clean of another set misses the line,
 *                          a clean of its own set (address bits [.:5]) writes it back */
#include "chip.h"
#include "drivers/console.h"

extern const struct board_desc EXTMEM_BOARD_SYMBOL;

#define OLD_CODE 0x2001u /* movs r0, #1 */
#define NEW_CODE 0x2002u /* movs r0, #2 */
#define BX_LR 0x4770u

void fault_report(const char *what, const uint32_t *frame)
{
    console_printf("test: fault: %s at pc 0x%08x\n", (uint32_t)(uintptr_t)what, frame ? frame[6] : 0u);
    for (;;) {
        cm7_irq_disable();
        cm7_wfi();
    }
}

static uint32_t code_at, data_at;

static inline void put_code(uint16_t movs)
{
    volatile uint16_t *p = (volatile uint16_t *)(uintptr_t)code_at;
    p[0] = movs;
    p[1] = BX_LR;
    cm7_dsb();
}

static inline uint32_t run_code(void)
{
    uint32_t (*fn)(void) = (uint32_t (*)(void))(uintptr_t)(code_at | 1u);
    cm7_isb();
    return fn();
}

static inline volatile uint32_t *data_word(void)
{
    return (volatile uint32_t *)(uintptr_t)data_at;
}

static inline void caches_on(void)
{
    cm7_icache_enable();
    cm7_dcache_enable();
}

#if defined(RULE_SET_WAY)
static uint32_t dcache_sets, dcache_ways;

static void dcache_geometry(void)
{
    SCB_CSSELR = 0u;
    cm7_dsb();
    uint32_t ccsidr = SCB_CCSIDR;
    dcache_sets = ((ccsidr >> 13) & 0x7FFFu) + 1u;
    dcache_ways = ((ccsidr >> 3) & 0x3FFu) + 1u;
    console_printf("test: D-cache geometry from CCSIDR: %u sets, %u ways\n", dcache_sets, dcache_ways);
}

/* Every way of one set (way in bits [31:30], set from bit 5 for 32-byte lines). */
static void dcache_set(volatile uint32_t *op, uint32_t set)
{
    for (uint32_t way = 0; way < dcache_ways; way++) {
        *op = (way << 30) | (set << 5);
    }
    cm7_dsb();
}

static void dcache_each_set_way(volatile uint32_t *op)
{
    for (uint32_t set = 0; set < dcache_sets; set++) {
        dcache_set(op, set);
    }
}
#endif

int main(void)
{
    const struct board_desc *b = &EXTMEM_BOARD_SYMBOL;
    console_init(b, CHIP_HSI_HZ);
    uint32_t ram = b->internal_sram.base;
    if (ram == 0x20000000u) {
        ram += 0x10000u; /* F7: the area starts with the 64 KiB DTCM, never cached; SRAM1 follows */
    }
    code_at = ram + 0x1000u;
    data_at = ram + 0x2060u; /* set 3: a set/way test that only hits set 0 proves little */
    put_code(OLD_CODE); /* in memory before any cache is on */
    *data_word() = 0x11111111u;
#if defined(RULE_DIRTY_CODE)
    caches_on();
    put_code(NEW_CODE);
    cm7_icache_invalidate(); /* the I-cache is not the culprit: memory still has the old code */
    console_printf("test: new code copied without D-cache clean returns %u\n", run_code());
#elif defined(RULE_DIRTY_CODE_IC_OFF)
    cm7_dcache_enable();
    put_code(NEW_CODE);
    console_printf("test: I-cache off, new code copied without D-cache clean returns %u\n", run_code());
#elif defined(RULE_CLEAN_BY_POU)
    caches_on();
    console_printf("test: old code returns %u\n", run_code());
    put_code(NEW_CODE);
    SCB_DCCMVAU = code_at;
    cm7_dsb();
    SCB_ICIMVAU = code_at;
    cm7_dsb();
    SCB_BPIALL = 0u;
    cm7_dsb();
    console_printf("test: new code, DCCMVAU and ICIMVAU on its line, returns %u\n", run_code());
#elif defined(RULE_CLEAN_AND_INV) || defined(RULE_NO_ICACHE_INV)
    caches_on();
    console_printf("test: old code returns %u\n", run_code());
    put_code(NEW_CODE);
    cm7_dcache_clean_range(code_at, 4u);
#if defined(RULE_CLEAN_AND_INV)
    cm7_icache_invalidate();
    console_printf("test: new code, D-cache cleaned, I-cache invalidated, returns %u\n", run_code());
#else
    console_printf("test: new code, D-cache cleaned, no I-cache invalidate, returns %u\n", run_code());
#endif
#elif defined(RULE_WRITE_THROUGH)
    const struct mpu_region wt = { code_at, 10u, MPU_RASR_AP_RW | MPU_RASR_C }; /* TEX 0, C, !B: WT */
    cm7_mpu_configure(&wt, 1);
    caches_on();
    put_code(NEW_CODE);
    cm7_icache_invalidate();
    console_printf("test: new code copied into write-through memory, no clean, returns %u\n", run_code());
#elif defined(RULE_INV_DISCARDS) || defined(RULE_CLEAN_INV_KEEPS)
    caches_on();
    *data_word() = 0x22222222u;
#if defined(RULE_INV_DISCARDS)
    cm7_dsb();
    SCB_DCIMVAC = data_at;
    cm7_dsb();
    console_printf("test: dirty word invalidated without clean reads 0x%08x\n", *data_word());
#else
    cm7_dsb();
    SCB_DCCIMVAC = data_at;
    cm7_dsb();
    console_printf("test: dirty word cleaned and invalidated reads 0x%08x\n", *data_word());
#endif
#elif defined(RULE_DISABLED)
    console_printf("test: caches off: old code returns %u\n", run_code());
    put_code(NEW_CODE);
    console_printf("test: caches off: new code, no maintenance, returns %u\n", run_code());
    *data_word() = 0x22222222u;
    SCB_DCIMVAC = data_at;
    cm7_dsb();
    console_printf("test: caches off: word written then invalidated reads 0x%08x\n", *data_word());
#elif defined(RULE_DC_OFF_HIDES)
    caches_on();
    *data_word() = 0x22222222u; /* dirty in the D-cache, memory still 0x11111111 */
    cm7_dsb();
    SCB_CCR &= ~SCB_CCR_DC;
    cm7_dsb();
    cm7_isb();
    console_printf("test: D-cache off, dirty line not cleaned: word reads 0x%08x\n", *data_word());
    SCB_CCR |= SCB_CCR_DC;
    cm7_dsb();
    cm7_isb();
    console_printf("test: D-cache on again: word reads 0x%08x\n", *data_word());
#elif defined(RULE_CLEAN_DISABLE)
    caches_on();
    console_printf("test: old code returns %u\n", run_code());
    *data_word() = 0x22222222u;
    cm7_dcache_clean_disable();
    cm7_icache_disable();
    console_printf("test: both caches off after clean: word reads 0x%08x\n", *data_word());
    put_code(NEW_CODE);
    console_printf("test: both caches off: new code, no maintenance, returns %u\n", run_code());
#elif defined(RULE_IC_REENABLED)
    caches_on();
    console_printf("test: old code returns %u\n", run_code());
    cm7_dcache_clean_disable();
    SCB_CCR &= ~SCB_CCR_IC; /* no ICIALLU: the I-cache keeps its lines */
    cm7_dsb();
    cm7_isb();
    put_code(NEW_CODE);
    console_printf("test: both caches off: new code returns %u\n", run_code());
    SCB_CCR |= SCB_CCR_IC;
    cm7_dsb();
    cm7_isb();
    console_printf("test: I-cache on again without invalidate: returns %u\n", run_code());
#elif defined(RULE_SET_WAY)
    caches_on();
    dcache_geometry();
    put_code(NEW_CODE);
    dcache_each_set_way(&SCB_DCCSW);
    cm7_icache_invalidate();
    console_printf("test: new code, D-cache cleaned by set/way, returns %u\n", run_code());
    *data_word() = 0x22222222u;
    cm7_dsb();
    dcache_each_set_way(&SCB_DCISW);
    console_printf("test: dirty word invalidated by set/way reads 0x%08x\n", *data_word());
    uint32_t set = (data_at >> 5) & (dcache_sets - 1u);
    *data_word() = 0x33333333u;
    dcache_set(&SCB_DCCSW, (set + 1u) & (dcache_sets - 1u));
    SCB_DCIMVAC = data_at;
    cm7_dsb();
    console_printf("test: dirty word, clean of the next set, invalidate: reads 0x%08x\n", *data_word());
    *data_word() = 0x44444444u;
    dcache_set(&SCB_DCCSW, set);
    SCB_DCIMVAC = data_at;
    cm7_dsb();
    console_printf("test: dirty word, clean of its set %u, invalidate: reads 0x%08x\n", set, *data_word());
#else
#error "define one RULE_*"
#endif
    console_printf("test: done\n");
    for (;;) {
        cm7_irq_disable();
        cm7_wfi();
    }
}
