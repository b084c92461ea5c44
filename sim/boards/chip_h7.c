/* STM32H7 as the simulator builds it (memory maps: RM0433 2.3 for H74x/H75x, RM0455 for
 * H7A3/H7B0/H7B3, RM0468 for H72x/H73x): the Value line's
 * internal flash, the RAMs, the system control space and the peripherals the boot uses. */
#include "chip.h"

#include <stdlib.h>
#include <string.h>

#include "periph/h7.h"
#include "devices/spi_nor.h"
#include "periph/fmc.h"
#include "periph/octospi.h"
#include "devices/hyperram.h"
#include "devices/sdcard.h"
#include "periph/iwdg.h"
#include "periph/sdmmc.h"
#include "periph/dma.h"

/* The flash's refusals; a refusal repeated by a polling loop is logged once, then counted. */
static void ospi_log(void *ctx, const char *msg)
{
    static char last[256];
    static unsigned repeats;
    if (strncmp(msg, last, sizeof last - 1u) == 0) {
        repeats++;
        return;
    }
    if (repeats) {
        sim_printf(ctx, "sim: (the line above repeated %u more times)", repeats);
        repeats = 0;
    }
    snprintf(last, sizeof last, "%s", msg);
    sim_printf(ctx, "sim: %s", msg);
}

struct ram_region {
    uint32_t base, size;
};
static const struct ram_region h74x_ram[] = {
    { 0x00000000u, 64u * 1024u },  /* ITCM */
    { 0x20000000u, 128u * 1024u }, /* DTCM */
    { 0x24000000u, 512u * 1024u }, /* AXI SRAM */
    { 0x30000000u, 288u * 1024u }, /* SRAM1, SRAM2, SRAM3 */
    { 0x38000000u, 64u * 1024u },  /* SRAM4 */
    { 0x38800000u, 4u * 1024u },   /* backup SRAM */
};
/* RM0455 2.3: H7A3/H7B0/H7B3 */
static const struct ram_region h7bx_ram[] = {
    { 0x00000000u, 64u * 1024u },   /* ITCM */
    { 0x20000000u, 128u * 1024u },  /* DTCM */
    { 0x24000000u, 1024u * 1024u }, /* AXI SRAM1-3 */
    { 0x30000000u, 128u * 1024u },  /* AHB SRAM1, SRAM2 */
    { 0x38000000u, 32u * 1024u },   /* SRD SRAM */
    { 0x38800000u, 4u * 1024u },    /* backup SRAM */
};
/* RM0468 2.3: H723/H725/H730/H733/H735 with the shared TCM/AXI RAM in its default split
 * (ITCM 64 KiB, AXI 320 KiB: UNCONFIRMED default of TCM_AXI_SHARED) */
static const struct ram_region h73x_ram[] = {
    { 0x00000000u, 64u * 1024u },  /* ITCM */
    { 0x20000000u, 128u * 1024u }, /* DTCM */
    { 0x24000000u, 320u * 1024u }, /* AXI SRAM */
    { 0x30000000u, 32u * 1024u },  /* SRAM1, SRAM2 */
    { 0x38000000u, 16u * 1024u },  /* SRAM4 */
    { 0x38800000u, 4u * 1024u },   /* backup SRAM */
};

/* OCTOSPI memories: the I/O manager, the NOR flash on its controller (image "ospi": the
 * flash content from offset 0; option "ospi-dqs=open": the board's DQS line is not
 * connected; option "ospi-flash-mode=octal-dtr": the flash left in octal DTR), the HyperRAM
 * on its controller. */
static int chip_build_ospi(struct sim *s, struct chip *c, struct chip_images *img)
{
    const struct board_desc *b = s->board;
    c->ospim = calloc(1, sizeof *c->ospim);
    if (c->ospim == NULL) {
        return -1;
    }
    octospim_model_init(s, c->ospim, c->rcc);
    const struct board_hyperram *hr = b->hyperram;
    if (hr) {
        struct octospi_model *m = calloc(1, sizeof *m);
        c->hyperram_storage = calloc(1, hr->size);
        if (m == NULL || c->hyperram_storage == NULL) {
            free(m);
            return -1;
        }
        c->ospi[hr->instance - 1u] = m;
        if (octospi_model_init(s, m, hr->instance, c->ospim, c->rcc, c->gpio, hr->port, hr->pins, hr->pin_count,
                               c->hyperram_storage, hr->size) != 0 ||
            (m->ram = hyperram_create(c->hyperram_storage, hr->size, ospi_log, s, "hyperram")) == NULL) {
            fprintf(stderr, "extmem-sim: HyperRAM '%s' of %u bytes not modelled\n", hr->part, hr->size);
            return -1;
        }
    }
    const struct board_ospi *o = b->ospi;
    if (o == NULL) {
        return 0;
    }
    const struct nor_part *part = nor_part_by_name(o->part);
    struct octospi_model *m = calloc(1, sizeof *m);
    c->ospi_storage = malloc(o->size);
    if (part == NULL || m == NULL || c->ospi_storage == NULL) {
        free(m);
        fprintf(stderr, "extmem-sim: OSPI flash '%s': unknown part or no memory\n", o->part);
        return -1;
    }
    c->ospi[o->instance - 1u] = m;
    memset(c->ospi_storage, 0xFF, o->size);
    struct chip_image *ci = chip_image(img, "ospi");
    if (ci && ci->len > o->size) {
        fprintf(stderr, "extmem-sim: OSPI image of %zu bytes is larger than the %u MiB flash\n", ci->len, o->size >> 20);
        return -1;
    }
    if (ci && ci->len) {
        memcpy(c->ospi_storage, ci->data, ci->len);
    }
    if (octospi_model_init(s, m, o->instance, c->ospim, c->rcc, c->gpio, o->port, o->pins, o->pin_count,
                           c->ospi_storage, o->size) != 0) {
        return -1;
    }
    const char *dqs = chip_option(img, "ospi-dqs");
    if (dqs && strcmp(dqs, "open") != 0 && strcmp(dqs, "connected") != 0) {
        fprintf(stderr, "extmem-sim: --set ospi-dqs=%s: use open or connected\n", dqs);
        return -1;
    }
    m->dqs_open = dqs && strcmp(dqs, "open") == 0;
    m->nor = spi_nor_create(part, c->ospi_storage, 1, 0, ospi_log, s, "ospi flash");
    if (m->nor == NULL) {
        return -1;
    }
    spi_nor_power_on(m->nor, 0);
    /* "ospi-flash-mode=octal-dtr": the MCU was reset but the flash was not (its reset pin
     * does not follow the MCU's): it is still in the octal DTR mode a previous run set, as
     * that run left it (WREN, then CR2[0x000] = DOPI, volatile). */
    const char *mode = chip_option(img, "ospi-flash-mode");
    if (mode && strcmp(mode, "octal-dtr") == 0) {
        uint8_t dopi = 0x02u;
        struct xspi_xfer wren = { .instr = { 1, false }, .instr_bytes = 1, .instruction = 0x06, .clk_hz = 1000000u };
        struct xspi_xfer wcr2 = { .instr = { 1, false }, .instr_bytes = 1, .instruction = 0x72,
                                  .addr = { 1, false }, .addr_bytes = 4, .address = 0,
                                  .data = { 1, false }, .write = true, .buf = &dopi, .len = 1, .clk_hz = 1000000u };
        if (spi_nor_xfer(m->nor, &wren, 0) != 0 || spi_nor_xfer(m->nor, &wcr2, 0) != 0) {
            return -1;
        }
    } else if (mode && strcmp(mode, "spi") != 0) {
        fprintf(stderr, "extmem-sim: --set ospi-flash-mode=%s: use spi (power-on) or octal-dtr\n", mode);
        return -1;
    }
    return 0;
}

/* SD slot: the card (chip.c: chip_sd_card), then the SDMMC1 v2 in front of it. */
static int chip_sd_build(struct sim *s, struct chip *c, struct chip_images *img)
{
    if (chip_sd_card(s, c, img) != 0) {
        return -1;
    }
    c->sdmmc = calloc(1, sizeof *c->sdmmc);
    if (c->sdmmc == NULL) {
        return -1;
    }
    const struct board_sdcard *bsd = s->board->sdcard;
    if (bsd->has_detect) {
        /* The slot's detect switch ties the pin to ground with a card in (active low) or
         * without one (active high); otherwise it is open. */
        bool present = c->sdcard != NULL;
        gpio_model_switch(c->gpio, bsd->detect.port, bsd->detect.pin, present == (bsd->detect_active_low != 0));
    }
    return sdmmc_model_init(s, c->sdmmc, c->rcc, c->gpio, s->board->sdcard, c->sdcard);
}

int chip_build_h7(struct sim *s, struct chip *c, struct chip_images *img)
{
    const struct board_desc *b = s->board;
    memset(c, 0, sizeof *c);
    const struct ram_region *rams;
    unsigned nrams;
    switch (b->family) {
    case FAMILY_STM32H74X: rams = h74x_ram; nrams = sizeof h74x_ram / sizeof h74x_ram[0]; break;
    case FAMILY_STM32H7BX: rams = h7bx_ram; nrams = sizeof h7bx_ram / sizeof h7bx_ram[0]; break;
    case FAMILY_STM32H73X: rams = h73x_ram; nrams = sizeof h73x_ram / sizeof h73x_ram[0]; break;
    default:
        fprintf(stderr, "extmem-sim: %s: chip family not modelled yet\n", b->id);
        return -1;
    }
    const uint32_t flash_at[1] = { 0x08000000u };
    if (chip_load_flash(s, c, img, flash_at, 1) != 0) {
        return -1;
    }
    for (unsigned i = 0; i < nrams; i++) {
        c->ram[i] = calloc(1, rams[i].size);
        if (c->ram[i] == NULL || sim_map_ram(s, rams[i].base, rams[i].size, UC_PROT_ALL, c->ram[i]) != 0) {
            return -1;
        }
    }
    chip_add_core(s);

    c->rcc = calloc(1, sizeof *c->rcc);
    c->gpio = calloc(1, sizeof *c->gpio);
    c->usart = calloc(1, sizeof *c->usart);
    c->qspi = calloc(1, sizeof *c->qspi);
    if (!c->rcc || !c->gpio || !c->usart || !c->qspi) {
        return -1;
    }
    h7_rcc_init(s, c->rcc, b->clock.hse_hz);
    gpio_model_init(s, c->gpio, c->rcc);
    uint32_t usart_base = b->console_usart == 1 ? 0x40011000u : 0x40004800u;
    usart_model_init(s, c->usart, b->console_usart, usart_base, c->rcc, c->gpio, b->console_tx);

    if (chip_attach_qspi(s, c, img) != 0) {
        return -1;
    }
    if ((b->ospi || b->hyperram) && chip_build_ospi(s, c, img) != 0) {
        return -1;
    }
    c->iwdg = calloc(1, sizeof *c->iwdg);
    if (c->iwdg == NULL) {
        return -1;
    }
    iwdg_model_init(s, c->iwdg, 0x58004800u, "IWDG1");
    if (b->sdcard && chip_sd_build(s, c, img) != 0) {
        return -1;
    }
    if (fmc_attach(s, c, img, &fmc_family_h7) != 0 || dma_attach(s, c) != 0) {
        return -1;
    }
    s->nvic.vtor = 0x08000000u; /* BOOT_ADD0 = 0x0800: boot from the internal flash */
    return 0;
}

void chip_finish(struct sim *s, struct chip *c)
{
    if (c->usart) {
        usart_model_flush(s, c->usart);
    }
}

void chip_free(struct chip *c)
{
    free(c->flash);
    for (unsigned i = 0; i < CHIP_MAX_RAMS; i++) {
        free(c->ram[i]);
    }
    free(c->qspi_storage);
    if (c->qspi) {
        for (unsigned d = 0; d < 2; d++) {
            if (c->qspi->die[d]) {
                spi_nor_destroy(c->qspi->die[d]);
            }
        }
    }
    if (c->fmc) {
        fmc_model_free(c->fmc);
        free(c->fmc);
    }
    for (unsigned i = 0; i < 2; i++) {
        if (c->ospi[i]) {
            octospi_model_free(c->ospi[i]);
            free(c->ospi[i]);
        }
    }
    free(c->ospim);
    free(c->ospi_storage);
    free(c->hyperram_storage);
    if (c->sdmmc) {
        free(c->sdmmc->rx);
    }
    free(c->sdmmc);
    sdcard_dev_destroy(c->sdcard);
    free(c->iwdg);
    free(c->dma);
    free(c->rcc);
    free(c->gpio);
    free(c->usart);
    free(c->qspi);
}
