/* OCTOSPI and its I/O manager (RM0455 22-23 for H7A3/H7B0/H7B3, RM0468 24-25 for H72x/H73x;
 * register map and fields as in the facts sheet nor-flash-parts.md section 13). */
#ifndef CHIPS_IP_OCTOSPI_V1_H
#define CHIPS_IP_OCTOSPI_V1_H
#include <stddef.h>
#include <stdint.h>

struct octospi_regs {
    volatile uint32_t CR;        /* 0x000 */
    uint32_t r004;
    volatile uint32_t DCR1;      /* 0x008 */
    volatile uint32_t DCR2;      /* 0x00C */
    volatile uint32_t DCR3;      /* 0x010 */
    volatile uint32_t DCR4;      /* 0x014 */
    uint32_t r018[2];
    volatile uint32_t SR;        /* 0x020 */
    volatile uint32_t FCR;       /* 0x024 */
    uint32_t r028[6];
    volatile uint32_t DLR;       /* 0x040: bytes - 1 */
    uint32_t r044;
    volatile uint32_t AR;        /* 0x048 */
    uint32_t r04c;
    volatile uint32_t DR;        /* 0x050 */
    uint32_t r054[11];
    volatile uint32_t PSMKR;     /* 0x080 */
    uint32_t r084;
    volatile uint32_t PSMAR;     /* 0x088 */
    uint32_t r08c;
    volatile uint32_t PIR;       /* 0x090 */
    uint32_t r094[27];
    volatile uint32_t CCR;       /* 0x100 */
    uint32_t r104;
    volatile uint32_t TCR;       /* 0x108 */
    uint32_t r10c;
    volatile uint32_t IR;        /* 0x110 */
    uint32_t r114[3];
    volatile uint32_t ABR;       /* 0x120 */
    uint32_t r124[3];
    volatile uint32_t LPTR;      /* 0x130 */
    uint32_t r134[19];
    volatile uint32_t WCCR;      /* 0x180 */
    uint32_t r184;
    volatile uint32_t WTCR;      /* 0x188 */
    uint32_t r18c;
    volatile uint32_t WIR;       /* 0x190 */
    uint32_t r194[3];
    volatile uint32_t WABR;      /* 0x1A0 */
    uint32_t r1a4[23];
    volatile uint32_t HLCR;      /* 0x200 */
};
_Static_assert(offsetof(struct octospi_regs, DLR) == 0x040, "OCTOSPI DLR offset");
_Static_assert(offsetof(struct octospi_regs, PIR) == 0x090, "OCTOSPI PIR offset");
_Static_assert(offsetof(struct octospi_regs, CCR) == 0x100, "OCTOSPI CCR offset");
_Static_assert(offsetof(struct octospi_regs, LPTR) == 0x130, "OCTOSPI LPTR offset");
_Static_assert(offsetof(struct octospi_regs, WCCR) == 0x180, "OCTOSPI WCCR offset");
_Static_assert(offsetof(struct octospi_regs, WABR) == 0x1A0, "OCTOSPI WABR offset");
_Static_assert(offsetof(struct octospi_regs, HLCR) == 0x200, "OCTOSPI HLCR offset");

#define OSPI_CR_EN        (1u << 0)
#define OSPI_CR_ABORT     (1u << 1)
#define OSPI_CR_TCEN      (1u << 3)
#define OSPI_CR_FTHRES(n) ((uint32_t)((n) - 1u) << 8)
#define OSPI_CR_APMS      (1u << 22)
#define OSPI_CR_PMM       (1u << 23)
#define OSPI_CR_FMODE(m)  ((uint32_t)(m) << 28)
#define OSPI_CR_FMODE_MSK (3u << 28)
enum ospi_fmode { OSPI_FMODE_WRITE = 0, OSPI_FMODE_READ = 1, OSPI_FMODE_POLL = 2, OSPI_FMODE_MMAP = 3 };

#define OSPI_DCR1_CKMODE  (1u << 0)
#define OSPI_DCR1_FRCK    (1u << 1)
#define OSPI_DCR1_DLYBYP  (1u << 3)
#define OSPI_DCR1_CSHT(cycles) ((uint32_t)((cycles) - 1u) << 8)
#define OSPI_DCR1_DEVSIZE(log2bytes) ((uint32_t)((log2bytes) - 1u) << 16)
#define OSPI_DCR1_MTYP(t) ((uint32_t)(t) << 24)
/* Memory type: byte order of 8-line DTR data, and HyperBus framing. */
enum ospi_mtyp { OSPI_MTYP_MICRON = 0, OSPI_MTYP_MACRONIX = 1, OSPI_MTYP_STANDARD = 2,
                 OSPI_MTYP_MACRONIX_RAM = 3, OSPI_MTYP_HYPERBUS_MEM = 4, OSPI_MTYP_HYPERBUS_REG = 5 };
#define OSPI_DCR2_PRESCALER(div) ((uint32_t)((div) - 1u) & 0xFFu)
#define OSPI_DCR3_CSBOUND(log2) ((uint32_t)(log2) << 16)
#define OSPI_DCR4_REFRESH(cycles) ((uint32_t)(cycles))

#define OSPI_SR_TEF  (1u << 0)
#define OSPI_SR_TCF  (1u << 1)
#define OSPI_SR_FTF  (1u << 2)
#define OSPI_SR_SMF  (1u << 3)
#define OSPI_SR_TOF  (1u << 4)
#define OSPI_SR_BUSY (1u << 5)
#define OSPI_SR_FLEVEL(sr) (((sr) >> 8) & 0x3Fu)
#define OSPI_FCR_ALL 0x1Bu
#define OSPI_FIFO_BYTES 32u

/* CCR/WCCR: line codes 0 none, 1 one, 2 two, 3 four, 4 eight lines; sizes in bytes - 1. */
#define OSPI_CCR_IMODE(m)   ((uint32_t)(m) << 0)
#define OSPI_CCR_IDTR       (1u << 3)
#define OSPI_CCR_ISIZE(b)   ((uint32_t)((b) - 1u) << 4)
#define OSPI_CCR_ADMODE(m)  ((uint32_t)(m) << 8)
#define OSPI_CCR_ADDTR      (1u << 11)
#define OSPI_CCR_ADSIZE(b)  ((uint32_t)((b) - 1u) << 12)
#define OSPI_CCR_ABMODE(m)  ((uint32_t)(m) << 16)
#define OSPI_CCR_DMODE(m)   ((uint32_t)(m) << 24)
#define OSPI_CCR_DDTR       (1u << 27)
#define OSPI_CCR_DQSE       (1u << 29)
#define OSPI_CCR_SIOO       (1u << 31)
#define OSPI_TCR_DCYC(n)    ((uint32_t)(n) & 0x1Fu)
#define OSPI_TCR_DHQC       (1u << 28)
#define OSPI_TCR_SSHIFT     (1u << 30)

#define OSPI_HLCR_LM        (1u << 0)
#define OSPI_HLCR_WZL       (1u << 1)
#define OSPI_HLCR_TACC(n)   ((uint32_t)(n) << 8)
#define OSPI_HLCR_TRWR(n)   ((uint32_t)(n) << 16)

/* I/O manager: which controller drives each port's clock, DQS, chip select and IO[3:0],
 * IO[7:4] (RM0455 23.4). */
struct octospim_regs {
    volatile uint32_t CR;     /* 0x00 */
    volatile uint32_t PCR[2]; /* 0x04, 0x08: port 1, port 2 */
};
_Static_assert(offsetof(struct octospim_regs, PCR) == 0x04, "OCTOSPIM PCR offset");
#define OSPIM_CR_MUXEN        (1u << 0)
#define OSPIM_PCR_CLKEN       (1u << 0)
#define OSPIM_PCR_CLKSRC      (1u << 1)
#define OSPIM_PCR_DQSEN       (1u << 4)
#define OSPIM_PCR_DQSSRC      (1u << 5)
#define OSPIM_PCR_NCSEN       (1u << 8)
#define OSPIM_PCR_NCSSRC      (1u << 9)
#define OSPIM_PCR_IOLEN       (1u << 16)
#define OSPIM_PCR_IOLSRC(v)   ((uint32_t)(v) << 17) /* 00 Port1 IO[3:0] 01 IO[7:4] of instance 1; 10/11 instance 2 */
#define OSPIM_PCR_IOHEN       (1u << 24)
#define OSPIM_PCR_IOHSRC(v)   ((uint32_t)(v) << 25)
#endif
