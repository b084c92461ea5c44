/* STM32F72x/F73x and STM32F74x/F75x as the simulator builds them (RM0431 / RM0385 memory
 * map, 2.2): the Value line's internal flash (also seen at 0x00200000 through the ITCM
 * interface, where the core boots from: BOOT_ADD0 reset value 0x0080), the TCM and SRAM
 * blocks of the part, the system control space and the peripherals the boot uses: RCC/PWR/
 * FLASH, GPIO, the console USART, QUADSPI, FMC, the IWDG (0x40003000) and, on boards with a
 * slot, SDMMC1 v1 (0x40012C00) with the SD card model. */
#include "chip.h"

#include <stdlib.h>
#include <string.h>

#include "periph/fmc.h"
#include "periph/f7.h"
#include "periph/dma.h"
#include "periph/iwdg.h"
#include "periph/sdmmc_v1.h"

#define FLASH_AXIM 0x08000000u
#define FLASH_ITCM 0x00200000u

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
    static const uint32_t flash_at[] = { FLASH_AXIM, FLASH_ITCM };
    if (chip_load_flash(s, c, img, flash_at, 2) != 0) {
        return -1;
    }
    for (unsigned i = 0; i < 4; i++) {
        c->ram[i] = calloc(1, part->ram[i].size);
        if (c->ram[i] == NULL || sim_map_ram(s, part->ram[i].base, part->ram[i].size, UC_PROT_ALL, c->ram[i]) != 0) {
            return -1;
        }
    }
    chip_add_core(s);

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

    if (chip_attach_qspi(s, c, img) != 0) {
        return -1;
    }
    if (fmc_attach(s, c, img, &fmc_family_f7) != 0 || dma_attach(s, c) != 0) {
        return -1;
    }
    c->iwdg = calloc(1, sizeof *c->iwdg);
    if (c->iwdg == NULL) {
        return -1;
    }
    iwdg_model_init(s, c->iwdg, 0x40003000u, "IWDG");
    if (b->sdcard) {
        if (chip_sd_card(s, c, img) != 0 || (c->sdmmc = calloc(1, sizeof *c->sdmmc)) == NULL ||
            sdmmc_v1_model_init(s, c->sdmmc, rcc, c->gpio, b->sdcard, c->sdcard) != 0) {
            return -1;
        }
    }
    s->nvic.vtor = FLASH_ITCM; /* BOOT_ADD0 = 0x0080: boot from the flash on the ITCM interface */
    return 0;
}
