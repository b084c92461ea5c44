/* Host program run by the firmware's CMake at configure time: turns the board data (the one
 * source of truth) and the seed-named configuration into the CMake variables the firmware
 * build needs (linker layout, family, board symbol), or rejects an invalid configuration
 * with the list of what the board supports.
 *
 *   layout <board-id> <CODE_AREA> <DATA_AREA> [BINARY_AREA]   -> CMake set() lines on stdout
 *   layout --matrix      -> every valid configuration of every board, one per line
 *
 * XiP (no BINARY_AREA): CODE_AREA is a flash, DATA_AREA a RAM. BootROM (BINARY_AREA =
 * USE_SDCARD or USE_SPI_NOR): CODE_AREA is a RAM too; when it is the same RAM as DATA_AREA
 * the code takes its lower half and the data its upper half (boot/area_split.h). */
#include <stdio.h>
#include <string.h>
#include "board.h"
#include "board_fmc.h"
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

/* Checks a configuration against the board: 0 and the code and data areas when valid; -1
 * (with the reason and the valid choices on stderr when verbose) when not. */
#define REPORT(...)                                                                                            \
    do {                                                                                                       \
        if (verbose) {                                                                                         \
            fprintf(stderr, __VA_ARGS__);                                                                      \
        }                                                                                                      \
    } while (0)
static int resolve(const struct board_desc *b, const struct area *a, int n, const char *code_name,
                   const char *data_name, const char *binary, int verbose, const struct area **code_out,
                   const struct area **data_out)
{
    const struct area *code = NULL, *data = NULL;
    for (int i = 0; i < n; i++) {
        if (strcmp(a[i].name, code_name) == 0 && a[i].xip) {
            code = &a[i];
        }
        if (strcmp(a[i].name, data_name) == 0 && !a[i].xip) {
            data = &a[i];
        }
    }
    if (binary[0] != '\0') {
        /* SPI-NOR store: the QUADSPI flash, or the OCTOSPI one kept in SPI mode. */
        int sd_ok = b->sdcard != NULL, nor_ok = (b->qspi.size != 0u || b->ospi != NULL) && b->spinor_lines != 0u;
        int known = strcmp(binary, "USE_SDCARD") == 0 || strcmp(binary, "USE_SPI_NOR") == 0;
        if (!known || (strcmp(binary, "USE_SDCARD") == 0 && !sd_ok) || (strcmp(binary, "USE_SPI_NOR") == 0 && !nor_ok)) {
            REPORT( "BINARY_AREA=%s is not a store of %s; valid BINARY_AREA:%s%s%s\n", binary, b->id,
                    sd_ok ? " USE_SDCARD" : "", nor_ok ? " USE_SPI_NOR" : "",
                    sd_ok || nor_ok ? "" : " none (no BootROM store in the board data)");
            return -1;
        }
        /* BootROM: the code runs from a RAM. */
        code = NULL;
        for (int i = 0; i < n; i++) {
            if (strcmp(a[i].name, code_name) == 0 && !a[i].xip) {
                code = &a[i];
            }
        }
        if (code == NULL || data == NULL) {
            REPORT( "configuration CODE_AREA=%s DATA_AREA=%s BINARY_AREA=%s is not valid on %s\n", code_name,
                    data_name, binary, b->id);
            REPORT( "  valid CODE_AREA and DATA_AREA for the BootROM model on %s:", b->id);
            for (int i = 0; i < n; i++) {
                if (!a[i].xip) {
                    REPORT( " %s", a[i].name);
                }
            }
            REPORT( "\n");
            return -1;
        }
    }
    if (code == NULL || data == NULL) {
        REPORT( "configuration CODE_AREA=%s DATA_AREA=%s is not valid on %s\n", code_name, data_name,
                b->id);
        if (verbose) {
            list_valid(b, a, n);
        }
        return -1;
    }
    *code_out = code;
    *data_out = data;
    return 0;
}

/* Every valid configuration of every board, one per line:
 *   <board> <CODE_AREA> <DATA_AREA> <BINARY_AREA or ->   */
static int print_matrix(void)
{
    static const char *const names[] = { "USE_QSPI", "USE_OSPI", "USE_NOR", "USE_INTERNAL_SRAM",
                                         "USE_EXTERNAL_SDRAM", "USE_EXTERNAL_SRAM", "USE_EXTERNAL_PSRAM",
                                         "USE_EXTERNAL_RAM" };
    static const char *const stores[] = { "", "USE_SDCARD", "USE_SPI_NOR" };
    const unsigned nn = sizeof names / sizeof names[0];
    for (unsigned bi = 0; bi < board_count; bi++) {
        const struct board_desc *b = board_list[bi];
        struct area a[16];
        int n = areas_of(b, a, 16);
        for (unsigned si = 0; si < 3; si++) {
            for (unsigned ci = 0; ci < nn; ci++) {
                for (unsigned di = 0; di < nn; di++) {
                    const struct area *code, *data;
                    if (resolve(b, a, n, names[ci], names[di], stores[si], 0, &code, &data) == 0) {
                        printf("%s %s %s %s\n", b->id, names[ci], names[di], stores[si][0] ? stores[si] : "-");
                    }
                }
            }
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--matrix") == 0) {
        return print_matrix();
    }
    if (argc < 4) {
        fprintf(stderr, "usage: layout <board> <CODE_AREA> <DATA_AREA> [BINARY_AREA] | layout --matrix\n");
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
    const char *binary = argc > 4 ? argv[4] : "";
    const struct area *code, *data;
    if (resolve(b, a, n, argv[2], argv[3], binary, 1, &code, &data) != 0) {
        return 1;
    }
    uint32_t code_base = code->mem.base, code_size = code->mem.size;
    uint32_t data_base = data->mem.base, data_size = data->mem.size;
    if (binary[0] != '\0' && strcmp(code->name, "USE_INTERNAL_SRAM") == 0) {
        area_skip_boot_ram(&code_base, &code_size, b->boot_ram.base, b->boot_ram.size);
    }
    if (binary[0] != '\0' && strcmp(data->name, "USE_INTERNAL_SRAM") == 0) {
        area_skip_boot_ram(&data_base, &data_size, b->boot_ram.base, b->boot_ram.size);
    }
    area_split_shared(&code_base, &code_size, &data_base, &data_size);
    printf("set(EXTMEM_FAMILY_DEFINE %s)\n", family_define(b->family));
    printf("set(EXTMEM_FAMILY_SUFFIX %s)\n", b->family == FAMILY_STM32F7 ? "f7" : "h7");
    printf("set(EXTMEM_BOARD_SYMBOL board_");
    for (const char *p = b->id; *p; p++) {
        putchar(*p == '-' ? '_' : *p);
    }
    printf(")\n");
    printf("set(BOARD_LED_COUNT %u)\n", (unsigned)b->led_count);
    /* The flash behind the SPI-NOR store (the simulator's medium for it). */
    printf("set(SPINOR_FLASH %s)\n", b->spinor_lines == 0u ? "NONE" : b->qspi.size ? "QSPI" : "OSPI");
    printf("set(BOOT_FLASH_BASE 0x08000000)\nset(BOOT_FLASH_SIZE 0x%x)\n", b->vl_flash_size);
    printf("set(BOOT_RAM_BASE 0x%08x)\nset(BOOT_RAM_SIZE 0x%x)\n", b->boot_ram.base, b->boot_ram.size);
    printf("set(CODE_BASE 0x%08x)\nset(CODE_SIZE 0x%x)\n", code_base, code_size);
    printf("set(DATA_BASE 0x%08x)\nset(DATA_SIZE 0x%x)\n", data_base, data_size);
    return 0;
}
