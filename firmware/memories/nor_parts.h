/* NOR flash parts table: one const description per part, shared by the firmware's NOR
 * driver and the simulator's flash model (sim/devices/spi_nor.c), so both agree on every
 * opcode, dummy count and time limit.
 *
 * Freestanding C11 (no host headers). Facts and their sources: the project facts sheet
 * reference/nor-flash-parts.md; the source key of each value is given next to it in
 * nor_parts.c, and values no source confirmed are marked UNCONFIRMED there. */
#ifndef EXTMEM_NOR_PARTS_H
#define EXTMEM_NOR_PARTS_H

#include <stdbool.h>
#include <stdint.h>

/* Command set family: decides the register map and how quad/octal protocols are entered. */
enum nor_family {
    NOR_FAMILY_MICRON,         /* SR/FSR/VCR/NVCR/EVCR; QPI via EVCR[7] or 35/F5 */
    NOR_FAMILY_MACRONIX,       /* SR (QE bit 6) + CR (DC 7:6, 4BYTE 5); QPI via 35/F5 */
    NOR_FAMILY_MACRONIX_OCTAL, /* SR + CR + CR2 (71/72); OPI STR/DTR via CR2[0] */
};

/* Read modes (command-address-data line counts, "D" = double transfer rate). The index of
 * a part's default dummy table. */
enum nor_read_mode {
    NOR_RD_1_1_1,      /* 03 / 13: no dummy */
    NOR_RD_1_1_1_FAST, /* 0B / 0C */
    NOR_RD_1_1_2,      /* 3B / 3C */
    NOR_RD_1_2_2,      /* BB / BC */
    NOR_RD_1_1_4,      /* 6B / 6C */
    NOR_RD_1_4_4,      /* EB / EC */
    NOR_RD_2_2_2,      /* any fast read in Micron dual protocol */
    NOR_RD_4_4_4,      /* EB / EC (Micron: any fast read) in QPI */
    NOR_RD_8_8_8,      /* EC13 in octal STR */
    NOR_RD_8D_8D_8D,   /* EE11 in octal DTR */
    NOR_RD_MODE_COUNT,
};

/* One erase granularity: size and its opcodes for 3-byte and 4-byte addresses
 * (0 = no such opcode). */
struct nor_erase_type {
    uint32_t size;
    uint8_t opcode_3b;
    uint8_t opcode_4b;
    uint32_t max_us; /* maximum erase time of one unit */
};

#define NOR_ERASE_TYPES_MAX 3u

/* Feature flags (one bit per capability the command decoder needs). */
#define NOR_F_FSR          (1u << 0)  /* flag status register 70/50 (Micron) */
#define NOR_F_QPI          (1u << 1)  /* 4-4-4 protocol (35/F5, or Micron EVCR[7]) */
#define NOR_F_DUAL_PROTO   (1u << 2)  /* Micron 2-2-2 protocol via EVCR[6] */
#define NOR_F_OPI          (1u << 3)  /* octal STR/DTR via CR2 */
#define NOR_F_PP_1_1_4     (1u << 4)  /* quad input page program 32 / 34 */
#define NOR_F_PP_1_4_4     (1u << 5)  /* quad I/O page program 38 / 3E */
#define NOR_F_QE_BIT       (1u << 6)  /* SR[6] QE must be set for quad phases */
#define NOR_F_WREN_4B      (1u << 7)  /* B7/E9 need the write enable latch */
#define NOR_F_DIE_ERASE    (1u << 8)  /* C4 erases one stacked die; no 60/C7 */
#define NOR_F_EAR          (1u << 9)  /* extended address register C8/C5 */
#define NOR_F_QUAD_READS   (1u << 10) /* 1-1-2, 1-2-2, 1-1-4, 1-4-4 reads (3B..EC) */

struct nor_part {
    const char *name;
    uint8_t jedec_id[3];       /* manufacturer, memory type, capacity (0x9F bytes 0..2) */
    uint8_t jedec_ext_len;     /* further 0x9F bytes known for this part */
    uint8_t jedec_ext[3];
    enum nor_family family;
    uint32_t flags;            /* NOR_F_* */

    uint32_t size;             /* bytes of one die as addressed by one chip select */
    uint32_t page_size;
    uint32_t die_size;         /* stacked dies inside the package (== size if monolithic) */
    struct nor_erase_type erase[NOR_ERASE_TYPES_MAX];
    uint8_t erase_count;       /* entries used in erase[], smallest first */
    uint32_t chip_erase_max_us;

    /* Dummy cycles each read mode uses with the part's reset configuration
     * (Micron VCR[7:4] = 0/15, Macronix CR DC = 00, MX25LM CR2 DC = 000); 0xFF = the part
     * does not support that mode. */
    uint8_t default_dummy[NOR_RD_MODE_COUNT];
    uint8_t sfdp_dummy;        /* 5A */
    uint8_t opi_reg_dummy_str; /* octal register reads (05FA, 9F60, 718E), STR */
    uint8_t opi_reg_dummy_dtr; /* same, DTR */

    uint32_t max_str_hz;
    uint32_t max_dtr_hz;

    /* Software reset (66 then 99): commands are ignored for this long afterwards. */
    uint32_t reset_recovery_us;      /* reset while idle */
    uint32_t reset_recovery_busy_us; /* reset that interrupted a program/erase */

    uint32_t page_program_max_us;
    uint32_t write_status_max_us;    /* non-volatile register write (01, B1) */

    const uint8_t *sfdp;             /* JESD216 header + BFPT, read by 5A */
    uint16_t sfdp_len;
};

extern const struct nor_part nor_part_mt25ql512;
extern const struct nor_part nor_part_n25q512a;
extern const struct nor_part nor_part_mx25l51245g;
extern const struct nor_part nor_part_mx25lm51245g;

/* All parts, for lookups. */
extern const struct nor_part *const nor_parts[];
extern const unsigned nor_parts_count;

/* The part answering 0x9F with id[0..2], or NULL. MT25QL512 and N25Q512A share 20 BA 20:
 * this returns the first in the table (MT25QL512); use the extended bytes to tell them
 * apart (nor_part_by_jedec_ext). */
const struct nor_part *nor_part_by_jedec(const uint8_t id[3]);

/* As nor_part_by_jedec, but also matching the extended ID bytes (id has 3 + n bytes).
 * A part whose extended bytes are unknown matches on the first three only. */
const struct nor_part *nor_part_by_jedec_ext(const uint8_t *id, unsigned n);

/* Part by its name ("MT25QL512", ...), or NULL. */
const struct nor_part *nor_part_by_name(const char *name);

/* Dummy cycles of a Micron VCR[7:4] / NVCR[15:12] value in a read mode: the value itself,
 * or the part's default when it is 0 or 15. */
uint8_t nor_micron_dummy(const struct nor_part *p, enum nor_read_mode m, uint8_t vcr_dummy);

/* Dummy cycles of a Macronix CR[7:6] DC code in a read mode (0xFF: unsupported). */
uint8_t nor_macronix_dummy(enum nor_read_mode m, uint8_t dc);

/* Dummy cycles of an MX25LM51245G CR2[0x300] DC code: 20 - 2 * code. */
uint8_t nor_mxlm_dummy(uint8_t dc_code);

#endif
