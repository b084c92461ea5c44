/* QUADSPI (STM32F7 and STM32H74x/H75x: RM0433 23.5, RM0431 13.5; same register map). */
#ifndef CHIPS_IP_QUADSPI_V1_H
#define CHIPS_IP_QUADSPI_V1_H
#include <stddef.h>
#include <stdint.h>

struct quadspi_regs {
    volatile uint32_t CR;    /* 0x00 */
    volatile uint32_t DCR;   /* 0x04 */
    volatile uint32_t SR;    /* 0x08 */
    volatile uint32_t FCR;   /* 0x0C */
    volatile uint32_t DLR;   /* 0x10: bytes - 1 */
    volatile uint32_t CCR;   /* 0x14: writing it may start a transfer */
    volatile uint32_t AR;    /* 0x18 */
    volatile uint32_t ABR;   /* 0x1C */
    volatile uint32_t DR;    /* 0x20 */
    volatile uint32_t PSMKR; /* 0x24 */
    volatile uint32_t PSMAR; /* 0x28 */
    volatile uint32_t PIR;   /* 0x2C */
    volatile uint32_t LPTR;  /* 0x30 */
};
_Static_assert(offsetof(struct quadspi_regs, LPTR) == 0x30, "QUADSPI LPTR offset");

#define QSPI_CR_EN        (1u << 0)
#define QSPI_CR_ABORT     (1u << 1)
#define QSPI_CR_TCEN      (1u << 3)
#define QSPI_CR_SSHIFT    (1u << 4)
#define QSPI_CR_DFM       (1u << 6)
#define QSPI_CR_FSEL      (1u << 7)
#define QSPI_CR_FTHRES(n) ((uint32_t)((n) - 1u) << 8)
#define QSPI_CR_APMS      (1u << 22)
#define QSPI_CR_PMM       (1u << 23)
#define QSPI_CR_PRESCALER(div) ((uint32_t)((div) - 1u) << 24)

#define QSPI_DCR_CSHT(cycles) ((uint32_t)((cycles) - 1u) << 8)
#define QSPI_DCR_FSIZE(log2bytes) ((uint32_t)((log2bytes) - 1u) << 16)

#define QSPI_SR_TEF  (1u << 0)
#define QSPI_SR_TCF  (1u << 1)
#define QSPI_SR_FTF  (1u << 2)
#define QSPI_SR_SMF  (1u << 3)
#define QSPI_SR_TOF  (1u << 4)
#define QSPI_SR_BUSY (1u << 5)
#define QSPI_SR_FLEVEL(sr) (((sr) >> 8) & 0x3Fu)
#define QSPI_FCR_ALL 0x1Bu

/* CCR fields; line encodings: 0 none, 1 one line, 2 two lines, 3 four lines. */
#define QSPI_CCR_INSTRUCTION(op) ((uint32_t)(op) & 0xFFu)
#define QSPI_CCR_IMODE(m)  ((uint32_t)(m) << 8)
#define QSPI_CCR_ADMODE(m) ((uint32_t)(m) << 10)
#define QSPI_CCR_ADSIZE(bytes) ((uint32_t)((bytes) - 1u) << 12)
#define QSPI_CCR_ABMODE(m) ((uint32_t)(m) << 14)
#define QSPI_CCR_DCYC(n)   ((uint32_t)(n) << 18)
#define QSPI_CCR_DMODE(m)  ((uint32_t)(m) << 24)
#define QSPI_CCR_FMODE(m)  ((uint32_t)(m) << 26)
#define QSPI_CCR_SIOO      (1u << 28)
#define QSPI_CCR_DDRM      (1u << 31)
enum qspi_lines { QSPI_LINES_NONE = 0, QSPI_LINES_1 = 1, QSPI_LINES_2 = 2, QSPI_LINES_4 = 3 };
enum qspi_fmode { QSPI_FMODE_WRITE = 0, QSPI_FMODE_READ = 1, QSPI_FMODE_POLL = 2, QSPI_FMODE_MMAP = 3 };
#endif
