/* The chip of a board: the one place that picks the family's builder, and the steps every
 * family's builder shares (core registers, internal flash, QUADSPI flash). */
#include "chip.h"

#include <stdlib.h>
#include <string.h>

#include "devices/sdcard.h"
#include "periph/h7.h"

uint32_t sim_dwt_read(struct sim *s, uint32_t off);
void sim_dwt_write(struct sim *s, uint32_t off, uint32_t val);

int chip_build(struct sim *s, struct chip *c, struct chip_images *img)
{
    switch (s->board->family) {
    case FAMILY_STM32F7: return chip_build_f7(s, c, img);
    case FAMILY_STM32H74X:
    case FAMILY_STM32H7BX:
    case FAMILY_STM32H73X: return chip_build_h7(s, c, img);
    }
    fprintf(stderr, "extmem-sim: %s: unknown chip family %d\n", s->board->id, (int)s->board->family);
    return -1;
}

static uint32_t scs_rd(struct sim *s, void *self, uint32_t off, unsigned size)
{
    (void)self;
    return sim_scs_read(s, off, size);
}
static void scs_wr(struct sim *s, void *self, uint32_t off, unsigned size, uint32_t v)
{
    (void)self;
    sim_scs_write(s, off, size, v);
}
static uint32_t dwt_rd(struct sim *s, void *self, uint32_t off, unsigned size)
{
    (void)self;
    (void)size;
    return sim_dwt_read(s, off);
}
static void dwt_wr(struct sim *s, void *self, uint32_t off, unsigned size, uint32_t v)
{
    (void)self;
    (void)size;
    sim_dwt_write(s, off, v);
}

void chip_add_core(struct sim *s)
{
    struct periph scs = { "SCS", 0xE000E000u, 0x1000u, scs_rd, scs_wr, NULL };
    struct periph dwt = { "DWT", 0xE0001000u, 0x1000u, dwt_rd, dwt_wr, NULL };
    sim_add_periph(s, &scs);
    sim_add_periph(s, &dwt);
}

int chip_load_flash(struct sim *s, struct chip *c, const struct chip_images *img, const uint32_t *bases,
                    unsigned nbases)
{
    const struct board_desc *b = s->board;
    /* Only the Value line device's size, so a boot that does not fit fails. */
    c->flash_size = b->vl_flash_size;
    c->flash = malloc(c->flash_size);
    if (c->flash == NULL) {
        return -1;
    }
    memset(c->flash, 0xFF, c->flash_size);
    if (img->boot_len > c->flash_size) {
        fprintf(stderr, "extmem-sim: boot image of %zu bytes does not fit the %u KiB internal flash of the %s\n",
                img->boot_len, c->flash_size / 1024u, b->value_line);
        return -1;
    }
    memcpy(c->flash, img->boot, img->boot_len);
    for (unsigned i = 0; i < nbases; i++) {
        if (sim_map_ram(s, bases[i], c->flash_size, UC_PROT_READ | UC_PROT_EXEC, c->flash) != 0) {
            return -1;
        }
    }
    return 0;
}

int chip_attach_qspi(struct sim *s, struct chip *c, struct chip_images *img)
{
    const struct board_desc *b = s->board;
    if (b->qspi.size == 0u) {
        return 0;
    }
    c->qspi_size = b->qspi.size;
    c->qspi_storage = malloc(c->qspi_size);
    if (c->qspi_storage == NULL) {
        return -1;
    }
    memset(c->qspi_storage, 0xFF, c->qspi_size);
    if (img->qspi_len > c->qspi_size) {
        fprintf(stderr, "extmem-sim: QSPI image of %zu bytes is larger than the %u MiB flash\n", img->qspi_len,
                c->qspi_size >> 20);
        return -1;
    }
    if (img->qspi_len) {
        memcpy(c->qspi_storage, img->qspi, img->qspi_len);
    }
    return quadspi_model_init(s, c->qspi, c->rcc, c->gpio, &b->qspi, c->qspi_storage, c->qspi_size,
                              img->qspi_part);
}

static void sd_log(void *ctx, const char *msg)
{
    sim_printf(ctx, "sim: %s", msg);
}

/* SD slot: --image sd=FILE puts a card holding FILE in it; --set sd.card=absent empties it;
 * --set sd.kind=sdsc makes it a standard-capacity card (default SDHC); --set sd.crc-error-read=N
 * gives the N-th block read a data CRC error. */
int chip_sd_card(struct sim *s, struct chip *c, struct chip_images *img)
{
    struct chip_image *card = chip_image(img, "sd");
    const char *presence = chip_option(img, "sd.card");
    const char *kind = chip_option(img, "sd.kind");
    const char *crc_read = chip_option(img, "sd.crc-error-read");
    if (presence && strcmp(presence, "absent") != 0 && strcmp(presence, "present") != 0) {
        fprintf(stderr, "extmem-sim: --set sd.card takes present or absent\n");
        return -1;
    }
    if (kind && strcmp(kind, "sdhc") != 0 && strcmp(kind, "sdsc") != 0) {
        fprintf(stderr, "extmem-sim: --set sd.kind takes sdhc or sdsc\n");
        return -1;
    }
    if (card && !(presence && strcmp(presence, "absent") == 0)) {
        enum sdcard_kind k = kind && strcmp(kind, "sdsc") == 0 ? SDCARD_SDSC : SDCARD_SDHC;
        c->sdcard = sdcard_dev_create(card->data, card->len, k, sd_log, s);
        if (c->sdcard == NULL) {
            return -1;
        }
        if (crc_read) {
            sdcard_dev_inject_crc_error(c->sdcard, (unsigned)strtoul(crc_read, NULL, 0));
        }
        if (sdcard_dev_blocks(c->sdcard) == 0u) {
            fprintf(stderr, "extmem-sim: SD card image of %zu bytes is smaller than one capacity unit (512 KiB)\n",
                    card->len);
            return -1;
        }
    }
    return 0;
}
