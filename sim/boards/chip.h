#ifndef SIM_BOARDS_CHIP_H
#define SIM_BOARDS_CHIP_H
#include <stdbool.h>
#include <stddef.h>
#include "core/sim.h"

#define CHIP_MAX_RAMS 8

#define CHIP_MAX_IMAGES 8
#define CHIP_MAX_OPTIONS 16

/* A storage image for one memory (--image NAME=FILE) and a model option (--set KEY=VALUE).
 * Models claim theirs by name; the CLI refuses a name no model of the board claimed. */
struct chip_image {
    const char *name;
    uint8_t *data;
    size_t len;
    bool claimed;
};
struct chip_option {
    const char *key, *value;
    bool claimed;
};

struct chip_images {
    const uint8_t *boot;
    size_t boot_len;
    const uint8_t *qspi;
    size_t qspi_len;
    const char *qspi_part; /* NULL: the part the board declares */
    struct chip_image image[CHIP_MAX_IMAGES];
    unsigned nimage;
    struct chip_option option[CHIP_MAX_OPTIONS];
    unsigned noption;
};

/* The image given for a memory name ("sd", "fmc-nor", "ospi", "spi-nor", ...), or NULL. */
struct chip_image *chip_image(struct chip_images *img, const char *name);
/* The value of a model option, or NULL when not given. */
const char *chip_option(struct chip_images *img, const char *key);

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
    struct fmc_model *fmc;
    struct octospim_model *ospim;    /* OCTOSPI I/O manager (H7A3/H7B0/H7B3, H72x/H73x) */
    struct octospi_model *ospi[2];   /* OCTOSPI1, OCTOSPI2 */
    uint8_t *ospi_storage;
    uint8_t *hyperram_storage;
    struct sdmmc_model *sdmmc;   /* NULL: the board has no SD slot */
    struct sdcard_dev *sdcard;   /* NULL: the slot is empty */
    struct iwdg_model *iwdg;
    struct dma_model *dma;      /* DMA1, DMA2 (and DMAMUX1 on the H7) */
};

int chip_build(struct sim *s, struct chip *c, struct chip_images *img);
/* Per family (chip.c chooses): chip_h7.c, chip_f7.c. */
int chip_build_h7(struct sim *s, struct chip *c, struct chip_images *img);
int chip_build_f7(struct sim *s, struct chip *c, struct chip_images *img);
/* Steps the builders share (chip.c): NVIC/SCB/SysTick/MPU and DWT registers; the internal
 * flash (Value line size) holding the boot, mapped at each of the given addresses; the
 * QUADSPI flash of the board (c->rcc and c->gpio must exist). */
void chip_add_core(struct sim *s);
int chip_load_flash(struct sim *s, struct chip *c, const struct chip_images *img, const uint32_t *bases,
                    unsigned nbases);
int chip_attach_qspi(struct sim *s, struct chip *c, struct chip_images *img);
/* The SD card in the board's slot (--image sd=FILE, --set sd.card/sd.kind/sd.crc-error-read):
 * c->sdcard, NULL for an empty slot; -1 on a bad option or image. Both families use it. */
int chip_sd_card(struct sim *s, struct chip *c, struct chip_images *img);
void chip_finish(struct sim *s, struct chip *c);
void chip_free(struct chip *c);
#endif
