/* Parallel NOR flash with the AMD command set and a JEDEC CFI table (M29EW / MT28EW), on a
 * 16-bit bus: a word-fed state machine in the style of QEMU's pflash, with program and erase
 * taking their typical time in virtual time and reads returning status meanwhile. */
#ifndef SIM_DEVICES_CFI_NOR_H
#define SIM_DEVICES_CFI_NOR_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "fmc_parts.h"

enum cfi_nor_state { NOR_READ, NOR_UNLOCK1, NOR_UNLOCK2, NOR_AUTOSELECT, NOR_CFI, NOR_PROGRAM,
                     NOR_ERASE_UNLOCK0, NOR_ERASE_UNLOCK1, NOR_ERASE_UNLOCK2, NOR_BUSY, NOR_FAILED };

struct cfi_nor {
    const struct fmc_nor_part *part;
    uint8_t *mem;           /* the array, little-endian 16-bit words */
    uint32_t size;
    enum cfi_nor_state state;
    bool autoselect_before; /* CFI entered from auto-select returns there */
    uint64_t busy_until_ps;
    bool busy_erase;
    uint16_t busy_data;     /* programmed word (DQ7 data polling) */
    uint16_t toggle;        /* DQ6 / DQ2 state, flips on every status read */
    unsigned programs, erases;
    void (*log)(void *ctx, const char *msg);
    void *log_ctx;
};

void cfi_nor_init(struct cfi_nor *n, const struct fmc_nor_part *p, uint8_t *mem, uint32_t size,
                  void (*log)(void *, const char *), void *ctx);
/* One bus cycle; word = word address inside the device. */
uint16_t cfi_nor_read(struct cfi_nor *n, uint32_t word, uint64_t now_ps);
void cfi_nor_write(struct cfi_nor *n, uint32_t word, uint16_t v, uint64_t now_ps);
/* Reads return the array (not status, not tables) */
bool cfi_nor_in_read_array(struct cfi_nor *n, uint64_t now_ps);
const char *cfi_nor_state_name(enum cfi_nor_state s);
#endif
