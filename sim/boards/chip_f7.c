/* STM32F72x/F73x and STM32F74x/F75x as the simulator builds them (RM0431 / RM0385 memory
 * map, 2.2): the Value line's internal flash (also seen at 0x00200000 through the ITCM
 * interface, where the core boots from: BOOT_ADD0 reset value 0x0080), the TCM and SRAM
 * blocks of the part, the system control space and the peripherals the boot uses. */
#include "chip.h"

#include <stdlib.h>
#include <string.h>

#include "periph/f7.h"
#include "devices/spi_nor.h"

uint32_t sim_dwt_read(struct sim *s, uint32_t off);
void sim_dwt_write(struct sim *s, uint32_t off, uint32_t val);

#define FLASH_AXIM 0x08000000u
#define FLASH_ITCM 0x00200000u

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

struct f7_ram {
    uint32_t base, size;
};
struct f7_part {
    const char *value_line;
    struct f7_ram ram[4];
};
/* ITCM RAM, DTCM, SRAM1, SRAM2 (RM0431 2.2 for F72x/F73x: 16 + 64 + 176 + 16 KiB; RM0385
 * 2.2 for F74x/F75x: 16 + 64 + 240 + 16 KiB). */
static const struct f7_part f7_parts[] = {
    { "STM32F730", { { 0x00000000u, 16u * 1024u }, { 0x20000000u, 64u * 1024u },
                     { 0x20010000u, 176u * 1024u }, { 0x2003C000u, 16u * 1024u } } },
    { "STM32F750", { { 0x00000000u, 16u * 1024u }, { 0x20000000u, 64u * 1024u },
                     { 0x20010000u, 240u * 1024u }, { 0x2004C000u, 16u * 1024u } } },
};

static uint32_t usart_base(unsigned n)
{
    switch (n) {
    case 1: return 0x40011000u;
    case 3: return 0x40004800u;
    case 6: return 0x40011400u;
    default: return 0;
    }
}

int chip_build_f7(struct sim *s, struct chip *c, struct chip_images *img)
{
    const struct board_desc *b = s->board;
    memset(c, 0, sizeof *c);
    const struct f7_part *part = NULL;
    for (unsigned i = 0; i < sizeof f7_parts / sizeof f7_parts[0]; i++) {
        if (strcmp(f7_parts[i].value_line, b->value_line) == 0) {
            part = &f7_parts[i];
        }
    }
    if (part == NULL || usart_base(b->console_usart) == 0u) {
        fprintf(stderr, "extmem-sim: %s: %s with USART%u not modelled\n", b->id, b->value_line, b->console_usart);
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
    if (sim_map_ram(s, FLASH_AXIM, c->flash_size, UC_PROT_READ | UC_PROT_EXEC, c->flash) != 0 ||
        sim_map_ram(s, FLASH_ITCM, c->flash_size, UC_PROT_READ | UC_PROT_EXEC, c->flash) != 0) {
        return -1;
    }
    for (unsigned i = 0; i < 4; i++) {
        c->ram[i] = calloc(1, part->ram[i].size);
        if (c->ram[i] == NULL || sim_map_ram(s, part->ram[i].base, part->ram[i].size, UC_PROT_ALL, c->ram[i]) != 0) {
            return -1;
        }
    }
    struct periph scs = { "SCS", 0xE000E000u, 0x1000u, scs_rd, scs_wr, NULL };
    struct periph dwt = { "DWT", 0xE0001000u, 0x1000u, dwt_rd, dwt_wr, NULL };
    sim_add_periph(s, &scs);
    sim_add_periph(s, &dwt);

    struct f7_rcc *rcc = calloc(1, sizeof *rcc);
    c->rcc = &rcc->base; /* first member: chip_free() frees the whole model */
    c->gpio = calloc(1, sizeof *c->gpio);
    c->usart = calloc(1, sizeof *c->usart);
    c->qspi = calloc(1, sizeof *c->qspi);
    if (!rcc || !c->gpio || !c->usart || !c->qspi) {
        return -1;
    }
    f7_rcc_init(s, rcc, b->clock.hse_hz);
    gpio_model_init(s, c->gpio, c->rcc);
    usart_model_init(s, c->usart, b->console_usart, usart_base(b->console_usart), c->rcc, c->gpio, b->console_tx);

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
    s->nvic.vtor = FLASH_ITCM; /* BOOT_ADD0 = 0x0080: boot from the flash on the ITCM interface */
    return 0;
}
