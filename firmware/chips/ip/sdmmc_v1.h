/* SDMMC v1 (STM32F7: RM0385 "SD/SDIO/MMC card host interface", RM0431): the register map
 * and bits the boot uses. Differs from v2 (ip/sdmmc_v2.h) in every control field: CK =
 * SDMMCCLK / (CLKDIV + 2) with an 8-bit CLKDIV, CLKEN and BYPASS bits, WIDBUS at 12:11,
 * HWFC_EN at 14, CPSMEN at bit 10, no CMDTRANS (the DPSM starts on DCTRL.DTEN), no IDMA,
 * a 32-word FIFO and a FIFOCNT register. */
#ifndef CHIPS_IP_SDMMC_V1_H
#define CHIPS_IP_SDMMC_V1_H
#include <stddef.h>
#include <stdint.h>

struct sdmmc_v1_regs {
    volatile uint32_t POWER;   /* 0x00 */
    volatile uint32_t CLKCR;   /* 0x04 */
    volatile uint32_t ARG;     /* 0x08 */
    volatile uint32_t CMD;     /* 0x0C: writing it with CPSMEN sends the command */
    volatile uint32_t RESPCMD; /* 0x10 */
    volatile uint32_t RESP[4]; /* 0x14..0x20: RESP1 holds bits 127:96 of a long response */
    volatile uint32_t DTIMER;  /* 0x24: data timeout in card clock periods */
    volatile uint32_t DLEN;    /* 0x28 */
    volatile uint32_t DCTRL;   /* 0x2C: DTEN starts the DPSM */
    volatile uint32_t DCOUNT;  /* 0x30 */
    volatile uint32_t STA;     /* 0x34 */
    volatile uint32_t ICR;     /* 0x38 */
    volatile uint32_t MASK;    /* 0x3C */
    uint32_t reserved0[2];
    volatile uint32_t FIFOCNT; /* 0x48: words still to be read from (or written to) the FIFO */
    uint32_t reserved1[13];
    volatile uint32_t FIFO;    /* 0x80 (a 32-word window) */
};
_Static_assert(offsetof(struct sdmmc_v1_regs, DCTRL) == 0x2C, "SDMMC v1 DCTRL offset");
_Static_assert(offsetof(struct sdmmc_v1_regs, FIFOCNT) == 0x48, "SDMMC v1 FIFOCNT offset");
_Static_assert(offsetof(struct sdmmc_v1_regs, FIFO) == 0x80, "SDMMC v1 FIFO offset");

#define SDMMC_V1_POWER_OFF 0x0u
#define SDMMC_V1_POWER_ON  0x3u

#define SDMMC_V1_CLKCR_CLKDIV(d)  ((uint32_t)(d) & 0xFFu) /* CK = SDMMCCLK / (CLKDIV + 2) */
#define SDMMC_V1_CLKCR_CLKDIV_MAX 0xFFu
#define SDMMC_V1_CLKCR_CLKEN      (1u << 8)
#define SDMMC_V1_CLKCR_PWRSAV     (1u << 9)
#define SDMMC_V1_CLKCR_BYPASS     (1u << 10) /* CK = SDMMCCLK */
#define SDMMC_V1_CLKCR_WIDBUS_1   (0u << 11)
#define SDMMC_V1_CLKCR_WIDBUS_4   (1u << 11)
#define SDMMC_V1_CLKCR_WIDBUS_MSK (3u << 11)
#define SDMMC_V1_CLKCR_NEGEDGE    (1u << 13)
#define SDMMC_V1_CLKCR_HWFC_EN    (1u << 14)

#define SDMMC_V1_CMD_INDEX(n)       ((uint32_t)(n) & 0x3Fu)
#define SDMMC_V1_CMD_WAITRESP_NONE  (0u << 6)
#define SDMMC_V1_CMD_WAITRESP_SHORT (1u << 6)
#define SDMMC_V1_CMD_WAITRESP_LONG  (3u << 6)
#define SDMMC_V1_CMD_CPSMEN         (1u << 10)

#define SDMMC_V1_DCTRL_DTEN          (1u << 0)
#define SDMMC_V1_DCTRL_DTDIR_READ    (1u << 1) /* card to controller */
#define SDMMC_V1_DCTRL_DTMODE_STREAM (1u << 2)
#define SDMMC_V1_DCTRL_DMAEN         (1u << 3)
#define SDMMC_V1_DCTRL_DBLOCKSIZE(log2) ((uint32_t)(log2) << 4)

#define SDMMC_V1_STA_CCRCFAIL (1u << 0)
#define SDMMC_V1_STA_DCRCFAIL (1u << 1)
#define SDMMC_V1_STA_CTIMEOUT (1u << 2)
#define SDMMC_V1_STA_DTIMEOUT (1u << 3)
#define SDMMC_V1_STA_RXOVERR  (1u << 5)
#define SDMMC_V1_STA_CMDREND  (1u << 6)
#define SDMMC_V1_STA_CMDSENT  (1u << 7)
#define SDMMC_V1_STA_DATAEND  (1u << 8)
#define SDMMC_V1_STA_DBCKEND  (1u << 10)
#define SDMMC_V1_STA_CMDACT   (1u << 11)
#define SDMMC_V1_STA_RXACT    (1u << 13)
#define SDMMC_V1_STA_RXFIFOHF (1u << 15) /* at least 8 words in the receive FIFO */
#define SDMMC_V1_STA_RXFIFOF  (1u << 17)
#define SDMMC_V1_STA_RXFIFOE  (1u << 19)
#define SDMMC_V1_STA_RXDAVL   (1u << 21)
#define SDMMC_V1_ICR_ALL      0x004005FFu /* the static flags: bits 8:0, 10 and 22 */

#define SDMMC_V1_FIFO_HALF_WORDS 8u
#endif
