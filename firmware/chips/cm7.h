/* Cortex-M7 system control space: SCB, NVIC, SysTick, MPU, DWT, cache maintenance.
 * Addresses and fields from the ARMv7-M Architecture Reference Manual (B3) and the
 * Cortex-M7 Technical Reference Manual. */
#ifndef CHIPS_CM7_H
#define CHIPS_CM7_H

#include <stdint.h>

#define REG32(addr) (*(volatile uint32_t *)(uintptr_t)(addr))

/* SysTick (ARMv7-M B3.3) */
#define SYST_CSR   REG32(0xE000E010u)
#define SYST_RVR   REG32(0xE000E014u)
#define SYST_CVR   REG32(0xE000E018u)
#define SYST_CSR_ENABLE    (1u << 0)
#define SYST_CSR_TICKINT   (1u << 1)
#define SYST_CSR_CLKSOURCE (1u << 2) /* 1 = processor clock */
#define SYST_CSR_COUNTFLAG (1u << 16)

/* NVIC (B3.4): 8 registers of 32 interrupts cover the 150 lines of the H7. */
#define NVIC_ISER(n) REG32(0xE000E100u + 4u * (n))
#define NVIC_ICER(n) REG32(0xE000E180u + 4u * (n))
#define NVIC_ISPR(n) REG32(0xE000E200u + 4u * (n))
#define NVIC_ICPR(n) REG32(0xE000E280u + 4u * (n))
#define NVIC_IPR_BYTE(irq) (*(volatile uint8_t *)(uintptr_t)(0xE000E400u + (irq)))
#define NVIC_REG_COUNT 8u

/* System control block (B3.2) */
#define SCB_CPUID  REG32(0xE000ED00u)
#define SCB_ICSR   REG32(0xE000ED04u)
#define SCB_VTOR   REG32(0xE000ED08u)
#define SCB_AIRCR  REG32(0xE000ED0Cu)
#define SCB_SCR    REG32(0xE000ED10u)
#define SCB_CCR    REG32(0xE000ED14u)
#define SCB_SHPR1  REG32(0xE000ED18u)
#define SCB_SHPR2  REG32(0xE000ED1Cu)
#define SCB_SHPR3  REG32(0xE000ED20u)
#define SCB_SHCSR  REG32(0xE000ED24u)
#define SCB_CFSR   REG32(0xE000ED28u)
#define SCB_HFSR   REG32(0xE000ED2Cu)
#define SCB_MMFAR  REG32(0xE000ED34u)
#define SCB_BFAR   REG32(0xE000ED38u)
#define SCB_CPACR  REG32(0xE000ED88u)
#define SCB_ICSR_PENDSTCLR (1u << 25)
#define SCB_ICSR_PENDSVCLR (1u << 27)
#define SCB_CCR_DC (1u << 16)
#define SCB_CCR_IC (1u << 17)
#define SCB_SHCSR_MEMFAULTENA (1u << 16)
#define SCB_SHCSR_BUSFAULTENA (1u << 17)
#define SCB_SHCSR_USGFAULTENA (1u << 18)
#define SCB_CPACR_CP10_CP11_FULL (0xFu << 20)

/* Cache identification and maintenance (B4.8, Cortex-M7 TRM 4.1) */
#define SCB_CCSIDR  REG32(0xE000ED80u)
#define SCB_CSSELR  REG32(0xE000ED84u)
#define SCB_ICIALLU REG32(0xE000EF50u)
#define SCB_ICIMVAU REG32(0xE000EF58u)
#define SCB_DCIMVAC REG32(0xE000EF5Cu)
#define SCB_DCISW   REG32(0xE000EF60u)
#define SCB_DCCMVAU REG32(0xE000EF64u)
#define SCB_DCCMVAC REG32(0xE000EF68u)
#define SCB_DCCSW   REG32(0xE000EF6Cu)
#define SCB_DCCIMVAC REG32(0xE000EF70u)
#define SCB_DCCISW  REG32(0xE000EF74u)
#define SCB_BPIALL  REG32(0xE000EF78u)
#define CM7_CACHE_LINE 32u

/* MPU (B3.5) */
#define MPU_TYPE REG32(0xE000ED90u)
#define MPU_CTRL REG32(0xE000ED94u)
#define MPU_RNR  REG32(0xE000ED98u)
#define MPU_RBAR REG32(0xE000ED9Cu)
#define MPU_RASR REG32(0xE000EDA0u)
#define MPU_CTRL_ENABLE     (1u << 0)
#define MPU_CTRL_PRIVDEFENA (1u << 2)
#define MPU_RASR_ENABLE     (1u << 0)
#define MPU_RASR_SIZE(log2) ((uint32_t)((log2) - 1u) << 1) /* region = 2^log2 bytes */
#define MPU_RASR_B   (1u << 16)
#define MPU_RASR_C   (1u << 17)
#define MPU_RASR_S   (1u << 18)
#define MPU_RASR_TEX(t) ((uint32_t)(t) << 19)
#define MPU_RASR_AP_RW   (3u << 24)
#define MPU_RASR_AP_RO   (6u << 24) /* read-only, privileged and unprivileged */
#define MPU_RASR_XN  (1u << 28)

/* DWT cycle counter (C1.8) and its enable in the debug block (C1.6) */
#define DEMCR      REG32(0xE000EDFCu)
#define DEMCR_TRCENA (1u << 24)
#define DWT_CTRL   REG32(0xE0001000u)
#define DWT_CYCCNT REG32(0xE0001004u)
#define DWT_LAR    REG32(0xE0001FB0u)
#define DWT_CTRL_CYCCNTENA (1u << 0)

static inline void cm7_dsb(void) { __asm__ volatile("dsb 0xF" ::: "memory"); }
static inline void cm7_isb(void) { __asm__ volatile("isb 0xF" ::: "memory"); }
static inline void cm7_irq_disable(void) { __asm__ volatile("cpsid i" ::: "memory"); }
static inline void cm7_irq_enable(void) { __asm__ volatile("cpsie i" ::: "memory"); }
static inline void cm7_wfi(void) { __asm__ volatile("wfi"); }

void cm7_icache_enable(void);
void cm7_icache_disable(void);
void cm7_dcache_enable(void);
void cm7_dcache_clean_disable(void);
void cm7_dcache_clean_range(uintptr_t addr, uint32_t len);
void cm7_dcache_invalidate_range(uintptr_t addr, uint32_t len);
void cm7_icache_invalidate(void);

/* One MPU region: base must be aligned to its size (2^size_log2 bytes, 32 B minimum). */
struct mpu_region {
    uint32_t base;
    uint8_t size_log2;
    uint32_t attr; /* MPU_RASR_* access, TEX/C/B/S and XN bits */
};
void cm7_mpu_configure(const struct mpu_region *regions, unsigned count);

/* Cycle counter used by every bounded wait. */
void cm7_cyccnt_start(void);
static inline uint32_t cm7_cyccnt(void) { return DWT_CYCCNT; }

#endif
