/* OCTOSPI memories of a board: NOR flash (XiP) and HyperRAM (data), each behind one OCTOSPI
 * controller routed to one OCTOSPIM port. Plain C11, read by firmware and simulator. */
#ifndef BOARDS_BOARD_OSPI_H
#define BOARDS_BOARD_OSPI_H
#include "board.h"

#define BOARD_MAX_OSPI_PINS 12

/* Signal order of pins[]: CLK, NCS, DQS (RWDS), IO0..IO7. */
enum board_ospi_signal { OSPI_SIG_CLK, OSPI_SIG_NCS, OSPI_SIG_DQS, OSPI_SIG_IO0 };

struct board_ospi {
    const char *part;       /* parts table name (memories/nor_parts.c) */
    uint8_t instance;       /* OCTOSPI1 or OCTOSPI2 */
    uint8_t port;           /* OCTOSPIM port 1 or 2 the flash is wired to */
    uint8_t prescaler;      /* bus clock = kernel clock / prescaler */
    uint8_t cs_high_cycles;
    uint8_t read_dummy;     /* dummy cycles of the octal DTR read at this clock (CR2[0x300]) */
    uint32_t kernel_hz;     /* rcc_hclk3 (OCTOSPISEL = 00, reset value) */
    uint32_t base, size;    /* memory-mapped window */
    uint8_t pin_count;
    struct board_pin pins[BOARD_MAX_OSPI_PINS];
};

struct board_hyperram {
    const char *part;       /* "S70KL1281" */
    uint8_t instance, port;
    uint8_t prescaler;
    uint8_t cs_high_cycles;
    uint8_t latency_clocks; /* initial latency (CR0[7:4]) for the bus clock */
    uint8_t rwr_clocks;     /* read-write recovery tRWR in bus clocks */
    uint16_t refresh_clocks;/* DCR4.REFRESH: nCS low at most tCSM */
    uint8_t csbound_log2;   /* DCR3.CSBOUND: no burst crosses a die */
    uint32_t kernel_hz;
    uint32_t base, size;
    uint8_t pin_count;
    struct board_pin pins[BOARD_MAX_OSPI_PINS];
};
#endif
