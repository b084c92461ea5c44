/* Cortex-M7 caches, MPU and cycle counter (ARMv7-M ARM B3.5, B4.8; Cortex-M7 TRM 4). */
#include "cm7.h"

/* D-cache geometry from CCSIDR (level 1 data cache selected in CSSELR). */
#define CCSIDR_SETS(x) ((((x) >> 13) & 0x7FFFu) + 1u)
#define CCSIDR_WAYS(x) ((((x) >> 3) & 0x3FFu) + 1u)

static void dcache_by_set_way(volatile uint32_t *op)
{
    SCB_CSSELR = 0u;
    cm7_dsb();
    uint32_t ccsidr = SCB_CCSIDR;
    uint32_t sets = CCSIDR_SETS(ccsidr), ways = CCSIDR_WAYS(ccsidr);
    /* Cortex-M7: set index at bit 5 (32-byte lines), way index at bit 30 (4 ways). */
    for (uint32_t set = 0; set < sets; set++) {
        for (uint32_t way = 0; way < ways; way++) {
            *op = (way << 30) | (set << 5);
        }
    }
    cm7_dsb();
}

void cm7_icache_invalidate(void)
{
    cm7_dsb();
    cm7_isb();
    SCB_ICIALLU = 0u;
    cm7_dsb();
    cm7_isb();
}

void cm7_icache_enable(void)
{
    cm7_icache_invalidate();
    SCB_CCR |= SCB_CCR_IC;
    cm7_dsb();
    cm7_isb();
}

void cm7_icache_disable(void)
{
    cm7_dsb();
    cm7_isb();
    SCB_CCR &= ~SCB_CCR_IC;
    SCB_ICIALLU = 0u;
    cm7_dsb();
    cm7_isb();
}

void cm7_dcache_enable(void)
{
    dcache_by_set_way(&SCB_DCISW); /* contents are random after reset: invalidate first */
    SCB_CCR |= SCB_CCR_DC;
    cm7_dsb();
    cm7_isb();
}

void cm7_dcache_clean_disable(void)
{
    SCB_CCR &= ~SCB_CCR_DC;
    cm7_dsb();
    dcache_by_set_way(&SCB_DCCISW);
    cm7_isb();
}

void cm7_dcache_clean_range(uintptr_t addr, uint32_t len)
{
    uintptr_t end = addr + len;
    cm7_dsb();
    for (uintptr_t a = addr & ~(uintptr_t)(CM7_CACHE_LINE - 1u); a < end; a += CM7_CACHE_LINE) {
        SCB_DCCMVAC = (uint32_t)a;
    }
    cm7_dsb();
    cm7_isb();
}

void cm7_dcache_invalidate_range(uintptr_t addr, uint32_t len)
{
    uintptr_t end = addr + len;
    cm7_dsb();
    for (uintptr_t a = addr & ~(uintptr_t)(CM7_CACHE_LINE - 1u); a < end; a += CM7_CACHE_LINE) {
        SCB_DCIMVAC = (uint32_t)a;
    }
    cm7_dsb();
    cm7_isb();
}

void cm7_mpu_configure(const struct mpu_region *regions, unsigned count)
{
    cm7_dsb();
    MPU_CTRL = 0u;
    unsigned total = (MPU_TYPE >> 8) & 0xFFu;
    for (unsigned i = 0; i < total; i++) {
        MPU_RNR = i;
        if (i < count) {
            MPU_RBAR = regions[i].base;
            MPU_RASR = regions[i].attr | MPU_RASR_SIZE(regions[i].size_log2) | MPU_RASR_ENABLE;
        } else {
            MPU_RASR = 0u;
        }
    }
    MPU_CTRL = MPU_CTRL_ENABLE | MPU_CTRL_PRIVDEFENA;
    cm7_dsb();
    cm7_isb();
}

void cm7_cyccnt_start(void)
{
    DEMCR |= DEMCR_TRCENA;
    DWT_LAR = 0xC5ACCE55u; /* the Cortex-M7 DWT is locked after reset */
    DWT_CYCCNT = 0u;
    DWT_CTRL |= DWT_CTRL_CYCCNTENA;
}
