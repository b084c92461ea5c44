/* SDMMC v2 (STM32H7: RM0433 55.10, RM0455, RM0468; register map and bits from the facts
 * sheet reference/fmc-sd-stm32.md 5.3, checked against CMSIS-H7 offsets). */
#ifndef CHIPS_IP_SDMMC_V2_H
#define CHIPS_IP_SDMMC_V2_H
#include <stddef.h>
#include <stdint.h>

struct sdmmc_regs {
    volatile uint32_t POWER;     /* 0x00 */
    volatile uint32_t CLKCR;     /* 0x04 */
    volatile uint32_t ARG;       /* 0x08 */
    volatile uint32_t CMD;       /* 0x0C: writing it with CPSMEN sends the command */
    volatile uint32_t RESPCMD;   /* 0x10 */
    volatile uint32_t RESP[4];   /* 0x14..0x20: RESP1 holds bits 127:96 of a long response */
    volatile uint32_t DTIMER;    /* 0x24: data timeout in card clock periods */
    volatile uint32_t DLEN;      /* 0x28 */
    volatile uint32_t DCTRL;     /* 0x2C */
    volatile uint32_t DCOUNT;    /* 0x30 */
    volatile uint32_t STA;       /* 0x34 */
    volatile uint32_t ICR;       /* 0x38 */
    volatile uint32_t MASK;      /* 0x3C */
    volatile uint32_t ACKTIME;   /* 0x40 */
    uint32_t reserved0[3];
    volatile uint32_t IDMACTRL;  /* 0x50 */
    volatile uint32_t IDMABSIZE; /* 0x54 */
    volatile uint32_t IDMABASE0; /* 0x58 */
    volatile uint32_t IDMABASE1; /* 0x5C */
    uint32_t reserved1[8];
    volatile uint32_t FIFO;      /* 0x80 (a 64-byte window) */
};
_Static_assert(offsetof(struct sdmmc_regs, DCTRL) == 0x2C, "SDMMC DCTRL offset");
_Static_assert(offsetof(struct sdmmc_regs, IDMACTRL) == 0x50, "SDMMC IDMACTRL offset");
_Static_assert(offsetof(struct sdmmc_regs, FIFO) == 0x80, "SDMMC FIFO offset");

#define SDMMC_POWER_PWRCTRL_OFF   0x0u
#define SDMMC_POWER_PWRCTRL_CYCLE 0x2u
#define SDMMC_POWER_PWRCTRL_ON    0x3u
#define SDMMC_POWER_PWRCTRL_MSK   0x3u

#define SDMMC_CLKCR_CLKDIV(d)   ((uint32_t)(d) & 0x3FFu) /* CK = ker / (2 x CLKDIV), 0: ker */
#define SDMMC_CLKCR_CLKDIV_MSK  0x3FFu
#define SDMMC_CLKCR_PWRSAV      (1u << 12)
#define SDMMC_CLKCR_WIDBUS_1    (0u << 14)
#define SDMMC_CLKCR_WIDBUS_4    (1u << 14)
#define SDMMC_CLKCR_WIDBUS_8    (2u << 14)
#define SDMMC_CLKCR_WIDBUS_MSK  (3u << 14)
#define SDMMC_CLKCR_HWFC_EN     (1u << 17)
#define SDMMC_CLKCR_BUSSPEED    (1u << 19)

#define SDMMC_CMD_CMDINDEX(n)   ((uint32_t)(n) & 0x3Fu)
#define SDMMC_CMD_CMDTRANS      (1u << 6)
#define SDMMC_CMD_CMDSTOP       (1u << 7)
#define SDMMC_CMD_WAITRESP_NONE  (0u << 8)
#define SDMMC_CMD_WAITRESP_SHORT (1u << 8)
#define SDMMC_CMD_WAITRESP_NOCRC (2u << 8) /* short response without CRC (R3) */
#define SDMMC_CMD_WAITRESP_LONG  (3u << 8)
#define SDMMC_CMD_CPSMEN        (1u << 12)

#define SDMMC_DCTRL_DTEN        (1u << 0)
#define SDMMC_DCTRL_DTDIR_READ  (1u << 1)
#define SDMMC_DCTRL_DTMODE_BLOCK (0u << 2)
#define SDMMC_DCTRL_DBLOCKSIZE(log2) ((uint32_t)(log2) << 4)
#define SDMMC_DCTRL_FIFORST     (1u << 13)

#define SDMMC_STA_CCRCFAIL  (1u << 0)
#define SDMMC_STA_DCRCFAIL  (1u << 1)
#define SDMMC_STA_CTIMEOUT  (1u << 2)
#define SDMMC_STA_DTIMEOUT  (1u << 3)
#define SDMMC_STA_TXUNDERR  (1u << 4)
#define SDMMC_STA_RXOVERR   (1u << 5)
#define SDMMC_STA_CMDREND   (1u << 6)
#define SDMMC_STA_CMDSENT   (1u << 7)
#define SDMMC_STA_DATAEND   (1u << 8)
#define SDMMC_STA_DBCKEND   (1u << 10)
#define SDMMC_STA_DPSMACT   (1u << 12)
#define SDMMC_STA_CPSMACT   (1u << 13)
#define SDMMC_STA_RXFIFOHF  (1u << 15)
#define SDMMC_STA_RXFIFOE   (1u << 19)
#define SDMMC_STA_BUSYD0    (1u << 20)
#define SDMMC_STA_BUSYD0END (1u << 21)
#define SDMMC_STA_IDMATE    (1u << 27)
#define SDMMC_ICR_ALL       0x1FE00FFFu /* every clearable flag: bits 11:0 and 28:21 */

#define SDMMC_FIFO_HALF_WORDS 8u /* RXFIFOHF: at least 8 words (32 bytes) to read */
#endif
