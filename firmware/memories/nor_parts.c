/* NOR flash parts table. Source keys in comments refer to the facts sheet
 * reference/nor-flash-parts.md (section numbers "FS n"). "UNCONFIRMED" marks a value no
 * reachable source stated; it is kept so firmware and simulator agree, and must be checked
 * against the datasheet before relying on it on hardware. */
#include "nor_parts.h"

#include <stddef.h>

#define KIB 1024u
#define MIB (1024u * 1024u)
#define MS 1000u /* microseconds per millisecond */
#define MHZ 1000000u
#define NA 0xFFu /* read mode not supported */

/* ---- SFDP ----------------------------------------------------------------------------
 * Derived, not dumped: no raw SFDP of these parts was found (FS 9). Each table is a
 * JESD216 (rev 1.0) header with one parameter header pointing at a 9-DWORD Basic Flash
 * Parameter Table built from the facts of this file: density (DWORD2 = bits - 1), fast
 * read opcodes and dummy counts (DWORD3-7; mode clocks given as 0, all waits counted as
 * wait states), erase types (DWORD8-9: log2 size, opcode). All little-endian. */
#define NOR_DW(v)                                                                  \
    (uint8_t)((uint32_t)(v) & 0xFFu), (uint8_t)(((uint32_t)(v) >> 8) & 0xFFu),     \
        (uint8_t)(((uint32_t)(v) >> 16) & 0xFFu), (uint8_t)(((uint32_t)(v) >> 24) & 0xFFu)

#define SFDP_BFPT_OFFSET 0x10u
#define SFDP_BFPT_DWORDS 9u
#define SFDP_LEN (SFDP_BFPT_OFFSET + 4u * SFDP_BFPT_DWORDS)

#define SFDP_HEADER                                                                \
    'S', 'F', 'D', 'P', 0x00 /* minor rev */, 0x01 /* major rev */,                \
        0x00 /* parameter headers - 1 */, 0xFF,                                    \
        0x00 /* BFPT id LSB */, 0x00, 0x01 /* BFPT rev 1.0 */, SFDP_BFPT_DWORDS,   \
        SFDP_BFPT_OFFSET, 0x00, 0x00 /* table pointer */, 0xFF /* id MSB */

/* DWORD1 fields (JESD216 BFPT): 4K erase available, write granularity >= 64 B, 4K erase
 * opcode 0x20, address bytes "3 or 4", fast read support bits. */
#define DW1(f112, f122, f144, f114)                                                \
    (0xFF800000u | ((uint32_t)(f114) << 22) | ((uint32_t)(f144) << 21) |          \
     ((uint32_t)(f122) << 20) | (1u << 17) | ((uint32_t)(f112) << 16) |           \
     (0x20u << 8) | (1u << 2) | 0x1u)
#define DENSITY_512MBIT (512u * 1024u * 1024u - 1u) /* 0x1FFFFFFF, FS 9 derived */
#define RD_FIELD(op, wait) (((uint32_t)(op) << 8) | (uint32_t)(wait)) /* 16-bit half */
#define DW_PAIR(lo, hi) ((uint32_t)(lo) | ((uint32_t)(hi) << 16))
#define DW5(f222, f444) (0xFFFFFFEEu | (uint32_t)(f222) | ((uint32_t)(f444) << 4))
#define DW_UPPER(field) (0x0000FFFFu | ((uint32_t)(field) << 16))
#define ERASE_FIELD(log2sz, op) (((uint32_t)(op) << 8) | (uint32_t)(log2sz))

/* Micron MT25QL512 (and N25Q512A): 1-4-4 10 dummy, others 8 (FS 4). */
static const uint8_t sfdp_mt25ql512[SFDP_LEN] = {
    SFDP_HEADER,
    NOR_DW(DW1(1, 1, 1, 1)),
    NOR_DW(DENSITY_512MBIT),
    NOR_DW(DW_PAIR(RD_FIELD(0xEB, 10), RD_FIELD(0x6B, 8))),
    NOR_DW(DW_PAIR(RD_FIELD(0x3B, 8), RD_FIELD(0xBB, 8))),
    NOR_DW(DW5(1, 1)),
    NOR_DW(DW_UPPER(RD_FIELD(0xBB, 8))),
    NOR_DW(DW_UPPER(RD_FIELD(0xEB, 10))),
    NOR_DW(DW_PAIR(ERASE_FIELD(12, 0x20), ERASE_FIELD(15, 0x52))),
    NOR_DW(DW_PAIR(ERASE_FIELD(16, 0xD8), 0)),
};

static const uint8_t sfdp_n25q512a[SFDP_LEN] = {
    SFDP_HEADER,
    NOR_DW(DW1(1, 1, 1, 1)),
    NOR_DW(DENSITY_512MBIT),
    NOR_DW(DW_PAIR(RD_FIELD(0xEB, 10), RD_FIELD(0x6B, 8))),
    NOR_DW(DW_PAIR(RD_FIELD(0x3B, 8), RD_FIELD(0xBB, 8))),
    NOR_DW(DW5(1, 1)),
    NOR_DW(DW_UPPER(RD_FIELD(0xBB, 8))),
    NOR_DW(DW_UPPER(RD_FIELD(0xEB, 10))),
    NOR_DW(DW_PAIR(ERASE_FIELD(12, 0x20), ERASE_FIELD(16, 0xD8))),
    NOR_DW(0),
};

/* Macronix MX25L51245G with CR DC = 00: 1-4-4 6, 1-2-2 4, others 8 (FS 4, FS 6). */
static const uint8_t sfdp_mx25l51245g[SFDP_LEN] = {
    SFDP_HEADER,
    NOR_DW(DW1(1, 1, 1, 1)),
    NOR_DW(DENSITY_512MBIT),
    NOR_DW(DW_PAIR(RD_FIELD(0xEB, 6), RD_FIELD(0x6B, 8))),
    NOR_DW(DW_PAIR(RD_FIELD(0x3B, 8), RD_FIELD(0xBB, 4))),
    NOR_DW(DW5(0, 1)),
    NOR_DW(0x0000FFFFu),
    NOR_DW(DW_UPPER(RD_FIELD(0xEB, 6))),
    NOR_DW(DW_PAIR(ERASE_FIELD(12, 0x20), ERASE_FIELD(15, 0x52))),
    NOR_DW(DW_PAIR(ERASE_FIELD(16, 0xD8), 0)),
};

/* MX25LM51245G: no dual/quad reads in SPI; the octal modes are described by tables beyond
 * BFPT rev 1.0, which this derived table does not carry. */
static const uint8_t sfdp_mx25lm51245g[SFDP_LEN] = {
    SFDP_HEADER,
    NOR_DW(DW1(0, 0, 0, 0)),
    NOR_DW(DENSITY_512MBIT),
    NOR_DW(0),
    NOR_DW(0),
    NOR_DW(DW5(0, 0)),
    NOR_DW(0x0000FFFFu),
    NOR_DW(0x0000FFFFu),
    NOR_DW(DW_PAIR(ERASE_FIELD(12, 0x20), ERASE_FIELD(16, 0xD8))),
    NOR_DW(0),
};

/* ---- Parts ---------------------------------------------------------------------------- */

/* MT25QL512ABB: monolithic 512 Mbit, 3 V. Also each die of the twin MT25TL01G (FS 8). */
const struct nor_part nor_part_mt25ql512 = {
    .name = "MT25QL512",
    .jedec_id = {0x20, 0xBA, 0x20},      /* FS 1: LNX-MT, QEMU */
    .jedec_ext_len = 3,
    .jedec_ext = {0x10, 0x44, 0x00},     /* FS 1: LNX-MT INFO6 0x104400 */
    .family = NOR_FAMILY_MICRON,
    .flags = NOR_F_FSR | NOR_F_QPI | NOR_F_DUAL_PROTO | NOR_F_PP_1_1_4 | NOR_F_PP_1_4_4 |
             NOR_F_WREN_4B | NOR_F_EAR | NOR_F_QUAD_READS, /* FS 3: ST-MT, LNX-MT */
    .size = 64u * MIB,
    .page_size = 256u,
    .die_size = 64u * MIB,
    .erase = {
        {4u * KIB, 0x20, 0x21, 400u * MS},   /* FS 2: ST-MT */
        /* 4-byte 32K opcode 0x5C: UNCONFIRMED (FS 3: ST uses 0x52 only; 0x5C is QEMU's) */
        {32u * KIB, 0x52, 0x5C, 1000u * MS},
        {64u * KIB, 0xD8, 0xDC, 1000u * MS},
    },
    .erase_count = 3,
    .chip_erase_max_us = 460000u * MS,       /* FS 2: die erase */
    .default_dummy = {
        [NOR_RD_1_1_1] = 0, [NOR_RD_1_1_1_FAST] = 8, [NOR_RD_1_1_2] = 8,
        [NOR_RD_1_2_2] = 8, [NOR_RD_1_1_4] = 8, [NOR_RD_1_4_4] = 10,
        [NOR_RD_2_2_2] = 8, [NOR_RD_4_4_4] = 10,
        [NOR_RD_8_8_8] = NA, [NOR_RD_8D_8D_8D] = NA, /* FS 4, FS 6 */
    },
    .sfdp_dummy = 8,                         /* FS 9 */
    .opi_reg_dummy_str = NA,
    .opi_reg_dummy_dtr = NA,
    .max_str_hz = 133u * MHZ,                /* FS 10: DS-MT25Q */
    .max_dtr_hz = 90u * MHZ,
    .reset_recovery_us = 40u,                /* UNCONFIRMED (FS 2: ST polls WIP) */
    .reset_recovery_busy_us = 1u * MS,       /* UNCONFIRMED (FS 2) */
    .page_program_max_us = 1800u,            /* FS 2: ST-MT */
    .write_status_max_us = 8u * MS,          /* FS 2: ST-MT */
    .sfdp = sfdp_mt25ql512,
    .sfdp_len = (uint16_t)sizeof sfdp_mt25ql512,
};

/* N25Q512A13GSF40E: two stacked 256 Mbit dies behind one chip select. */
const struct nor_part nor_part_n25q512a = {
    .name = "N25Q512A",
    .jedec_id = {0x20, 0xBA, 0x20},      /* FS 1: DS-N25Q, QEMU */
    .jedec_ext_len = 0,                  /* extended ID bytes UNCONFIRMED (FS 1) */
    .jedec_ext = {0, 0, 0},
    .family = NOR_FAMILY_MICRON,
    .flags = NOR_F_FSR | NOR_F_QPI | NOR_F_DUAL_PROTO | NOR_F_PP_1_1_4 | NOR_F_WREN_4B |
             NOR_F_DIE_ERASE | NOR_F_EAR | NOR_F_QUAD_READS, /* FS 3: ST-N25Q */
    .size = 64u * MIB,
    .page_size = 256u,
    .die_size = 32u * MIB,               /* FS 1: "two 256Mb die" */
    .erase = {
        {4u * KIB, 0x20, 0x21, 800u * MS},   /* FS 2: ST-N25Q */
        {64u * KIB, 0xD8, 0xDC, 3000u * MS},
        {0, 0, 0, 0},
    },
    .erase_count = 2,
    .chip_erase_max_us = 480000u * MS,       /* FS 2: per die erase (C4) */
    .default_dummy = {
        [NOR_RD_1_1_1] = 0, [NOR_RD_1_1_1_FAST] = 8, [NOR_RD_1_1_2] = 8,
        [NOR_RD_1_2_2] = 8, [NOR_RD_1_1_4] = 8, [NOR_RD_1_4_4] = 10,
        [NOR_RD_2_2_2] = 8, [NOR_RD_4_4_4] = 10,
        [NOR_RD_8_8_8] = NA, [NOR_RD_8D_8D_8D] = NA, /* FS 4, FS 6 */
    },
    .sfdp_dummy = 8,
    .opi_reg_dummy_str = NA,
    .opi_reg_dummy_dtr = NA,
    .max_str_hz = 108u * MHZ,                /* FS 10: DS-N25Q */
    .max_dtr_hz = 54u * MHZ,
    .reset_recovery_us = 40u,                /* UNCONFIRMED (FS 2) */
    .reset_recovery_busy_us = 1u * MS,       /* UNCONFIRMED (FS 2) */
    .page_program_max_us = 5u * MS,          /* FS 2: N25Q128A family value */
    .write_status_max_us = 8u * MS,          /* FS 2: N25Q128A family value */
    .sfdp = sfdp_n25q512a,
    .sfdp_len = (uint16_t)sizeof sfdp_n25q512a,
};

/* MX25L51245G: 3 V quad, 512 Mbit (32F723E-DISCO). */
const struct nor_part nor_part_mx25l51245g = {
    .name = "MX25L51245G",
    .jedec_id = {0xC2, 0x20, 0x1A},      /* FS 1: LNX-MX, ST-MXL */
    .jedec_ext_len = 0,
    .jedec_ext = {0, 0, 0},
    .family = NOR_FAMILY_MACRONIX,
    .flags = NOR_F_QPI | NOR_F_PP_1_4_4 | NOR_F_QE_BIT | NOR_F_EAR | NOR_F_QUAD_READS,
    .size = 64u * MIB,
    .page_size = 256u,
    .die_size = 64u * MIB,
    .erase = {
        {4u * KIB, 0x20, 0x21, 800u * MS},   /* FS 2: ST-MXL (mbed says 400) */
        /* 4-byte 32K opcode 0x5C: UNCONFIRMED (FS 3) */
        {32u * KIB, 0x52, 0x5C, 1000u * MS}, /* FS 2: mbed */
        {64u * KIB, 0xD8, 0xDC, 2000u * MS},
    },
    .erase_count = 3,
    .chip_erase_max_us = 600000u * MS,       /* FS 2: ST-MXL */
    .default_dummy = {
        [NOR_RD_1_1_1] = 0, [NOR_RD_1_1_1_FAST] = 8, [NOR_RD_1_1_2] = 8,
        [NOR_RD_1_2_2] = 4, [NOR_RD_1_1_4] = 8, [NOR_RD_1_4_4] = 6,
        [NOR_RD_2_2_2] = NA, [NOR_RD_4_4_4] = 6,
        [NOR_RD_8_8_8] = NA, [NOR_RD_8D_8D_8D] = NA, /* FS 4, FS 6: CR DC = 00 */
    },
    .sfdp_dummy = 8,
    .opi_reg_dummy_str = NA,
    .opi_reg_dummy_dtr = NA,
    .max_str_hz = 133u * MHZ,                /* UNCONFIRMED (FS 10: ST runs 108 MHz) */
    .max_dtr_hz = 66u * MHZ,                 /* UNCONFIRMED (FS 10) */
    .reset_recovery_us = 40u,                /* UNCONFIRMED */
    .reset_recovery_busy_us = 1000u * MS,    /* FS 2: ST waits 1000 ms after reset */
    .page_program_max_us = 10u * MS,         /* UNCONFIRMED (FS 2: mbed template) */
    .write_status_max_us = 40u * MS,         /* FS 2: ST-MXL */
    .sfdp = sfdp_mx25l51245g,
    .sfdp_len = (uint16_t)sizeof sfdp_mx25l51245g,
};

/* MX25LM51245G: 3 V octal, 512 Mbit (H735G-DK, H7B3I boards). */
const struct nor_part nor_part_mx25lm51245g = {
    .name = "MX25LM51245G",
    .jedec_id = {0xC2, 0x85, 0x3A},      /* FS 1: LNX-MX */
    .jedec_ext_len = 0,
    .jedec_ext = {0, 0, 0},
    .family = NOR_FAMILY_MACRONIX_OCTAL,
    .flags = NOR_F_OPI,
    .size = 64u * MIB,
    .page_size = 256u,
    .die_size = 64u * MIB,
    .erase = {
        {4u * KIB, 0x20, 0x21, 400u * MS},   /* FS 2: ST-MXLM */
        {64u * KIB, 0xD8, 0xDC, 1000u * MS}, /* FS 2: v2 header (v1: 2000) */
        {0, 0, 0, 0},                        /* no 32K erase (FS 1) */
    },
    .erase_count = 2,
    .chip_erase_max_us = 460000u * MS,       /* FS 2: v2 header */
    .default_dummy = {
        [NOR_RD_1_1_1] = 0,
        [NOR_RD_1_1_1_FAST] = 8,             /* UNCONFIRMED */
        [NOR_RD_1_1_2] = NA, [NOR_RD_1_2_2] = NA, [NOR_RD_1_1_4] = NA,
        [NOR_RD_1_4_4] = NA, [NOR_RD_2_2_2] = NA, [NOR_RD_4_4_4] = NA,
        /* CR2 DC reset code 000 = 20 cycles: UNCONFIRMED (FS 6) */
        [NOR_RD_8_8_8] = 20, [NOR_RD_8D_8D_8D] = 20,
    },
    .sfdp_dummy = 8,
    .opi_reg_dummy_str = 4,                  /* FS 7: ST-MXLM conf (some ST confs: 5) */
    .opi_reg_dummy_dtr = 5,
    .max_str_hz = 133u * MHZ,                /* FS 10: DS-MXLM */
    .max_dtr_hz = 133u * MHZ,                /* FS 10 (DTR column UNCONFIRMED) */
    .reset_recovery_us = 40u,                /* UNCONFIRMED */
    .reset_recovery_busy_us = 100u * MS,     /* FS 2: ST-MXLM "SW reset during erase" */
    .page_program_max_us = 10u * MS,         /* UNCONFIRMED (FS 2) */
    .write_status_max_us = 40u * MS,         /* FS 2: ST-MXLM */
    .sfdp = sfdp_mx25lm51245g,
    .sfdp_len = (uint16_t)sizeof sfdp_mx25lm51245g,
};

const struct nor_part *const nor_parts[] = {
    &nor_part_mt25ql512,
    &nor_part_n25q512a,
    &nor_part_mx25l51245g,
    &nor_part_mx25lm51245g,
};
const unsigned nor_parts_count = sizeof nor_parts / sizeof nor_parts[0];

static bool id3_equal(const uint8_t *a, const uint8_t *b)
{
    return a[0] == b[0] && a[1] == b[1] && a[2] == b[2];
}

const struct nor_part *nor_part_by_jedec(const uint8_t id[3])
{
    for (unsigned i = 0; i < nor_parts_count; i++) {
        if (id3_equal(nor_parts[i]->jedec_id, id))
            return nor_parts[i];
    }
    return NULL;
}

const struct nor_part *nor_part_by_jedec_ext(const uint8_t *id, unsigned n)
{
    if (n < 3u)
        return NULL;
    /* Parts whose extended bytes are known must match them; a part without known
     * extended bytes is the fallback for its three-byte ID. */
    for (unsigned i = 0; i < nor_parts_count; i++) {
        const struct nor_part *p = nor_parts[i];
        if (p->jedec_ext_len == 0u || n < 3u + p->jedec_ext_len || !id3_equal(p->jedec_id, id))
            continue;
        bool match = true;
        for (unsigned k = 0; k < p->jedec_ext_len; k++)
            match = match && id[3u + k] == p->jedec_ext[k];
        if (match)
            return p;
    }
    for (unsigned i = 0; i < nor_parts_count; i++) {
        if (nor_parts[i]->jedec_ext_len == 0u && id3_equal(nor_parts[i]->jedec_id, id))
            return nor_parts[i];
    }
    return NULL;
}

const struct nor_part *nor_part_by_name(const char *name)
{
    if (name == NULL)
        return NULL;
    for (unsigned i = 0; i < nor_parts_count; i++) {
        const char *a = nor_parts[i]->name;
        const char *b = name;
        while (*a != '\0' && *a == *b) {
            a++;
            b++;
        }
        if (*a == '\0' && *b == '\0')
            return nor_parts[i];
    }
    return NULL;
}

uint8_t nor_micron_dummy(const struct nor_part *p, enum nor_read_mode m, uint8_t vcr_dummy)
{
    if ((unsigned)m >= NOR_RD_MODE_COUNT || p->default_dummy[m] == NA)
        return NA;
    if (m == NOR_RD_1_1_1)
        return 0; /* 03/13 never take dummy cycles */
    /* FS 6: 0 and 15 select the protocol default */
    if (vcr_dummy == 0u || vcr_dummy >= 15u)
        return p->default_dummy[m];
    return vcr_dummy;
}

uint8_t nor_macronix_dummy(enum nor_read_mode m, uint8_t dc)
{
    /* FS 6 (MBED, RH850, ST-F723). DC=11 is confirmed only for EB/EC (10, ST-F723); the
     * other DC=11 entries are UNCONFIRMED (taken as 8). */
    static const uint8_t fast[4] = {8, 6, 8, 8};   /* 0B, 3B, 6B */
    static const uint8_t dio[4] = {4, 6, 8, 8};    /* BB */
    static const uint8_t qio[4] = {6, 4, 8, 10};   /* EB, and EB in QPI */
    dc &= 3u;
    switch (m) {
    case NOR_RD_1_1_1: return 0;
    case NOR_RD_1_1_1_FAST:
    case NOR_RD_1_1_2:
    case NOR_RD_1_1_4: return fast[dc];
    case NOR_RD_1_2_2: return dio[dc];
    case NOR_RD_1_4_4:
    case NOR_RD_4_4_4: return qio[dc];
    default: return NA;
    }
}

uint8_t nor_mxlm_dummy(uint8_t dc_code)
{
    return (uint8_t)(20u - 2u * (dc_code & 7u)); /* FS 6: code = (20 - dummy) / 2 */
}
