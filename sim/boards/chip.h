#ifndef SIM_BOARDS_CHIP_H
#define SIM_BOARDS_CHIP_H
#include <stddef.h>
#include "core/sim.h"

#define CHIP_MAX_RAMS 8

struct chip_images {
    const uint8_t *boot;
    size_t boot_len;
    const uint8_t *qspi;
    size_t qspi_len;
    const char *qspi_part; /* NULL: the part the board declares */
};

struct chip {
    uint8_t *flash;
    uint32_t flash_size;
    uint8_t *ram[CHIP_MAX_RAMS];
    uint8_t *qspi_storage;
    uint32_t qspi_size;
    struct h7_rcc *rcc;
    struct gpio_model *gpio;
    struct usart_model *usart;
    struct quadspi_model *qspi;
};

int chip_build(struct sim *s, struct chip *c, const struct chip_images *img);
void chip_finish(struct sim *s, struct chip *c);
void chip_free(struct chip *c);
#endif
