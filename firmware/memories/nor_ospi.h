/* Octal NOR flash (MX25LM51245G) on OCTOSPI: bring-up from whatever protocol the flash is in
 * to memory-mapped octal DTR reads (reset, identity, dummy cycles and DTR OPI via CR2,
 * identity again in octal DTR, memory-mapped 0xEE11). */
#ifndef MEMORIES_NOR_OSPI_H
#define MEMORIES_NOR_OSPI_H
#include <stdint.h>
#include "boards/board.h"
#include "boards/board_ospi.h"

enum nor_ospi_stage { NOR_OSPI_INIT, NOR_OSPI_RESET, NOR_OSPI_ID, NOR_OSPI_SFDP, NOR_OSPI_DUMMY, NOR_OSPI_DTR,
                      NOR_OSPI_DTR_ID, NOR_OSPI_MMAP };

struct nor_ospi_result {
    enum nor_ospi_stage stage; /* where it stopped (on failure) */
    uint8_t id[3];             /* JEDEC ID read in 1-1-1 */
    uint8_t dtr_id[6];         /* the same read in 8D-8D-8D (each byte twice) */
    uint32_t sfdp_bits;        /* density from SFDP BFPT DWORD2 (bits), 0 if not read */
    uint32_t reset_us;         /* reset to ready */
    uint32_t total_us;         /* whole bring-up */
    uint8_t was_octal;         /* the flash did not answer in 1-1-1: it was left in OPI */
};

int nor_ospi_bringup(const struct board_ospi *o, struct nor_ospi_result *r);
const char *nor_ospi_stage_name(enum nor_ospi_stage s);

/* Steps, for test firmwares. The spi ones talk 1-1-1, the dtr ones 8D-8D-8D. */
int nor_ospi_init(const struct board_ospi *o);
int nor_ospi_reset(const struct board_ospi *o, struct nor_ospi_result *r);
int nor_ospi_read_id(const struct board_ospi *o, struct nor_ospi_result *r);
int nor_ospi_read_sfdp(const struct board_ospi *o, struct nor_ospi_result *r);
int nor_ospi_write_cr2(const struct board_ospi *o, uint32_t addr, uint8_t value);
int nor_ospi_enter_dtr(const struct board_ospi *o, uint8_t dummy);
int nor_ospi_read_id_dtr(const struct board_ospi *o, struct nor_ospi_result *r, int dqs);
int nor_ospi_memory_mapped(const struct board_ospi *o, uint8_t dummy, int dqs);

/* Indirect erase and page program in 8D-8D-8D (the protocol the bring-up leaves), with write
 * enable (WEL read back) and status polling within the part's maximum time, for
 * diagnostics. Memory-mapped mode must be left first (ospi_abort) and entered again
 * afterwards. Erase: the smallest erase unit containing offset. Program: even offset and
 * length (16-bit words in DTR), split at page boundaries. */
typedef void (*nor_ospi_idle_fn)(void); /* called between status polls of a long wait; NULL: poll on */
uint32_t nor_ospi_erase_unit(const struct board_ospi *o);
int nor_ospi_erase(const struct board_ospi *o, uint32_t offset, nor_ospi_idle_fn idle);
int nor_ospi_program(const struct board_ospi *o, uint32_t offset, const void *data, uint32_t len,
                     nor_ospi_idle_fn idle);
/* Indirect array reads (the BootROM SPI-NOR store): 1-1-1 fast read 0x0C (4-byte address, 8
 * dummy cycles) with the flash in SPI mode, or 8D-8D-8D 0xEE11 (read_dummy cycles, DQS) once
 * nor_ospi_enter_dtr ran. DTR reads whole 16-bit words from even addresses: an odd start or
 * end is read through a 2-byte bounce. */
int nor_ospi_read(const struct board_ospi *o, int octal_dtr, uint32_t addr, void *buf, uint32_t len);
/* Software reset in the protocol the flash is known to be in (66/99 in 1-1-1, or 6699/9966 in
 * 8D-8D-8D), the controller back to Micron byte order, then ready in 1-1-1: the flash is in
 * its power-on state (SPI, 3-byte addresses, CR2 defaults). */
int nor_ospi_reset_from(const struct board_ospi *o, int octal_dtr, uint32_t timeout_us);
#endif
