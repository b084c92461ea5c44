/* FMC memory parts of the seed's Table 2 (reference/fmc-sd-stm32.md section 4 gives the
 * sources). Values marked UNCONFIRMED were not found in a datasheet in reach; they are the
 * family's (M29EW/MT28EW, JEDEC) and are used alike by the firmware and the simulator. */
#include "fmc_parts.h"

#include <stddef.h>
#include <string.h>

static const struct fmc_nor_part nor_parts[] = {
    /* Micron MT28EW128ABA: 128 Mbit, 128 x 128 KiB blocks, 512-word buffer, 70 ns random
     * access (MT28EW256ABA DS). IDs 0x0089 / 0x227E (Linux is_m29ew); codes 2/3 0x2221/0x2201
     * and the typical times (16 us word, 512 us buffer, 256 ms block) are UNCONFIRMED. */
    { "MT28EW128ABA", 0x0089u, { 0x227Eu, 0x2221u, 0x2201u }, 24, 10, 128, 128u * 1024u, 70, 4, 9, 8, 3, 300 },
    /* Micron/Numonyx PC28F128M29EWL: M29EW 128 Mbit, 256-word buffer, 60 ns random access in
     * BGA (M29EW DS); 'L' = lowest block protected by WP#: device code 3 0x2200 (M29W128G DS,
     * UNCONFIRMED for M29EW); times as above, UNCONFIRMED. */
    { "PC28F128M29EWL", 0x0089u, { 0x227Eu, 0x2221u, 0x2200u }, 24, 9, 128, 128u * 1024u, 60, 4, 9, 8, 3, 300 },
};

static const struct fmc_ram_part ram_parts[] = {
    /* ISSI IS61WV102416BLL-10: 1M x 16 async SRAM, 10 ns. */
    { "IS61WV102416BLL", 2u * 1024u * 1024u, 16, 10, 10, 0 },
    /* ISSI IS66WV51216EBLL-55: 512K x 16 pseudo-SRAM, 55 ns (BLL predecessor DS). */
    { "IS66WV51216EBLL", 1024u * 1024u, 16, 55, 55, 1 },
};

static const struct sdram_part sdram_parts[] = {
    /* ISSI IS42S32800G-6: 4 banks x 4096 rows x 512 columns x 32 bit; 166 MHz; tRCD/tRP 18 ns,
     * tRC 70 ns, tXSR 70 ns, tMRD 2 clk (stm32-fmc, 3rd party); 100 us power-up; 2 auto-refresh
     * at power-up (JEDEC SDR); 4096 rows / 64 ms. */
    { "IS42S32800G", 32, 9, 12, 4, 166000000u, 18, 18, 70, 70, 2, 100, 2, 4096, 64 },
    /* ISSI IS42S32800J-6: same organisation and refresh (DS rev B); timings as the G die,
     * UNCONFIRMED. */
    { "IS42S32800J", 32, 9, 12, 4, 166000000u, 18, 18, 70, 70, 2, 100, 2, 4096, 64 },
};

#define FIND(table, name)                                                  \
    do {                                                                   \
        for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {      \
            if (name != NULL && strcmp(table[i].name, name) == 0) {        \
                return &table[i];                                          \
            }                                                              \
        }                                                                  \
        return NULL;                                                       \
    } while (0)

const struct fmc_nor_part *fmc_nor_part_by_name(const char *name) { FIND(nor_parts, name); }
const struct fmc_ram_part *fmc_ram_part_by_name(const char *name) { FIND(ram_parts, name); }
const struct sdram_part *sdram_part_by_name(const char *name) { FIND(sdram_parts, name); }
