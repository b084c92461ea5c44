/* AMD-command-set NOR flash model (M29EW / MT28EW family; command and CFI facts in
 * reference/fmc-sd-stm32.md section 4 and JEDEC JESD68 CFI layout). NOR rules: programming
 * only clears bits (setting one back fails with DQ5, as the part times out), erase sets a
 * whole block to 0xFF. */
#include "cfi_nor.h"

#include <stdio.h>
#include <string.h>

static void say(struct cfi_nor *n, const char *fmt, unsigned a, unsigned b)
{
    char msg[200];
    snprintf(msg, sizeof msg, fmt, a, b);
    if (n->log) {
        n->log(n->log_ctx, msg);
    }
}

const char *cfi_nor_state_name(enum cfi_nor_state s)
{
    static const char *const names[] = { "read array", "unlock cycle 1", "unlock cycle 2", "auto-select",
                                         "CFI query", "program setup", "erase setup", "erase unlock 1",
                                         "erase unlock 2", "busy (program/erase)", "failed operation" };
    return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "?";
}

void cfi_nor_init(struct cfi_nor *n, const struct fmc_nor_part *p, uint8_t *mem, uint32_t size,
                  void (*log)(void *, const char *), void *ctx)
{
    memset(n, 0, sizeof *n);
    n->part = p;
    n->mem = mem;
    n->size = size;
    n->state = NOR_READ;
    n->log = log;
    n->log_ctx = ctx;
}

static uint16_t array_word(const struct cfi_nor *n, uint32_t word)
{
    uint32_t off = (2u * word) % n->size;
    return (uint16_t)(n->mem[off] | (n->mem[off + 1u] << 8));
}

static uint16_t cfi_word(const struct cfi_nor *n, uint32_t a)
{
    const struct fmc_nor_part *p = n->part;
    uint16_t blocks1 = (uint16_t)(p->blocks - 1u), bs = (uint16_t)(p->block_size / 256u);
    switch (a) {
    case 0x10: return 'Q';
    case 0x11: return 'R';
    case 0x12: return 'Y';
    case 0x13: return 0x02;  /* primary command set: AMD/Fujitsu standard */
    case 0x15: return 0x40;  /* primary extended table at 0x40 */
    case 0x1B: return 0x27;  /* Vcc min 2.7 V */
    case 0x1C: return 0x36;  /* Vcc max 3.6 V */
    case 0x1F: return p->word_program_us_log2;
    case 0x20: return p->buffer_program_us_log2;
    case 0x21: return p->block_erase_ms_log2;
    case 0x22: return (uint16_t)(p->block_erase_ms_log2 + 7u); /* chip: 128 blocks */
    case 0x23: case 0x24: case 0x25: case 0x26: return p->max_factor_log2;
    case 0x27: return p->size_log2;
    case 0x28: return 0x02;  /* x8/x16 asynchronous interface */
    case 0x2A: return p->buffer_log2;
    case 0x2C: return 1;     /* one erase block region */
    case 0x2D: return blocks1 & 0xFFu;
    case 0x2E: return blocks1 >> 8;
    case 0x2F: return bs & 0xFFu;
    case 0x30: return bs >> 8;
    case 0x40: return 'P';
    case 0x41: return 'R';
    case 0x42: return 'I';
    default: return 0;
    }
}

static void settle(struct cfi_nor *n, uint64_t now_ps)
{
    if (n->state == NOR_BUSY && now_ps >= n->busy_until_ps) {
        n->state = NOR_READ;
    }
}

bool cfi_nor_in_read_array(struct cfi_nor *n, uint64_t now_ps)
{
    settle(n, now_ps);
    return n->state == NOR_READ;
}

uint16_t cfi_nor_read(struct cfi_nor *n, uint32_t word, uint64_t now_ps)
{
    settle(n, now_ps);
    switch (n->state) {
    case NOR_AUTOSELECT:
        switch (word & 0xFFu) {
        case 0x00: return n->part->manufacturer;
        case 0x01: return n->part->device[0];
        case 0x0E: return n->part->device[1];
        case 0x0F: return n->part->device[2];
        default: return 0; /* block protection status: unprotected */
        }
    case NOR_CFI:
        return cfi_word(n, word & 0xFFu);
    case NOR_BUSY:
    case NOR_FAILED: {
        /* DQ6 toggles on every read; DQ7 is the complement of the programmed bit (0 while
         * erasing); DQ2 toggles in the erasing block; DQ5 set when the operation failed. */
        n->toggle ^= (1u << 6) | (n->busy_erase ? (1u << 2) : 0u);
        uint16_t st = n->toggle & ((1u << 6) | (1u << 2));
        if (!n->busy_erase) {
            st |= (uint16_t)(~n->busy_data & 0x80u);
        }
        if (n->state == NOR_FAILED) {
            st |= 1u << 5;
        }
        return st;
    }
    default:
        return array_word(n, word);
    }
}

static bool at(uint32_t word, uint32_t a)
{
    return (word & 0x7FFu) == a;
}

static void program(struct cfi_nor *n, uint32_t word, uint16_t v, uint64_t now_ps)
{
    uint32_t off = (2u * word) % n->size;
    uint16_t old = array_word(n, word);
    n->busy_erase = false;
    n->busy_data = v;
    n->programs++;
    if ((uint16_t)(~old & v) != 0u) {
        say(n, "NOR: program of 0x%04x over 0x%04x sets a bit back to 1: the operation fails (DQ5), reset to "
               "read array", v, old);
        n->state = NOR_FAILED;
        return;
    }
    uint16_t nv = old & v;
    n->mem[off] = (uint8_t)nv;
    n->mem[off + 1u] = (uint8_t)(nv >> 8);
    n->state = NOR_BUSY;
    n->busy_until_ps = now_ps + ((uint64_t)1000000u << n->part->word_program_us_log2);
}

static void erase_block(struct cfi_nor *n, uint32_t word, uint64_t now_ps)
{
    uint32_t off = (2u * word) % n->size;
    off &= ~(n->part->block_size - 1u);
    memset(n->mem + off, 0xFF, n->part->block_size);
    n->busy_erase = true;
    n->erases++;
    n->state = NOR_BUSY;
    n->busy_until_ps = now_ps + ((uint64_t)1000000000u << n->part->block_erase_ms_log2);
}

void cfi_nor_write(struct cfi_nor *n, uint32_t word, uint16_t v, uint64_t now_ps)
{
    settle(n, now_ps);
    uint8_t c = (uint8_t)v;
    if (n->state == NOR_BUSY) {
        say(n, "NOR: write of 0x%04x at word 0x%x while a program/erase runs: ignored (poll the status first)",
            v, word);
        return;
    }
    if (c == 0xF0u && n->state != NOR_PROGRAM) {
        n->state = n->state == NOR_CFI && n->autoselect_before ? NOR_AUTOSELECT : NOR_READ;
        if (n->state == NOR_AUTOSELECT) {
            n->autoselect_before = false;
        }
        return;
    }
    switch (n->state) {
    case NOR_READ:
    case NOR_AUTOSELECT:
        if (c == 0x98u && at(word, 0x55u)) {
            n->autoselect_before = n->state == NOR_AUTOSELECT;
            n->state = NOR_CFI;
        } else if (c == 0xAAu && at(word, 0x555u) && n->state == NOR_READ) {
            n->state = NOR_UNLOCK1;
        } else {
            say(n, "NOR: write of 0x%04x at word 0x%x is no command in this state: ignored", v, word);
        }
        return;
    case NOR_CFI:
        say(n, "NOR: write of 0x%04x at word 0x%x in CFI query mode: ignored (0xF0 leaves it)", v, word);
        return;
    case NOR_UNLOCK1:
        n->state = (c == 0x55u && at(word, 0x2AAu)) ? NOR_UNLOCK2 : NOR_READ;
        return;
    case NOR_UNLOCK2:
        if (!at(word, 0x555u)) {
            n->state = NOR_READ;
            return;
        }
        if (c == 0x90u) {
            n->state = NOR_AUTOSELECT;
        } else if (c == 0xA0u) {
            n->state = NOR_PROGRAM;
        } else if (c == 0x80u) {
            n->state = NOR_ERASE_UNLOCK0;
        } else {
            say(n, "NOR: command 0x%02x after the unlock cycles is not modelled (write-to-buffer, lock, ...): "
                   "back to read array (word 0x%x)", c, word);
            n->state = NOR_READ;
        }
        return;
    case NOR_PROGRAM:
        program(n, word, v, now_ps);
        return;
    case NOR_ERASE_UNLOCK0:
        n->state = (c == 0xAAu && at(word, 0x555u)) ? NOR_ERASE_UNLOCK1 : NOR_READ;
        return;
    case NOR_ERASE_UNLOCK1:
        n->state = (c == 0x55u && at(word, 0x2AAu)) ? NOR_ERASE_UNLOCK2 : NOR_READ;
        return;
    case NOR_ERASE_UNLOCK2:
        if (c == 0x30u) {
            erase_block(n, word, now_ps);
        } else if (c == 0x10u && at(word, 0x555u)) {
            for (uint32_t b = 0; b < n->part->blocks; b++) {
                erase_block(n, b * (n->part->block_size / 2u), now_ps);
            }
            n->busy_until_ps = now_ps + ((uint64_t)1000000000u << (n->part->block_erase_ms_log2 + 7u));
        } else {
            n->state = NOR_READ;
        }
        return;
    case NOR_FAILED:
        say(n, "NOR: write of 0x%04x at word 0x%x after a failed operation: only reset (0xF0) leaves it", v, word);
        return;
    default:
        return;
    }
}
