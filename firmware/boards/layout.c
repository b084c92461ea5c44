/* Host program run by the firmware's CMake at configure time: turns the board data (the one
 * source of truth) and the seed-named configuration into the CMake variables the firmware
 * build needs (linker layout, family, board symbol), or rejects an invalid configuration
 * with the list of what the board supports.
 *
 *   layout <board-id> <CODE_AREA> <DATA_AREA> [BINARY_AREA]   -> CMake set() lines on stdout
 *
 * XiP (no BINARY_AREA): CODE_AREA is a flash, DATA_AREA a RAM. BootROM (BINARY_AREA =
 * USE_SDCARD or USE_SPI_NOR): CODE_AREA is a RAM too; when it is the same RAM as DATA_AREA
 * the code takes its lower half and the data its upper half (boot/area_split.h). */
#include <stdio.h>
#include <string.h>
#include "board.h"
#include "board_ospi.h"
#include "boot/area_split.h"

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
    struct area a[8];
    int n = areas_of(b, a, 8);
    const struct area *code = NULL, *data = NULL;
    for (int i = 0; i < n; i++) {
        if (strcmp(a[i].name, argv[2]) == 0 && a[i].xip) {
            code = &a[i];
        }
        if (strcmp(a[i].name, argv[3]) == 0 && !a[i].xip) {
            data = &a[i];
        }
    }
    const char *binary = argc > 4 ? argv[4] : "";
    if (binary[0] != '\0') {
        int sd_ok = b->sdcard != NULL, nor_ok = b->qspi.size != 0u && b->spinor_lines != 0u;
        int known = strcmp(binary, "USE_SDCARD") == 0 || strcmp(binary, "USE_SPI_NOR") == 0;
        if (!known || (strcmp(binary, "USE_SDCARD") == 0 && !sd_ok) || (strcmp(binary, "USE_SPI_NOR") == 0 && !nor_ok)) {
            fprintf(stderr, "BINARY_AREA=%s is not a store of %s; valid BINARY_AREA:%s%s%s\n", binary, b->id,
                    sd_ok ? " USE_SDCARD" : "", nor_ok ? " USE_SPI_NOR" : "",
                    sd_ok || nor_ok ? "" : " none (no BootROM store in the board data)");
            return 1;
        }
        /* BootROM: the code runs from a RAM. */
        code = NULL;
        for (int i = 0; i < n; i++) {
            if (strcmp(a[i].name, argv[2]) == 0 && !a[i].xip) {
                code = &a[i];
            }
        }
        if (code == NULL || data == NULL) {
            fprintf(stderr, "configuration CODE_AREA=%s DATA_AREA=%s BINARY_AREA=%s is not valid on %s\n", argv[2],
                    argv[3], binary, b->id);
            fprintf(stderr, "  valid CODE_AREA and DATA_AREA for the BootROM model on %s:", b->id);
            for (int i = 0; i < n; i++) {
                if (!a[i].xip) {
                    fprintf(stderr, " %s", a[i].name);
                }
            }
            fprintf(stderr, "\n");
            return 1;
        }
    }
    if (code == NULL || data == NULL) {
        fprintf(stderr, "configuration CODE_AREA=%s DATA_AREA=%s is not valid on %s\n", argv[2], argv[3],
                b->id);
        list_valid(b, a, n);
        return 1;
    }
    uint32_t code_base = code->mem.base, code_size = code->mem.size;
    uint32_t data_base = data->mem.base, data_size = data->mem.size;
    area_split_shared(&code_base, &code_size, &data_base, &data_size);
    printf("set(EXTMEM_FAMILY_DEFINE %s)\n", family_define(b->family));
    printf("set(EXTMEM_FAMILY_SUFFIX %s)\n", b->family == FAMILY_STM32F7 ? "f7" : "h7");
    printf("set(EXTMEM_BOARD_SYMBOL board_");
    for (const char *p = b->id; *p; p++) {
        putchar(*p == '-' ? '_' : *p);
    }
    printf(")\n");
    printf("set(BOOT_FLASH_BASE 0x08000000)\nset(BOOT_FLASH_SIZE 0x%x)\n", b->vl_flash_size);
    printf("set(BOOT_RAM_BASE 0x%08x)\nset(BOOT_RAM_SIZE 0x%x)\n", b->boot_ram.base, b->boot_ram.size);
    printf("set(CODE_BASE 0x%08x)\nset(CODE_SIZE 0x%x)\n", code_base, code_size);
    printf("set(DATA_BASE 0x%08x)\nset(DATA_SIZE 0x%x)\n", data_base, data_size);
    return 0;
}
