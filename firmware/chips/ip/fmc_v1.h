/* FMC (STM32F7 RM0385/RM0431 13, STM32H7 RM0433/RM0455 22; the same block, offsets identical
 * on both; H7 adds BCR1.FMCEN and BCR1.BMAP, F7 has SDSR.BUSY). Reference: reference
 * manual FMC register sections, RM0399 23.7.6 and 23.9.5 as transcribed in the facts sheet. */
#ifndef CHIPS_IP_FMC_V1_H
#define CHIPS_IP_FMC_V1_H
#include <stddef.h>
#include <stdint.h>

struct fmc_regs {
    struct {
        volatile uint32_t BCR;   /* 0x00 + 8n */
        volatile uint32_t BTR;   /* 0x04 + 8n */
    } bank1[4];
    uint32_t reserved0[(0x104u - 0x20u) / 4u];
    struct {
        volatile uint32_t BWTR;  /* 0x104 + 8n */
        uint32_t reserved;
    } bwtr[4];
    uint32_t reserved1[(0x140u - 0x124u) / 4u];
    volatile uint32_t SDCR[2];   /* 0x140 */
    volatile uint32_t SDTR[2];   /* 0x148 */
    volatile uint32_t SDCMR;     /* 0x150 */
    volatile uint32_t SDRTR;     /* 0x154 */
    volatile uint32_t SDSR;      /* 0x158 */
};
_Static_assert(offsetof(struct fmc_regs, bwtr) == 0x104, "FMC BWTR1 offset");
_Static_assert(offsetof(struct fmc_regs, SDCR) == 0x140, "FMC SDCR1 offset");
_Static_assert(offsetof(struct fmc_regs, SDSR) == 0x158, "FMC SDSR offset");

/* BCRx */
#define FMC_BCR_MBKEN      (1u << 0)
#define FMC_BCR_MUXEN      (1u << 1)
#define FMC_BCR_MTYP(n)    ((uint32_t)(n) << 2)   /* 0 SRAM, 1 PSRAM, 2 NOR */
#define FMC_BCR_MTYP_MSK   (3u << 2)
#define FMC_BCR_MTYP_SRAM  0u
#define FMC_BCR_MTYP_PSRAM 1u
#define FMC_BCR_MTYP_NOR   2u
#define FMC_BCR_MWID(n)    ((uint32_t)(n) << 4)   /* 0 8-bit, 1 16-bit, 2 32-bit */
#define FMC_BCR_MWID_MSK   (3u << 4)
#define FMC_BCR_FACCEN     (1u << 6)
#define FMC_BCR_BURSTEN    (1u << 8)
#define FMC_BCR_WAITCFG    (1u << 11)
#define FMC_BCR_WREN       (1u << 12)
#define FMC_BCR_WAITEN     (1u << 13)
#define FMC_BCR_EXTMOD     (1u << 14)
#define FMC_BCR_ASYNCWAIT  (1u << 15)
#define FMC_BCR_CPSIZE_MSK (7u << 16)
#define FMC_BCR_CBURSTRW   (1u << 19)
#define FMC_BCR1_CCLKEN    (1u << 20)
#define FMC_BCR1_WFDIS     (1u << 21)
#define FMC_BCR1_BMAP_MSK  (3u << 24)             /* H7 only */
#define FMC_BCR1_FMCEN     (1u << 31)             /* H7 only */

/* BTRx / BWTRx */
#define FMC_BTR_ADDSET(n)  ((uint32_t)(n) << 0)
#define FMC_BTR_ADDHLD(n)  ((uint32_t)(n) << 4)
#define FMC_BTR_DATAST(n)  ((uint32_t)(n) << 8)
#define FMC_BTR_BUSTURN(n) ((uint32_t)(n) << 16)
#define FMC_BTR_CLKDIV(n)  ((uint32_t)(n) << 20)
#define FMC_BTR_DATLAT(n)  ((uint32_t)(n) << 24)
#define FMC_BTR_ACCMOD(n)  ((uint32_t)(n) << 28)

/* SDCRx */
#define FMC_SDCR_NC(bits)    ((uint32_t)((bits) - 8u) << 0)   /* 8..11 column bits */
#define FMC_SDCR_NR(bits)    ((uint32_t)((bits) - 11u) << 2)  /* 11..13 row bits */
#define FMC_SDCR_MWID(bits)  ((uint32_t)((bits) == 32u ? 2u : (bits) == 16u ? 1u : 0u) << 4)
#define FMC_SDCR_NB4         (1u << 6)
#define FMC_SDCR_CAS(n)      ((uint32_t)(n) << 7)
#define FMC_SDCR_WP          (1u << 9)
#define FMC_SDCR_SDCLK(div)  ((uint32_t)(div) << 10)          /* 2 or 3 x kernel period; SDCR1 only */
#define FMC_SDCR_SDCLK_MSK   (3u << 10)
#define FMC_SDCR_RBURST      (1u << 12)
#define FMC_SDCR_RPIPE(n)    ((uint32_t)(n) << 13)
#define FMC_SDCR_SHARED_MSK  (FMC_SDCR_SDCLK_MSK | FMC_SDCR_RBURST | (3u << 13))

/* SDTRx: each field holds cycles - 1 */
#define FMC_SDTR(tmrd, txsr, tras, trc, twr, trp, trcd)                                            \
    ((uint32_t)((tmrd) - 1u) | ((uint32_t)((txsr) - 1u) << 4) | ((uint32_t)((tras) - 1u) << 8) |   \
     ((uint32_t)((trc) - 1u) << 12) | ((uint32_t)((twr) - 1u) << 16) | ((uint32_t)((trp) - 1u) << 20) | \
     ((uint32_t)((trcd) - 1u) << 24))

/* SDCMR */
#define FMC_SDCMR_MODE_NORMAL    0u
#define FMC_SDCMR_MODE_CLK       1u
#define FMC_SDCMR_MODE_PALL      2u
#define FMC_SDCMR_MODE_AUTOREF   3u
#define FMC_SDCMR_MODE_LMR       4u
#define FMC_SDCMR_MODE_SELFREF   5u
#define FMC_SDCMR_MODE_POWERDOWN 6u
#define FMC_SDCMR_CTB2           (1u << 3)
#define FMC_SDCMR_CTB1           (1u << 4)
#define FMC_SDCMR_NRFS(n)        ((uint32_t)((n) - 1u) << 5)
#define FMC_SDCMR_MRD(v)         ((uint32_t)(v) << 9)          /* 13 bits [21:9] (CMSIS) */

/* SDRTR */
#define FMC_SDRTR_CRE      (1u << 0)
#define FMC_SDRTR_COUNT(n) ((uint32_t)(n) << 1)

/* SDSR */
#define FMC_SDSR_MODES1_MSK (3u << 1)
#define FMC_SDSR_MODES2_MSK (3u << 3)
#define FMC_SDSR_BUSY       (1u << 5)             /* F7 only */

/* JEDEC SDR mode register */
#define SDRAM_MR_BL1          0x0u
#define SDRAM_MR_CAS(n)       ((uint32_t)(n) << 4)
#define SDRAM_MR_SINGLE_WRITE (1u << 9)
#endif
