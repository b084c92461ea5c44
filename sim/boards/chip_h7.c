/* STM32H74x/H75x as the simulator builds it (RM0433 memory map, 2.3): the Value line's
 * internal flash, the RAMs, the system control space and the peripherals the boot uses. */
#include "chip.h"

#include <stdlib.h>
#include <string.h>

#include "periph/h7.h"
#include "devices/spi_nor.h"
#include "periph/fmc.h"

uint32_t sim_dwt_read(struct sim *s, uint32_t off);
void sim_dwt_write(struct sim *s, uint32_t off, uint32_t val);

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

int chip_build_h7(struct sim *s, struct chip *c, struct chip_images *img)
{
    const struct board_desc *b = s->board;
    memset(c, 0, sizeof *c);
    if (b->family != FAMILY_STM32H74X) {
        fprintf(stderr, "extmem-sim: %s: chip family not modelled yet\n", b->id);
        return -1;
    }
    /* Internal flash: only the Value line device's size, so a boot that does not fit fails. */
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
    if (sim_map_ram(s, 0x08000000u, c->flash_size, UC_PROT_READ | UC_PROT_EXEC, c->flash) != 0) {
        return -1;
    }
    for (unsigned i = 0; i < sizeof h74x_ram / sizeof h74x_ram[0]; i++) {
        c->ram[i] = calloc(1, h74x_ram[i].size);
        if (c->ram[i] == NULL || sim_map_ram(s, h74x_ram[i].base, h74x_ram[i].size, UC_PROT_ALL, c->ram[i]) != 0) {
            return -1;
        }
    }
    struct periph scs = { "SCS", 0xE000E000u, 0x1000u, scs_rd, scs_wr, NULL };
    struct periph dwt = { "DWT", 0xE0001000u, 0x1000u, dwt_rd, dwt_wr, NULL };
    sim_add_periph(s, &scs);
    sim_add_periph(s, &dwt);

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

    if (b->qspi.size) {
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
        if (quadspi_model_init(s, c->qspi, c->rcc, c->gpio, &b->qspi, c->qspi_storage, c->qspi_size,
                               img->qspi_part) != 0) {
            return -1;
        }
    }
    if (fmc_attach(s, c, img, &fmc_family_h7) != 0) {
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
    free(c->rcc);
    free(c->gpio);
    free(c->usart);
    free(c->qspi);
}
