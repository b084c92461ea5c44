/* FMC memory parts: datasheet facts shared by the firmware's drivers (identity, geometry) and
 * the simulator's models (timings, refresh, command set), so both agree by construction.
 * Sources per value in fmc_parts.c. */
#ifndef MEMORIES_FMC_PARTS_H
#define MEMORIES_FMC_PARTS_H
#include <stdint.h>

/* Parallel NOR flash, AMD/Spansion command set (CFI primary command set 0x0002). */
struct fmc_nor_part {
    const char *name;
    uint16_t manufacturer;    /* auto-select word 0x00 */
    uint16_t device[3];       /* auto-select words 0x01, 0x0E, 0x0F */
    uint8_t size_log2;        /* CFI 0x27: device size 2^n bytes */
    uint8_t buffer_log2;      /* CFI 0x2A: write buffer 2^n bytes */
    uint16_t blocks;          /* uniform erase blocks (CFI 0x2D: blocks - 1) */
    uint32_t block_size;      /* bytes (CFI 0x2F: size / 256) */
    uint8_t t_acc_ns;         /* random read access time */
    uint8_t word_program_us_log2, buffer_program_us_log2, block_erase_ms_log2; /* CFI typical */
    uint8_t max_factor_log2;  /* CFI maximum = typical x 2^n (all operations) */
    uint16_t reset_us;        /* hardware reset / power-up to read */
};

/* Asynchronous SRAM or pseudo-SRAM (16-bit, UB/LB byte lanes). */
struct fmc_ram_part {
    const char *name;
    uint32_t size;            /* bytes */
    uint8_t bus_bits;
    uint8_t t_rc_ns;          /* read cycle = address access time */
    uint8_t t_wc_ns;          /* write cycle */
    uint8_t pseudo;           /* PSRAM: refresh hidden inside, may be used as SRAM bank */
};

/* SDR SDRAM (JEDEC command set). */
struct sdram_part {
    const char *name;
    uint8_t bus_bits;         /* data width of the part */
    uint8_t col_bits, row_bits, banks;
    uint32_t max_hz;          /* speed grade fitted on the boards (-6: 166 MHz) */
    uint8_t t_rcd_ns, t_rp_ns, t_rc_ns, t_xsr_ns;
    uint8_t t_mrd_clk;
    uint16_t powerup_us;      /* stable clock before the first command other than NOP */
    uint8_t min_autorefresh;  /* auto-refresh cycles required after PALL at power-up */
    uint16_t refresh_rows;    /* rows refreshed per retention period */
    uint16_t retention_ms;
};

const struct fmc_nor_part *fmc_nor_part_by_name(const char *name);
const struct fmc_ram_part *fmc_ram_part_by_name(const char *name);
const struct sdram_part *sdram_part_by_name(const char *name);
#endif
