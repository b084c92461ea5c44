/* SPI/quad/octal NOR flash model (see spi_nor.h). Written from the facts sheet
 * reference/nor-flash-parts.md ("FS n" = its section n) and the parts table.
 *
 * Every transaction is decoded in two steps: describe() says what the opcode must look
 * like on the bus in the current protocol and configuration (lines, DTR, address width,
 * dummy cycles, data direction), check() compares the transaction with it and refuses
 * the first mismatch with one log line; only then does execute() act. Refusals worded
 * "not implemented" are gaps of this model, everything else is a firmware mistake. */
#include "spi_nor.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PS_PER_US 1000000ull

enum proto { PROTO_SPI, PROTO_DUAL, PROTO_QUAD, PROTO_OPI_STR, PROTO_OPI_DTR };

static const char *const proto_names[] = {
    [PROTO_SPI] = "extended SPI (1-1-1)",
    [PROTO_DUAL] = "dual (2-2-2)",
    [PROTO_QUAD] = "QPI (4-4-4)",
    [PROTO_OPI_STR] = "octal STR (8-8-8)",
    [PROTO_OPI_DTR] = "octal DTR (8D-8D-8D)",
};

/* Status register bits common to all families (FS 5). */
#define SR_WIP 0x01u
#define SR_WEL 0x02u
#define SR_MX_QE 0x40u /* Macronix MX25L51245G only */

/* Micron flag status register (FS 5). */
#define FSR_READY 0x80u
#define FSR_ERASE_ERR 0x20u
#define FSR_PROG_ERR 0x10u
#define FSR_VPP_ERR 0x08u
#define FSR_PROT_ERR 0x02u
#define FSR_ADDR4 0x01u
#define FSR_ERR_MASK (FSR_ERASE_ERR | FSR_PROG_ERR | FSR_VPP_ERR | FSR_PROT_ERR)

/* Micron NVCR / EVCR / VCR (FS 5). */
#define NVCR_ADDR3 0x0001u      /* 1 = 3-byte addresses at power-on */
#define NVCR_DUAL_OFF 0x0004u
#define NVCR_QUAD_OFF 0x0008u
#define NVCR_DUMMY_SHIFT 12u
#define EVCR_DUAL_OFF 0x40u
#define EVCR_QUAD_OFF 0x80u
#define VCR_DUMMY_SHIFT 4u

/* Macronix CR (FS 5). */
#define CR_MX_4BYTE 0x20u
#define CR_MX_DC_SHIFT 6u
#define CR_MX_RESET 0x07u /* ODS 111; volatile bits at power-on (UNCONFIRMED beyond ODS) */

/* MX25LM51245G CR2 (FS 7). */
#define CR2_ADDR_MODE 0x00000000u
#define CR2_ADDR_DQS 0x00000200u
#define CR2_ADDR_DC 0x00000300u
#define CR2_ADDR_PPT 0x00000500u
#define CR2_ADDR_DEF 0x40000000u
#define CR2_SOPI 0x01u
#define CR2_DOPI 0x02u

enum kind {
    K_WREN, K_WRDI, K_RDSR, K_WRSR, K_RDFSR, K_CLFSR, K_RDVCR, K_WRVCR, K_RDNVCR, K_WRNVCR,
    K_RDEVCR, K_WREVCR, K_RDCR, K_RDCR2, K_WRCR2, K_RDEAR, K_WREAR, K_RSTEN, K_RST, K_RDID,
    K_RDSFDP, K_EN4B, K_EX4B, K_QPI_EN, K_QPI_EX, K_READ, K_PP, K_ERASE, K_CHIP_ERASE,
    K_DIE_ERASE,
};

enum dir { D_NONE, D_IN, D_OUT }; /* D_IN: device -> controller */

/* What a command must look like on the bus right now. */
struct cmd {
    enum kind kind;
    const char *what;
    uint8_t alines;
    bool adtr;
    uint8_t abytes;            /* 0: no address phase */
    const char *abytes_why;    /* reason for the width, for the log */
    uint8_t dummy;
    bool dummy_any_bytes;      /* register that repeats: any whole number of bytes */
    char dummy_why[48];
    uint8_t dlines;
    bool ddtr;
    enum dir dir;
    uint32_t min_len;          /* D_OUT: bytes needed */
    bool needs_wel;
    bool needs_qe;
    uint32_t erase_size;
    uint32_t erase_us;
};

struct spi_nor {
    const struct nor_part *part;
    uint8_t *storage;
    size_t stride;
    size_t offset;
    xspi_log_fn log;
    void *log_ctx;
    char name[40];

    /* non-volatile */
    uint8_t sr_nv;     /* SR bits 7:2 */
    uint16_t nvcr;     /* Micron */
    uint8_t cr2_def;   /* MX25LM CR2[0x40000000] */

    /* volatile */
    enum proto proto;
    bool addr4;
    bool wel;
    bool wel_clear_when_done;
    bool reset_enabled;
    uint8_t fsr_err;
    uint8_t vcr, evcr;
    uint8_t cr;        /* Macronix CR / CR1 */
    uint8_t cr2_mode, cr2_dqs, cr2_dc, cr2_ppt;
    uint8_t ear;
    uint64_t busy_until_ps;
    const char *busy_what;
    uint64_t recovery_until_ps;
    uint32_t recovery_us; /* length of the current recovery, for the log */
    uint32_t recovery_ignored; /* commands ignored during it (only the first is logged) */
};

/* ---- helpers ------------------------------------------------------------------------- */

static void nor_log(const struct spi_nor *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void nor_log(const struct spi_nor *f, const char *fmt, ...)
{
    char msg[256];
    int n = snprintf(msg, sizeof msg, "%s: ", f->name);
    va_list ap;
    va_start(ap, fmt);
    if (n > 0 && (size_t)n < sizeof msg)
        vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
    va_end(ap);
    if (f->log != NULL)
        f->log(f->log_ctx, msg);
}

static size_t cell(const struct spi_nor *f, uint32_t addr)
{
    return (size_t)(addr % f->part->size) * f->stride + f->offset;
}

static bool is_busy(const struct spi_nor *f, uint64_t now_ps)
{
    return now_ps < f->busy_until_ps;
}

static void set_busy(struct spi_nor *f, uint64_t now_ps, uint32_t us, const char *what)
{
    f->busy_until_ps = now_ps + (uint64_t)us * PS_PER_US;
    f->busy_what = what;
    f->wel_clear_when_done = true;
}

/* A finished program/erase/register write clears WEL (WEL reads 1 while WIP is set). */
static void settle(struct spi_nor *f, uint64_t now_ps)
{
    if (f->wel_clear_when_done && !is_busy(f, now_ps)) {
        f->wel = false;
        f->wel_clear_when_done = false;
    }
}

static bool is_micron(const struct spi_nor *f)
{
    return f->part->family == NOR_FAMILY_MICRON;
}

static uint8_t proto_lines(enum proto p)
{
    switch (p) {
    case PROTO_DUAL: return 2;
    case PROTO_QUAD: return 4;
    case PROTO_OPI_STR:
    case PROTO_OPI_DTR: return 8;
    default: return 1;
    }
}

static bool is_opi(const struct spi_nor *f)
{
    return f->proto == PROTO_OPI_STR || f->proto == PROTO_OPI_DTR;
}

/* Volatile state from the non-volatile configuration (power-on and software reset). */
static void load_defaults(struct spi_nor *f)
{
    f->wel = false;
    f->wel_clear_when_done = false;
    f->reset_enabled = false;
    f->fsr_err = 0;
    f->ear = 0;
    f->busy_until_ps = 0;
    f->busy_what = "nothing";
    f->proto = PROTO_SPI;
    f->addr4 = false;
    f->cr = CR_MX_RESET;
    f->cr2_mode = 0;
    f->cr2_dqs = 0;
    f->cr2_dc = 0;
    f->cr2_ppt = 0;
    f->vcr = 0;
    f->evcr = 0;
    switch (f->part->family) {
    case NOR_FAMILY_MICRON:
        /* FS 5: VCR[7:4] from NVCR[15:12], XIP off and wrap 11 -> low nibble 0xB; EVCR from
         * NVCR protocol bits, ODS 111, VPP/hold/DTR bits 1. */
        f->vcr = (uint8_t)(((f->nvcr >> NVCR_DUMMY_SHIFT) & 0xFu) << VCR_DUMMY_SHIFT) | 0x0Bu;
        f->evcr = 0x3Fu;
        if (f->nvcr & NVCR_QUAD_OFF)
            f->evcr |= EVCR_QUAD_OFF;
        if (f->nvcr & NVCR_DUAL_OFF)
            f->evcr |= EVCR_DUAL_OFF;
        f->addr4 = (f->nvcr & NVCR_ADDR3) == 0u;
        if ((f->evcr & EVCR_QUAD_OFF) == 0u)
            f->proto = PROTO_QUAD;
        else if ((f->evcr & EVCR_DUAL_OFF) == 0u)
            f->proto = PROTO_DUAL;
        break;
    case NOR_FAMILY_MACRONIX_OCTAL:
        f->cr2_mode = f->cr2_def & (CR2_SOPI | CR2_DOPI);
        if (f->cr2_mode & CR2_DOPI)
            f->proto = PROTO_OPI_DTR;
        else if (f->cr2_mode & CR2_SOPI)
            f->proto = PROTO_OPI_STR;
        break;
    case NOR_FAMILY_MACRONIX:
        break;
    }
}

/* ---- life cycle ------------------------------------------------------------------------ */

struct spi_nor *spi_nor_create(const struct nor_part *part, uint8_t *storage, size_t stride,
                               size_t offset, xspi_log_fn log, void *log_ctx, const char *name)
{
    if (part == NULL || storage == NULL || stride == 0 || offset >= stride)
        return NULL;
    struct spi_nor *f = calloc(1, sizeof *f);
    if (f == NULL)
        return NULL;
    f->part = part;
    f->storage = storage;
    f->stride = stride;
    f->offset = offset;
    f->log = log;
    f->log_ctx = log_ctx;
    snprintf(f->name, sizeof f->name, "%s", name != NULL ? name : part->name);
    f->sr_nv = 0;      /* factory state: no block protection, QE clear */
    f->nvcr = 0xFFFFu; /* FS 5: Micron NVCR reset value */
    f->cr2_def = 0;
    load_defaults(f);
    return f;
}

void spi_nor_destroy(struct spi_nor *f)
{
    free(f);
}

void spi_nor_power_on(struct spi_nor *f, uint64_t now_ps)
{
    (void)now_ps;
    load_defaults(f);
    f->recovery_until_ps = 0;
}

uint32_t spi_nor_size(const struct spi_nor *f)
{
    return f->part->size;
}

/* ---- decoding ------------------------------------------------------------------------ */

static enum nor_read_mode read_mode_of(const struct spi_nor *f, uint8_t op, uint8_t *alines,
                                       uint8_t *dlines)
{
    uint8_t pl = proto_lines(f->proto);
    *alines = pl;
    *dlines = pl;
    switch (f->proto) {
    case PROTO_DUAL: return NOR_RD_2_2_2;
    case PROTO_QUAD: return NOR_RD_4_4_4;
    case PROTO_OPI_STR: return NOR_RD_8_8_8;
    case PROTO_OPI_DTR: return NOR_RD_8D_8D_8D;
    case PROTO_SPI: break;
    }
    switch (op) {
    case 0x03: case 0x13: return NOR_RD_1_1_1;
    case 0x0B: case 0x0C: return NOR_RD_1_1_1_FAST;
    case 0x3B: case 0x3C: *dlines = 2; return NOR_RD_1_1_2;
    case 0xBB: case 0xBC: *alines = 2; *dlines = 2; return NOR_RD_1_2_2;
    case 0x6B: case 0x6C: *dlines = 4; return NOR_RD_1_1_4;
    default: *alines = 4; *dlines = 4; return NOR_RD_1_4_4; /* EB / EC */
    }
}

static void describe_dummy(const struct spi_nor *f, enum nor_read_mode m, struct cmd *c)
{
    switch (f->part->family) {
    case NOR_FAMILY_MICRON: {
        uint8_t v = (uint8_t)(f->vcr >> VCR_DUMMY_SHIFT);
        c->dummy = nor_micron_dummy(f->part, m, v);
        if (m == NOR_RD_1_1_1)
            snprintf(c->dummy_why, sizeof c->dummy_why, "none for this opcode");
        else
            snprintf(c->dummy_why, sizeof c->dummy_why, "VCR[7:4]=0x%X%s", v,
                     (v == 0u || v == 15u) ? ": default" : "");
        break;
    }
    case NOR_FAMILY_MACRONIX: {
        uint8_t dc = (uint8_t)(f->cr >> CR_MX_DC_SHIFT) & 3u;
        c->dummy = nor_macronix_dummy(m, dc);
        snprintf(c->dummy_why, sizeof c->dummy_why, "CR[7:6] DC=%u", dc);
        break;
    }
    case NOR_FAMILY_MACRONIX_OCTAL:
        if (m == NOR_RD_8_8_8 || m == NOR_RD_8D_8D_8D) {
            c->dummy = nor_mxlm_dummy(f->cr2_dc);
            snprintf(c->dummy_why, sizeof c->dummy_why, "CR2[0x300] DC=%u", f->cr2_dc & 7u);
        } else {
            c->dummy = f->part->default_dummy[m];
            snprintf(c->dummy_why, sizeof c->dummy_why, "fixed for this opcode");
        }
        break;
    }
}

/* Address width of an array command: 4-byte opcodes and octal always take 4 bytes. */
static void array_address(const struct spi_nor *f, bool four_byte_opcode, struct cmd *c)
{
    if (is_opi(f)) {
        c->abytes = 4;
        c->abytes_why = "octal commands always take 4";
    } else if (four_byte_opcode) {
        c->abytes = 4;
        c->abytes_why = "4-byte opcode";
    } else if (f->addr4) {
        c->abytes = 4;
        c->abytes_why = "4-byte address mode";
    } else {
        c->abytes = 3;
        c->abytes_why = "3-byte address mode";
    }
}

/* Register command shapes. */
static void reg_in(const struct spi_nor *f, struct cmd *c, enum kind k, const char *what,
                   bool repeats)
{
    uint8_t pl = proto_lines(f->proto);
    c->kind = k;
    c->what = what;
    c->dir = D_IN;
    c->dlines = pl;
    c->ddtr = f->proto == PROTO_OPI_DTR;
    if (is_opi(f)) {
        /* FS 7: octal register reads carry a 4-byte address and register dummy cycles */
        c->alines = 8;
        c->adtr = c->ddtr;
        c->abytes = 4;
        c->abytes_why = "octal commands always take 4";
        c->dummy = c->ddtr ? f->part->opi_reg_dummy_dtr : f->part->opi_reg_dummy_str;
        snprintf(c->dummy_why, sizeof c->dummy_why, "octal register read");
    } else {
        snprintf(c->dummy_why, sizeof c->dummy_why, "none for register reads");
        /* A status register is driven out again and again: dummy cycles covering whole
         * bytes only shift the sampling point onto another copy (ST polls this way). */
        c->dummy_any_bytes = repeats;
    }
}

static void reg_out(const struct spi_nor *f, struct cmd *c, enum kind k, const char *what,
                    uint32_t min_len, bool needs_wel)
{
    uint8_t pl = proto_lines(f->proto);
    c->kind = k;
    c->what = what;
    c->dir = min_len ? D_OUT : D_NONE;
    c->dlines = min_len ? pl : 0;
    c->ddtr = min_len && f->proto == PROTO_OPI_DTR;
    /* in octal DTR a data phase is whole 16-bit words: register writes take 2 bytes (FS 7) */
    c->min_len = (min_len != 0u && f->proto == PROTO_OPI_DTR && min_len < 2u) ? 2u : min_len;
    c->needs_wel = needs_wel;
    snprintf(c->dummy_why, sizeof c->dummy_why, "none for this command");
    if (is_opi(f) && min_len) {
        c->alines = 8;
        c->adtr = f->proto == PROTO_OPI_DTR;
        c->abytes = 4;
        c->abytes_why = "octal commands always take 4";
    }
}

/* Fills c for opcode op in the current state. Returns 0, or -1 with why filled:
 * *firmware_error tells a firmware mistake from a gap of the model. */
static int describe(const struct spi_nor *f, uint8_t op, struct cmd *c, char *why,
                    size_t why_len, bool *firmware_error)
{
    const struct nor_part *p = f->part;
    const bool micron = is_micron(f);
    const bool octal = p->family == NOR_FAMILY_MACRONIX_OCTAL;
    const bool opi = is_opi(f);
    const uint8_t pl = proto_lines(f->proto);
    memset(c, 0, sizeof *c);
    *firmware_error = true;

    switch (op) {
    case 0x06: reg_out(f, c, K_WREN, "write enable", 0, false); return 0;
    case 0x04: reg_out(f, c, K_WRDI, "write disable", 0, false); return 0;
    case 0x05: reg_in(f, c, K_RDSR, "read status register", true); return 0;
    case 0x66: reg_out(f, c, K_RSTEN, "reset enable", 0, false); return 0;
    case 0x99: reg_out(f, c, K_RST, "reset memory", 0, false); return 0;
    case 0x01:
        reg_out(f, c, K_WRSR, "write status register", 1, true);
        return 0;
    case 0x70:
    case 0x50:
        if (!(p->flags & NOR_F_FSR))
            break;
        if (op == 0x70)
            reg_in(f, c, K_RDFSR, "read flag status register", true);
        else
            reg_out(f, c, K_CLFSR, "clear flag status register", 0, false);
        return 0;
    case 0x85: case 0x81: case 0xB5: case 0xB1: case 0x65: case 0x61:
        if (!micron)
            break;
        switch (op) {
        case 0x85: reg_in(f, c, K_RDVCR, "read volatile configuration register", false); break;
        case 0x81: reg_out(f, c, K_WRVCR, "write volatile configuration register", 1, true); break;
        case 0xB5: reg_in(f, c, K_RDNVCR, "read non-volatile configuration register", false); break;
        case 0xB1: reg_out(f, c, K_WRNVCR, "write non-volatile configuration register", 2, true); break;
        case 0x65: reg_in(f, c, K_RDEVCR, "read enhanced volatile configuration register", false); break;
        default: reg_out(f, c, K_WREVCR, "write enhanced volatile configuration register", 1, true); break;
        }
        return 0;
    case 0x15:
        if (micron)
            break;
        reg_in(f, c, K_RDCR, "read configuration register", true);
        return 0;
    case 0x71:
    case 0x72:
        if (!octal)
            break;
        if (op == 0x71)
            reg_in(f, c, K_RDCR2, "read configuration register 2", false);
        else
            reg_out(f, c, K_WRCR2, "write configuration register 2", 1, true);
        /* FS 7: CR2 access always carries a 4-byte address, also in 1-1-1 */
        c->alines = pl;
        c->adtr = f->proto == PROTO_OPI_DTR;
        c->abytes = 4;
        c->abytes_why = "CR2 commands always take 4";
        return 0;
    case 0xC8:
    case 0xC5:
        if (!(p->flags & NOR_F_EAR) || opi)
            break;
        if (op == 0xC8)
            reg_in(f, c, K_RDEAR, "read extended address register", false);
        else
            reg_out(f, c, K_WREAR, "write extended address register", 1, micron);
        return 0;
    case 0x9E:
        if (!micron || f->proto != PROTO_SPI)
            break;
        reg_in(f, c, K_RDID, "read ID", false); /* FS 3: Micron 9E = 9F in 1-1-1 */
        return 0;
    case 0x75: case 0x7A: case 0xB0: case 0x30: case 0xB9: case 0xAB: case 0x4B: case 0x42:
    case 0x2B: case 0x2F: case 0xE8: case 0xE5: case 0x68: case 0xC0:
        /* real commands of these families (suspend/resume, deep power-down, OTP/UID,
         * security and lock registers, burst length) that this model does not carry */
        *firmware_error = false;
        snprintf(why, why_len, "opcode 0x%02X (suspend/power-down/OTP/lock family) not implemented, ignored", op);
        return -1;
    case 0x9F:
    case 0xAF:
        /* FS 3: 9F in 1-1-1 and octal; AF (multiple I/O read ID) in dual/quad protocols */
        if (op == 0x9F && (f->proto == PROTO_DUAL || f->proto == PROTO_QUAD)) {
            snprintf(why, why_len, "0x9F is not accepted in %s protocol; use 0xAF",
                     proto_names[f->proto]);
            return -1;
        }
        if (op == 0xAF && (f->proto == PROTO_SPI || opi)) {
            snprintf(why, why_len, "0xAF (multiple I/O read ID) is not accepted in %s protocol; use 0x9F",
                     proto_names[f->proto]);
            return -1;
        }
        reg_in(f, c, K_RDID, "read JEDEC ID", false);
        return 0;
    case 0x5A:
        if (opi) {
            *firmware_error = false;
            snprintf(why, why_len, "SFDP read in %s protocol not implemented", proto_names[f->proto]);
            return -1;
        }
        c->kind = K_RDSFDP;
        c->what = "SFDP read";
        c->alines = pl;
        c->abytes = 3;
        c->abytes_why = "SFDP always takes 3";
        c->dummy = p->sfdp_dummy;
        snprintf(c->dummy_why, sizeof c->dummy_why, "fixed for SFDP");
        c->dlines = pl;
        c->dir = D_IN;
        return 0;
    case 0xB7:
    case 0xE9:
        if (opi)
            break;
        reg_out(f, c, op == 0xB7 ? K_EN4B : K_EX4B,
                op == 0xB7 ? "enter 4-byte address mode" : "exit 4-byte address mode", 0,
                (p->flags & NOR_F_WREN_4B) != 0u);
        return 0;
    case 0x35:
    case 0xF5:
        if (!(p->flags & NOR_F_QPI))
            break;
        if (op == 0x35 && f->proto != PROTO_SPI) {
            snprintf(why, why_len, "0x35 (enter QPI) sent in %s protocol", proto_names[f->proto]);
            return -1;
        }
        if (op == 0xF5 && f->proto != PROTO_QUAD) {
            snprintf(why, why_len, "0xF5 (exit QPI) sent in %s protocol", proto_names[f->proto]);
            return -1;
        }
        reg_out(f, c, op == 0x35 ? K_QPI_EN : K_QPI_EX,
                op == 0x35 ? "enter QPI" : "exit QPI", 0, false);
        return 0;

    /* array reads */
    case 0x03: case 0x13: case 0x0B: case 0x0C: case 0x3B: case 0x3C: case 0xBB: case 0xBC:
    case 0x6B: case 0x6C: case 0xEB: case 0xEC: case 0xEE: {
        const bool four = op == 0x13 || op == 0x0C || op == 0x3C || op == 0xBC || op == 0x6C ||
                          op == 0xEC || op == 0xEE;
        if (op == 0xEE && f->proto != PROTO_OPI_DTR) {
            *firmware_error = f->proto == PROTO_OPI_STR;
            snprintf(why, why_len, "%s", f->proto == PROTO_OPI_STR
                     ? "0xEE11 is the octal DTR read; in octal STR use 0xEC13"
                     : "DTR read 0xEE in single/quad protocols not implemented");
            return -1;
        }
        if (opi && op != 0xEC && op != 0xEE) {
            snprintf(why, why_len, "0x%02X is not an octal read; use 0x%s", op,
                     f->proto == PROTO_OPI_DTR ? "EE11" : "EC13");
            return -1;
        }
        if (f->proto == PROTO_OPI_DTR && op == 0xEC) {
            snprintf(why, why_len, "0xEC13 is the octal STR read; in octal DTR use 0xEE11");
            return -1;
        }
        if (!opi && op != 0x03 && op != 0x13 && op != 0x0B && op != 0x0C &&
            !(p->flags & NOR_F_QUAD_READS)) {
            break;
        }
        if (f->proto == PROTO_DUAL && (op == 0x6B || op == 0x6C || op == 0xEB || op == 0xEC)) {
            snprintf(why, why_len, "quad read 0x%02X is not accepted in dual (2-2-2) protocol", op);
            return -1;
        }
        if (f->proto == PROTO_QUAD && (op == 0x3B || op == 0x3C || op == 0xBB || op == 0xBC)) {
            snprintf(why, why_len, "dual read 0x%02X is not accepted in QPI (4-4-4) protocol", op);
            return -1;
        }
        if ((f->proto == PROTO_DUAL || f->proto == PROTO_QUAD) && (op == 0x03 || op == 0x13)) {
            *firmware_error = false;
            snprintf(why, why_len, "0x%02X in %s protocol not implemented (use a fast read)", op,
                     proto_names[f->proto]);
            return -1;
        }
        if (f->proto == PROTO_QUAD && !micron && op != 0xEB && op != 0xEC) {
            *firmware_error = false;
            snprintf(why, why_len, "0x%02X in QPI not implemented for this part (use 0xEB/0xEC)", op);
            return -1;
        }
        uint8_t al, dl;
        enum nor_read_mode m = read_mode_of(f, op, &al, &dl);
        c->kind = K_READ;
        c->what = "read";
        c->alines = al;
        c->adtr = f->proto == PROTO_OPI_DTR;
        array_address(f, four, c);
        describe_dummy(f, m, c);
        c->dlines = dl;
        c->ddtr = c->adtr;
        c->dir = D_IN;
        c->needs_qe = (p->flags & NOR_F_QE_BIT) && f->proto == PROTO_SPI && dl == 4;
        return 0;
    }
    case 0x0D: case 0x0E: case 0xBD: case 0xBE: case 0xED:
        *firmware_error = false;
        snprintf(why, why_len, "DTR read 0x%02X in single/quad protocols not implemented", op);
        return -1;

    /* page program */
    case 0x02: case 0x12: case 0x32: case 0x34: case 0x38: case 0x3E: {
        const bool four = op == 0x12 || op == 0x34 || op == 0x3E;
        uint8_t al = pl, dl = pl;
        if (opi && op != 0x12) {
            snprintf(why, why_len, "0x%02X is not an octal program; use 0x12ED", op);
            return -1;
        }
        if ((op == 0x32 || op == 0x34) && !(p->flags & NOR_F_PP_1_1_4))
            break;
        if ((op == 0x38 || op == 0x3E) && !(p->flags & NOR_F_PP_1_4_4))
            break;
        if (f->proto == PROTO_DUAL && op != 0x02 && op != 0x12) {
            snprintf(why, why_len, "quad program 0x%02X is not accepted in dual (2-2-2) protocol", op);
            return -1;
        }
        if (f->proto == PROTO_SPI) {
            if (op == 0x32 || op == 0x34)
                dl = 4;
            else if (op == 0x38 || op == 0x3E)
                al = dl = 4;
        }
        c->kind = K_PP;
        c->what = "page program";
        c->alines = al;
        c->adtr = f->proto == PROTO_OPI_DTR;
        array_address(f, four, c);
        snprintf(c->dummy_why, sizeof c->dummy_why, "none for programs");
        c->dlines = dl;
        c->ddtr = c->adtr;
        c->dir = D_OUT;
        c->min_len = 1;
        c->needs_wel = true;
        c->needs_qe = (p->flags & NOR_F_QE_BIT) && f->proto == PROTO_SPI && dl == 4;
        return 0;
    }

    /* erase */
    case 0x60: case 0xC7: case 0xC4:
        if (op == 0xC4) {
            if (!(p->flags & NOR_F_DIE_ERASE))
                break;
            c->kind = K_DIE_ERASE;
            c->what = "die erase";
            c->alines = pl;
            c->adtr = f->proto == PROTO_OPI_DTR;
            array_address(f, false, c);
        } else {
            if (p->flags & NOR_F_DIE_ERASE) {
                snprintf(why, why_len, "0x%02X: no bulk erase on this stacked-die part; use die erase 0xC4", op);
                return -1;
            }
            if (opi && op != 0x60) {
                snprintf(why, why_len, "0xC7 is not an octal command; use 0x609F");
                return -1;
            }
            c->kind = K_CHIP_ERASE;
            c->what = "chip erase";
        }
        snprintf(c->dummy_why, sizeof c->dummy_why, "none for erases");
        c->needs_wel = true;
        return 0;
    default:
        for (unsigned i = 0; i < p->erase_count; i++) {
            const struct nor_erase_type *e = &p->erase[i];
            if (op != e->opcode_3b && op != e->opcode_4b)
                continue;
            if (opi && op != e->opcode_4b) {
                snprintf(why, why_len, "0x%02X is not an octal erase; use the 4-byte opcode 0x%02X",
                         op, e->opcode_4b);
                return -1;
            }
            c->kind = K_ERASE;
            c->what = "erase";
            c->alines = pl;
            c->adtr = f->proto == PROTO_OPI_DTR;
            array_address(f, op == e->opcode_4b, c);
            snprintf(c->dummy_why, sizeof c->dummy_why, "none for erases");
            c->needs_wel = true;
            c->erase_size = e->size;
            c->erase_us = e->max_us;
            return 0;
        }
        break;
    }
    snprintf(why, why_len, "unknown opcode 0x%02X for %s in %s protocol, ignored", op, p->name,
             proto_names[f->proto]);
    return -1;
}

/* ---- checking ------------------------------------------------------------------------ */

static const char *dtr_s(bool dtr)
{
    return dtr ? " DTR" : "";
}

static bool in_recovery(const struct spi_nor *f, uint64_t now_ps, char *why, size_t why_len)
{
    if (now_ps >= f->recovery_until_ps)
        return false;
    snprintf(why, why_len,
             "command ignored: within reset recovery (%" PRIu64 " ps left of %" PRIu32 " us)",
             f->recovery_until_ps - now_ps, f->recovery_us);
    return true;
}

/* Instruction phase and opcode. Returns the opcode, or -1 with why filled. */
static int check_instruction(const struct spi_nor *f, const struct xspi_xfer *x, char *why,
                             size_t why_len)
{
    const uint8_t pl = proto_lines(f->proto);
    const bool pdtr = f->proto == PROTO_OPI_DTR;
    const uint8_t bytes = is_opi(f) ? 2 : 1;
    if (x->instr.lines != pl || x->instr.dtr != pdtr || x->instr_bytes != bytes) {
        snprintf(why, why_len,
                 "instruction 0x%0*X on %u line(s)%s, %u byte(s), ignored: expected %u line(s)%s, "
                 "%u byte(s) (%s protocol)",
                 x->instr_bytes == 2 ? 4 : 2, x->instruction, x->instr.lines, dtr_s(x->instr.dtr),
                 x->instr_bytes, pl, dtr_s(pdtr), bytes, proto_names[f->proto]);
        return -1;
    }
    if (bytes == 1)
        return x->instruction & 0xFFu;
    uint8_t op = (uint8_t)(x->instruction >> 8);
    uint8_t inv = (uint8_t)x->instruction;
    if ((unsigned)(inv ^ op) != 0xFFu) {
        snprintf(why, why_len, "octal instruction 0x%04X ignored: second byte must be 0x%02X (~0x%02X)",
                 x->instruction, (uint8_t)(op ^ 0xFFu), op);
        return -1;
    }
    return op;
}

/* The phases after the instruction. */
static bool check_shape(const struct spi_nor *f, const struct xspi_xfer *x, uint8_t op,
                        const struct cmd *c, bool mmap, char *why, size_t why_len)
{
    const struct nor_part *p = f->part;
    /* address */
    if (c->abytes == 0) {
        if (x->addr.lines != 0) {
            snprintf(why, why_len, "0x%02X %s sent with an address phase; it takes none", op, c->what);
            return false;
        }
    } else {
        if (x->addr.lines != c->alines || x->addr.dtr != c->adtr) {
            snprintf(why, why_len, "0x%02X %s address on %u line(s)%s, expected %u line(s)%s",
                     op, c->what, x->addr.lines, dtr_s(x->addr.dtr), c->alines, dtr_s(c->adtr));
            return false;
        }
        if (x->addr_bytes != c->abytes) {
            snprintf(why, why_len, "0x%02X %s with a %u-byte address, expected %u (%s)", op,
                     c->what, x->addr_bytes, c->abytes, c->abytes_why);
            return false;
        }
    }
    /* alternate bytes are clocks between address and data like dummy cycles (mode bits) */
    unsigned waits = x->dummy_cycles;
    if (x->alt.lines != 0) {
        unsigned bits_per_clock = x->alt.lines * (x->alt.dtr ? 2u : 1u);
        waits += (8u * x->alt_bytes + bits_per_clock - 1u) / bits_per_clock;
    }
    if (c->dir == D_IN) {
        unsigned byte_clocks = 8u / (c->dlines * (c->ddtr ? 2u : 1u));
        if (byte_clocks == 0u)
            byte_clocks = 1u;
        bool ok = c->dummy_any_bytes ? waits % byte_clocks == 0 : waits == c->dummy;
        if (!ok) {
            snprintf(why, why_len, "0x%02X %s with %u dummy cycles, expected %u (%s)", op, c->what,
                     waits, c->dummy, c->dummy_why);
            return false;
        }
    } else if (waits != 0) {
        snprintf(why, why_len, "0x%02X %s with %u dummy cycles, expected 0 (%s)", op, c->what,
                 waits, c->dummy_why);
        return false;
    }
    /* data */
    bool has_data = mmap ? x->data.lines != 0 : (x->data.lines != 0 && x->len != 0);
    if (c->dir == D_NONE) {
        if (has_data) {
            snprintf(why, why_len, "0x%02X %s sent with a data phase; it takes none", op, c->what);
            return false;
        }
    } else {
        if (c->dir == D_IN && x->write) {
            snprintf(why, why_len, "0x%02X %s sent with write data; it returns data", op, c->what);
            return false;
        }
        if (c->dir == D_OUT && !x->write && has_data) {
            snprintf(why, why_len, "0x%02X %s sent as a read; it takes data from the controller",
                     op, c->what);
            return false;
        }
        if (has_data && (x->data.lines != c->dlines || x->data.dtr != c->ddtr)) {
            snprintf(why, why_len, "0x%02X %s data on %u line(s)%s, expected %u line(s)%s", op,
                     c->what, x->data.lines, dtr_s(x->data.dtr), c->dlines, dtr_s(c->ddtr));
            return false;
        }
        if (c->dir == D_OUT && x->len < c->min_len) {
            snprintf(why, why_len, "0x%02X %s with %" PRIu32 " data byte(s), needs %" PRIu32, op,
                     c->what, x->len, c->min_len);
            return false;
        }
        if (c->dir == D_IN && c->ddtr && !x->dqs) {
            snprintf(why, why_len, "0x%02X %s in octal DTR without DQS: data cannot be sampled", op,
                     c->what);
            return false;
        }
    }
    /* clock */
    bool dtr = x->instr.dtr || x->addr.dtr || x->data.dtr;
    uint32_t max = dtr ? p->max_dtr_hz : p->max_str_hz;
    if (x->clk_hz > max) {
        snprintf(why, why_len, "0x%02X %s at %" PRIu64 " Hz, above the %s maximum of %" PRIu32 " Hz",
                 op, c->what, x->clk_hz, dtr ? "DTR" : "STR", max);
        return false;
    }
    /* MX25LM51245G: the CR2 dummy-cycle setting bounds the clock of octal array reads
     * (facts sheet 6, ST-MXLM1 constant names: 6 cycles 66 MHz, 8 84, 10 104, 14 133 MHz;
     * 12 cycles taken as 104 MHz and the DTR column as the STR one: UNCONFIRMED). */
    if (c->kind == K_READ && is_opi(f) && (p->flags & NOR_F_OPI)) {
        uint32_t lim = c->dummy >= 14u ? 133000000u : c->dummy >= 10u ? 104000000u
                     : c->dummy >= 8u ? 84000000u : 66000000u;
        if (x->clk_hz > lim) {
            snprintf(why, why_len, "0x%02X %s with %u dummy cycles (%s) at %" PRIu64 " Hz: the flash needs "
                     "more dummy cycles above %" PRIu32 " Hz", op, c->what, c->dummy, c->dummy_why, x->clk_hz, lim);
            return false;
        }
    }
    if (c->needs_qe && !(f->sr_nv & SR_MX_QE)) {
        snprintf(why, why_len, "0x%02X quad %s with SR[6] QE=0: IO2/IO3 are WP#/HOLD#", op, c->what);
        return false;
    }
    return true;
}

/* ---- execution ----------------------------------------------------------------------- */

static uint8_t status_value(const struct spi_nor *f, uint64_t now_ps)
{
    uint8_t sr = (uint8_t)(f->sr_nv & 0xFCu);
    if (f->wel)
        sr |= SR_WEL;
    if (is_busy(f, now_ps))
        sr |= SR_WIP;
    return sr;
}

static uint8_t fsr_value(const struct spi_nor *f, uint64_t now_ps)
{
    uint8_t v = f->fsr_err;
    if (!is_busy(f, now_ps))
        v |= FSR_READY;
    if (f->addr4)
        v |= FSR_ADDR4;
    return v;
}

static uint8_t cr_value(const struct spi_nor *f)
{
    uint8_t v = (uint8_t)(f->cr & ~CR_MX_4BYTE);
    if (f->part->family == NOR_FAMILY_MACRONIX && f->addr4)
        v |= CR_MX_4BYTE;
    return v;
}

/* Register read: pattern of n bytes repeated over the buffer; in octal DTR each byte is
 * driven on both edges of a clock, so it arrives twice (FS 1, FS 7). */
static void fill_pattern(const struct spi_nor *f, const struct xspi_xfer *x, const uint8_t *pat,
                         unsigned n)
{
    if (x->buf == NULL)
        return;
    unsigned rep = f->proto == PROTO_OPI_DTR ? 2u : 1u;
    for (uint32_t i = 0; i < x->len; i++)
        x->buf[i] = pat[(i / rep) % n];
}

static uint32_t array_addr(const struct spi_nor *f, const struct xspi_xfer *x)
{
    uint32_t a = x->address;
    if (x->addr_bytes == 3 && (f->part->flags & NOR_F_EAR))
        a = (a & 0x00FFFFFFu) | ((uint32_t)(f->ear & 0x03u) << 24);
    return a % f->part->size;
}

/* Block protection (FS 5 bit positions). The mapping of a BP value n to the protected
 * area is UNCONFIRMED for these parts (no datasheet table in reach): taken as the top
 * (TB=0) or bottom (TB=1) 64 KiB << (n - 1) bytes, the whole array from there on. */
static uint32_t protected_bytes(const struct spi_nor *f, bool *bottom)
{
    unsigned bp;
    if (is_micron(f)) {
        bp = ((f->sr_nv >> 2) & 0x7u) | (((f->sr_nv >> 6) & 0x1u) << 3);
        *bottom = (f->sr_nv & 0x20u) != 0u;
    } else {
        bp = (f->sr_nv >> 2) & 0xFu;
        *bottom = (f->cr & 0x08u) != 0u; /* CR TB */
    }
    if (bp == 0u)
        return 0;
    uint64_t n = (uint64_t)(64u * 1024u) << (bp - 1u);
    return n >= f->part->size ? f->part->size : (uint32_t)n;
}

/* Refuses a program/erase touching [start, start + len): logs, sets the Micron error
 * flags, drops WEL. Returns true when refused. */
static bool refuse_protected(struct spi_nor *f, uint8_t op, const char *what, uint32_t start,
                             uint32_t len, bool erase)
{
    bool bottom;
    uint32_t n = protected_bytes(f, &bottom);
    if (n == 0u)
        return false;
    uint32_t lo = bottom ? 0u : f->part->size - n;
    uint32_t hi = bottom ? n : f->part->size;
    if (!(start < hi && start + len > lo))
        return false;
    nor_log(f, "0x%02X %s at 0x%08" PRIX32 " ignored: 0x%08" PRIX32 "-0x%08" PRIX32
            " is write-protected by SR BP bits (SR=0x%02X)", op, what, start, lo, hi - 1u, f->sr_nv);
    if (f->part->flags & NOR_F_FSR)
        f->fsr_err |= (uint8_t)(FSR_PROT_ERR | (erase ? FSR_ERASE_ERR : FSR_PROG_ERR));
    f->wel = false;
    return true;
}

static void do_read(const struct spi_nor *f, const struct xspi_xfer *x)
{
    if (x->buf == NULL)
        return;
    uint32_t a = array_addr(f, x);
    for (uint32_t i = 0; i < x->len; i++) {
        uint32_t j = f->proto == PROTO_OPI_DTR ? (i ^ 1u) : i;
        x->buf[i] = f->storage[cell(f, a + j)];
    }
}

static int do_program(struct spi_nor *f, const struct xspi_xfer *x, uint64_t now_ps)
{
    const uint32_t page = f->part->page_size;
    uint32_t a = array_addr(f, x);
    uint32_t base = a - a % page;
    uint32_t start = a % page;
    /* more than a page: only the last page-size bytes are kept, wrapping in the page */
    uint32_t skip = x->len > page ? x->len - page : 0;
    if (refuse_protected(f, (uint8_t)(x->instr_bytes == 2 ? x->instruction >> 8 : x->instruction),
                         "page program", base, page, false))
        return -1;
    for (uint32_t i = skip; i < x->len; i++) {
        uint32_t j = f->proto == PROTO_OPI_DTR ? (i ^ 1u) : i;
        if (j >= x->len)
            continue;
        uint32_t col = (start + i) % page;
        f->storage[cell(f, base + col)] &= x->buf[j]; /* NOR: programming only clears bits */
    }
    set_busy(f, now_ps, f->part->page_program_max_us, "page program");
    return 0;
}

static void fill_erased(struct spi_nor *f, uint32_t start, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++)
        f->storage[cell(f, start + i)] = 0xFF;
}

static void do_reset(struct spi_nor *f, uint64_t now_ps)
{
    bool was_busy = is_busy(f, now_ps);
    uint32_t us = was_busy ? f->part->reset_recovery_busy_us : f->part->reset_recovery_us;
    load_defaults(f);
    f->recovery_until_ps = now_ps + (uint64_t)us * PS_PER_US;
    f->recovery_us = us;
    f->recovery_ignored = 0;
}

static void set_proto(struct spi_nor *f, enum proto p)
{
    f->proto = p;
}

static void micron_apply_evcr(struct spi_nor *f)
{
    if ((f->evcr & EVCR_QUAD_OFF) == 0u)
        set_proto(f, PROTO_QUAD);
    else if ((f->evcr & EVCR_DUAL_OFF) == 0u)
        set_proto(f, PROTO_DUAL);
    else
        set_proto(f, PROTO_SPI);
}

static int execute(struct spi_nor *f, const struct xspi_xfer *x, uint8_t op,
                   const struct cmd *c, uint64_t now_ps)
{
    const struct nor_part *p = f->part;
    uint8_t pat[8];
    switch (c->kind) {
    case K_WREN: f->wel = true; return 0;
    case K_WRDI: f->wel = false; return 0;
    case K_RSTEN: f->reset_enabled = true; return 0;
    case K_RST: do_reset(f, now_ps); return 0;
    case K_RDSR: pat[0] = status_value(f, now_ps); fill_pattern(f, x, pat, 1); return 0;
    case K_RDFSR: pat[0] = fsr_value(f, now_ps); fill_pattern(f, x, pat, 1); return 0;
    case K_CLFSR: f->fsr_err = 0; return 0;
    case K_RDVCR: pat[0] = f->vcr; fill_pattern(f, x, pat, 1); return 0;
    case K_RDEVCR: pat[0] = f->evcr; fill_pattern(f, x, pat, 1); return 0;
    case K_RDNVCR:
        pat[0] = (uint8_t)f->nvcr;
        pat[1] = (uint8_t)(f->nvcr >> 8);
        fill_pattern(f, x, pat, 2);
        return 0;
    case K_RDCR: pat[0] = cr_value(f); fill_pattern(f, x, pat, 1); return 0;
    case K_RDEAR: pat[0] = f->ear; fill_pattern(f, x, pat, 1); return 0;
    case K_RDID: {
        unsigned n = 0;
        for (unsigned i = 0; i < 3; i++)
            pat[n++] = p->jedec_id[i];
        for (unsigned i = 0; i < p->jedec_ext_len; i++)
            pat[n++] = p->jedec_ext[i];
        /* bytes beyond the known ID read as 0 (UID contents not modelled) */
        if (x->buf != NULL) {
            unsigned rep = f->proto == PROTO_OPI_DTR ? 2u : 1u;
            for (uint32_t i = 0; i < x->len; i++)
                x->buf[i] = i / rep < n ? pat[i / rep] : 0x00;
        }
        return 0;
    }
    case K_RDSFDP:
        if (x->buf != NULL) {
            for (uint32_t i = 0; i < x->len; i++) {
                uint32_t a = (x->address & 0x00FFFFFFu) + i;
                x->buf[i] = a < p->sfdp_len ? p->sfdp[a] : 0xFF;
            }
        }
        return 0;
    case K_READ: do_read(f, x); return 0;
    case K_WRSR: {
        /* WIP/WEL are read-only; Macronix 0x01 also takes the CR as second byte (FS 3) */
        f->sr_nv = (uint8_t)(x->buf[0] & 0xFCu);
        if (!is_micron(f) && x->len >= 2) {
            uint8_t keep = CR_MX_4BYTE;
            f->cr = (uint8_t)((x->buf[1] & ~keep) | (f->cr & keep));
        }
        set_busy(f, now_ps, p->write_status_max_us, "write status register");
        return 0;
    }
    case K_WRVCR: f->vcr = x->buf[0]; f->wel = false; return 0;
    case K_WREVCR:
        f->evcr = x->buf[0];
        f->wel = false;
        micron_apply_evcr(f);
        return 0;
    case K_WRNVCR:
        f->nvcr = (uint16_t)(x->buf[0] | (x->buf[1] << 8));
        set_busy(f, now_ps, p->write_status_max_us, "write non-volatile configuration register");
        return 0;
    case K_WREAR: f->ear = x->buf[0]; f->wel = is_micron(f) ? false : f->wel; return 0;
    case K_EN4B: f->addr4 = true; return 0;
    case K_EX4B: f->addr4 = false; return 0;
    case K_QPI_EN:
        if (is_micron(f)) {
            f->evcr = (uint8_t)(f->evcr & ~EVCR_QUAD_OFF);
            micron_apply_evcr(f);
        } else {
            set_proto(f, PROTO_QUAD);
        }
        return 0;
    case K_QPI_EX:
        if (is_micron(f)) {
            f->evcr |= EVCR_QUAD_OFF;
            micron_apply_evcr(f);
        } else {
            set_proto(f, PROTO_SPI);
        }
        return 0;
    case K_RDCR2: {
        uint8_t v;
        switch (x->address) {
        case CR2_ADDR_MODE: v = f->cr2_mode; break;
        case CR2_ADDR_DQS: v = f->cr2_dqs; break;
        case CR2_ADDR_DC: v = f->cr2_dc; break;
        case CR2_ADDR_PPT: v = f->cr2_ppt; break;
        case CR2_ADDR_DEF: v = f->cr2_def; break;
        default:
            nor_log(f, "0x71 read of CR2 address 0x%08" PRIX32 " not implemented, reads 0xFF",
                    x->address);
            v = 0xFF;
            break;
        }
        pat[0] = v;
        fill_pattern(f, x, pat, 1);
        return 0;
    }
    case K_WRCR2: {
        uint8_t v = x->buf[0];
        f->wel = false;
        switch (x->address) {
        case CR2_ADDR_MODE:
            f->cr2_mode = v & (CR2_SOPI | CR2_DOPI);
            if (v & CR2_DOPI)
                set_proto(f, PROTO_OPI_DTR);
            else if (v & CR2_SOPI)
                set_proto(f, PROTO_OPI_STR);
            else
                set_proto(f, PROTO_SPI);
            return 0;
        case CR2_ADDR_DQS: f->cr2_dqs = v & 0x03u; return 0;
        case CR2_ADDR_DC: f->cr2_dc = v & 0x07u; return 0;
        case CR2_ADDR_PPT: f->cr2_ppt = v & 0x01u; return 0;
        case CR2_ADDR_DEF:
            /* non-volatile: programmed like a status register */
            f->cr2_def = v & (CR2_SOPI | CR2_DOPI);
            set_busy(f, now_ps, p->write_status_max_us, "write configuration register 2");
            return 0;
        default:
            nor_log(f, "0x72 write of CR2 address 0x%08" PRIX32 " not implemented, ignored",
                    x->address);
            return -1;
        }
    }
    case K_PP: return do_program(f, x, now_ps);
    case K_ERASE: {
        uint32_t a = array_addr(f, x);
        uint32_t start = a - a % c->erase_size;
        if (refuse_protected(f, op, c->what, start, c->erase_size, true))
            return -1;
        fill_erased(f, start, c->erase_size);
        set_busy(f, now_ps, c->erase_us, "erase");
        return 0;
    }
    case K_DIE_ERASE: {
        uint32_t a = array_addr(f, x);
        if (refuse_protected(f, op, c->what, a - a % p->die_size, p->die_size, true))
            return -1;
        fill_erased(f, a - a % p->die_size, p->die_size);
        set_busy(f, now_ps, p->chip_erase_max_us, "die erase");
        return 0;
    }
    case K_CHIP_ERASE:
        if (refuse_protected(f, op, c->what, 0, p->size, true))
            return -1;
        fill_erased(f, 0, p->size);
        set_busy(f, now_ps, p->chip_erase_max_us, "chip erase");
        return 0;
    }
    nor_log(f, "0x%02X: internal decoder gap, not implemented", op);
    return -1;
}

/* ---- entry points -------------------------------------------------------------------- */

static void refuse_read(const struct xspi_xfer *x)
{
    if (!x->write && x->buf != NULL && x->len != 0)
        memset(x->buf, 0xFF, x->len);
}

int spi_nor_xfer(struct spi_nor *f, const struct xspi_xfer *x, uint64_t now_ps)
{
    char why[200];
    struct cmd c;
    bool fw_err;

    settle(f, now_ps);
    bool reset_was_enabled = f->reset_enabled;
    f->reset_enabled = false; /* 0x99 must follow 0x66 directly */

    if (in_recovery(f, now_ps, why, sizeof why)) {
        /* a status poll through the recovery is the normal way to wait it out: say it once */
        if (f->recovery_ignored++ == 0) {
            nor_log(f, "0x%02X %s", x->instr_bytes == 2 ? x->instruction >> 8 : x->instruction, why);
        }
        refuse_read(x);
        return -1;
    }
    int op = check_instruction(f, x, why, sizeof why);
    if (op < 0) {
        nor_log(f, "%s", why);
        refuse_read(x);
        return -1;
    }
    if (describe(f, (uint8_t)op, &c, why, sizeof why, &fw_err) != 0) {
        nor_log(f, "%s", why);
        refuse_read(x);
        return -1;
    }
    bool busy = is_busy(f, now_ps);
    if (busy && c.kind != K_RDSR && c.kind != K_RDFSR && c.kind != K_RSTEN && c.kind != K_RST) {
        nor_log(f, "0x%02X %s ignored: busy with %s for %" PRIu64 " ps more (poll WIP%s first)", op,
                c.what, f->busy_what, f->busy_until_ps - now_ps,
                (f->part->flags & NOR_F_FSR) ? " or FSR[7]" : "");
        refuse_read(x);
        return -1;
    }
    if (!check_shape(f, x, (uint8_t)op, &c, false, why, sizeof why)) {
        nor_log(f, "%s", why);
        refuse_read(x);
        return -1;
    }
    if (c.needs_wel && !f->wel) {
        nor_log(f, "0x%02X %s ignored: write enable latch not set (send 0x06 first)", op, c.what);
        return -1;
    }
    if (c.kind == K_RST && !reset_was_enabled) {
        nor_log(f, "0x99 reset ignored: not directly preceded by 0x66 reset enable");
        return -1;
    }
    if (c.dir == D_IN && c.ddtr && (x->address & 1u) && c.kind == K_READ) {
        nor_log(f, "0x%02X read at odd address 0x%08" PRIX32 " in octal DTR: words are 16-bit", op,
                x->address);
        refuse_read(x);
        return -1;
    }
    if (c.dir == D_OUT && c.ddtr && c.kind == K_PP && ((x->address & 1u) || (x->len & 1u))) {
        nor_log(f, "0x%02X page program at 0x%08" PRIX32 " of %" PRIu32
                " bytes in octal DTR: address and length must be even", op, x->address, x->len);
        return -1;
    }
    return execute(f, x, (uint8_t)op, &c, now_ps);
}

bool spi_nor_mmap_ok(const struct spi_nor *f, const struct xspi_xfer *tmpl, uint64_t now_ps,
                     char *why, size_t why_len)
{
    char buf[200];
    struct cmd c;
    bool fw_err;
    bool ok = false;

    if (in_recovery(f, now_ps, buf, sizeof buf))
        goto out;
    int op = check_instruction(f, tmpl, buf, sizeof buf);
    if (op < 0)
        goto out;
    if (describe(f, (uint8_t)op, &c, buf, sizeof buf, &fw_err) != 0)
        goto out;
    if (c.kind != K_READ) {
        snprintf(buf, sizeof buf, "memory-mapped template 0x%02X is %s, not an array read", op, c.what);
        goto out;
    }
    if (is_busy(f, now_ps)) {
        snprintf(buf, sizeof buf, "memory-mapped read while busy with %s for %" PRIu64 " ps more",
                 f->busy_what, f->busy_until_ps - now_ps);
        goto out;
    }
    if (!check_shape(f, tmpl, (uint8_t)op, &c, true, buf, sizeof buf))
        goto out;
    ok = true;
out:
    if (!ok && why != NULL && why_len != 0)
        snprintf(why, why_len, "%s: %s", f->name, buf);
    return ok;
}
