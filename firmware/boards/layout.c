/* Host program run by the firmware's CMake at configure time: turns the board data (the one
 * source of truth) and the seed-named configuration into the CMake variables the firmware
 * build needs (linker layout, family, board symbol), or rejects an invalid configuration
 * with the list of what the board supports.
 *
 *   layout <board-id> <CODE_AREA> <DATA_AREA> [BINARY_AREA]   -> CMake set() lines on stdout */
#include <stdio.h>
#include <string.h>
#include "board.h"
#include "board_fmc.h"
#include "board_ospi.h"

struct area {
    const char *name;
    int xip;
    struct board_mem_area mem;
};

static int areas_of(const struct board_desc *b, struct area *out, int max)
{
    int n = 0;
    if (n < max && b->internal_sram.size) {
        out[n++] = (struct area){ "USE_INTERNAL_SRAM", 0, b->internal_sram };
    }
    if (n < max && b->qspi.size) {
        out[n++] = (struct area){ "USE_QSPI", 1, { 0x90000000u, b->qspi.size } };
    }
    if (n < max && b->ospi) {
        out[n++] = (struct area){ "USE_OSPI", 1, { b->ospi->base, b->ospi->size } };
    }
    if (n < max && b->hyperram) {
        out[n++] = (struct area){ "USE_EXTERNAL_RAM", 0, { b->hyperram->base, b->hyperram->size } };
    }
    if (b->fmc != NULL) {
        const struct board_fmc *f = b->fmc;
        if (n < max && f->sdram) {
            out[n++] = (struct area){ "USE_EXTERNAL_SDRAM", 0, { FMC_SDRAM_BASE(f->sdram->bank), f->sdram->size } };
        }
        if (n < max && f->sram) {
            out[n++] = (struct area){ "USE_EXTERNAL_SRAM", 0, { FMC_NE_BASE(f->sram->ne), f->sram->size } };
        }
        if (n < max && f->psram) {
            out[n++] = (struct area){ "USE_EXTERNAL_PSRAM", 0, { FMC_NE_BASE(f->psram->ne), f->psram->size } };
        }
        if (n < max && f->nor) {
            out[n++] = (struct area){ "USE_NOR", 1, { FMC_NE_BASE(f->nor->ne), f->nor->size } };
        }
    }
    return n;
}

static const char *family_define(enum chip_family f)
{
    switch (f) {
    /* the family, then the line inside it (chips/stm32h7.h selects on the second) */
    case FAMILY_STM32H74X: return "EXTMEM_FAMILY_STM32H7 EXTMEM_CHIP_STM32H74X";
    case FAMILY_STM32H7BX: return "EXTMEM_FAMILY_STM32H7 EXTMEM_CHIP_STM32H7BX";
    case FAMILY_STM32H73X: return "EXTMEM_FAMILY_STM32H7 EXTMEM_CHIP_STM32H73X";
    default: return "EXTMEM_FAMILY_STM32F7";
    }
}

static void list_valid(const struct board_desc *b, const struct area *a, int n)
{
    fprintf(stderr, "  valid CODE_AREA for %s:", b->id);
    for (int i = 0; i < n; i++) {
        if (a[i].xip) {
            fprintf(stderr, " %s", a[i].name);
        }
    }
    fprintf(stderr, "\n  valid DATA_AREA for %s:", b->id);
    for (int i = 0; i < n; i++) {
        if (!a[i].xip) {
            fprintf(stderr, " %s", a[i].name);
        }
    }
    fprintf(stderr, "\n");
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: layout <board> <CODE_AREA> <DATA_AREA> [BINARY_AREA]\n");
        return 2;
    }
    const struct board_desc *b = board_find(argv[1]);
    if (b == NULL) {
        fprintf(stderr, "unknown BOARD '%s'; boards:", argv[1]);
        for (unsigned i = 0; i < board_count; i++) {
            fprintf(stderr, " %s", board_list[i]->id);
        }
        fprintf(stderr, "\n");
        return 1;
    }
    struct area a[16];
    int n = areas_of(b, a, 16);
    const struct area *code = NULL, *data = NULL;
    for (int i = 0; i < n; i++) {
        if (strcmp(a[i].name, argv[2]) == 0 && a[i].xip) {
            code = &a[i];
        }
        if (strcmp(a[i].name, argv[3]) == 0 && !a[i].xip) {
            data = &a[i];
        }
    }
    if (argc > 4 && argv[4][0] != '\0') {
        fprintf(stderr, "BINARY_AREA=%s: the BootROM model is not available on %s yet\n", argv[4], b->id);
        list_valid(b, a, n);
        return 1;
    }
    if (code == NULL || data == NULL) {
        fprintf(stderr, "configuration CODE_AREA=%s DATA_AREA=%s is not valid on %s\n", argv[2], argv[3],
                b->id);
        list_valid(b, a, n);
        return 1;
    }
    printf("set(EXTMEM_FAMILY_DEFINE %s)\n", family_define(b->family));
    printf("set(EXTMEM_FAMILY_SUFFIX %s)\n", b->family == FAMILY_STM32F7 ? "f7" : "h7");
    printf("set(EXTMEM_BOARD_SYMBOL board_");
    for (const char *p = b->id; *p; p++) {
        putchar(*p == '-' ? '_' : *p);
    }
    printf(")\n");
    printf("set(BOOT_FLASH_BASE 0x08000000)\nset(BOOT_FLASH_SIZE 0x%x)\n", b->vl_flash_size);
    printf("set(BOOT_RAM_BASE 0x%08x)\nset(BOOT_RAM_SIZE 0x%x)\n", b->boot_ram.base, b->boot_ram.size);
    printf("set(CODE_BASE 0x%08x)\nset(CODE_SIZE 0x%x)\n", code->mem.base, code->mem.size);
    printf("set(DATA_BASE 0x%08x)\nset(DATA_SIZE 0x%x)\n", data->mem.base, data->mem.size);
    return 0;
}
