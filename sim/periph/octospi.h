/* OCTOSPI controllers and the OCTOSPIM I/O manager of the H7A3/H7B0/H7B3 and H72x/H73x
 * (RM0455 22-23, RM0468 24-25) in front of the board's octal NOR flash (devices/spi_nor)
 * and HyperRAM (devices/hyperram). */
#ifndef SIM_PERIPH_OCTOSPI_H
#define SIM_PERIPH_OCTOSPI_H
#include "h7.h"
#include "boards/board_ospi.h"
#include "xspi_fifo.h"

struct spi_nor;
struct hyperram;
struct octospi_model;

struct octospim_model {
    struct h7_rcc *rcc;
    uint32_t cr, pcr[2];
    struct octospi_model *ctl[2];
};

struct octospi_model {
    unsigned index;          /* 1 or 2 */
    uint32_t window;         /* memory-mapped window base */
    struct h7_rcc *rcc;
    struct gpio_model *gpio;
    struct octospim_model *om;
    unsigned port;           /* OCTOSPIM port the board wires the memory to */
    const struct board_pin *pins;
    unsigned pin_count;
    bool dqs_open;           /* --set ospi-dqs=open: the DQS line is not connected */
    struct spi_nor *nor;
    struct hyperram *ram;
    uint8_t *storage;
    uint32_t storage_size;
    uint8_t *swapped;        /* storage seen through 8-line DTR with the wrong byte order */
    uint32_t cr, dcr1, dcr2, dcr3, dcr4, sr, dlr, ar, psmkr, psmar, pir, ccr, tcr, ir, abr, lptr;
    uint32_t wccr, wtcr, wir, wabr, hlcr;
    uint8_t wbuf[512];
    uint8_t *rx;
    uint32_t rx_cap;
    struct xspi_fifo xf;     /* indirect transfer in progress (periph/xspi_fifo.h) */
    bool polling;
    uint64_t next_poll_ps;
    bool mapped;
    char mmap_why[300];
    char last_why[300];      /* last signal-path refusal logged */
};

/* The I/O manager, then each controller with the memory the board wires to it. */
void octospim_model_init(struct sim *s, struct octospim_model *om, struct h7_rcc *rcc);
int octospi_model_init(struct sim *s, struct octospi_model *o, unsigned index, struct octospim_model *om,
                       struct h7_rcc *rcc, struct gpio_model *gpio, unsigned port, const struct board_pin *pins,
                       unsigned pin_count, uint8_t *storage, uint32_t storage_size);
void octospi_model_free(struct octospi_model *o);
#endif
