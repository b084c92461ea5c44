/* BootROM model (seed 3.2) and image verification: the application image is read from a
 * store (SD card file, SPI-NOR flash), checked header first, copied into the code RAM,
 * checked again (SHA-256 of what landed), and made executable. XiP images are checked in
 * place. Every failure ends in boot_fail with its Enn line: no return. */
#ifndef BOOT_LOAD_H
#define BOOT_LOAD_H
#include <stdint.h>
#include "area.h"

struct load_result {
    uint32_t sp, entry;     /* for the jump */
    uint32_t base, size;    /* what was copied / verified */
};

/* A store the image is read from, front to back (offsets never go backwards). */
struct load_store {
    const char *name;       /* log and error prefix: "sdcard", "spinor" */
    const char *where;      /* "file PROJECT.BIN", "flash offset 0x..." */
    uint32_t size;          /* bytes the store holds for the image */
    int (*read)(void *ctx, uint32_t off, void *buf, uint32_t len);
    const char *(*strerror)(int err);
    void *ctx;
    int read_err;           /* boot_err for a failed read */
};

/* Header -> checks -> copy -> SHA-256 -> cache maintenance. */
void load_from_store(const struct board_desc *b, const struct load_store *st, const struct boot_area *code,
                     const struct boot_area *data, struct load_result *out);
/* The configured store (BINARY_AREA): SD card or SPI-NOR. */
void load_bootrom(const struct board_desc *b, const struct boot_area *code, const struct boot_area *data,
                  struct load_result *out);
void load_sdcard(const struct board_desc *b, const struct boot_area *code, const struct boot_area *data,
                 struct load_result *out);
void load_spinor(const struct board_desc *b, const struct boot_area *code, const struct boot_area *data,
                 struct load_result *out);
/* XiP: 1 and *out filled when the code area starts with an image header that verifies in
 * place; 0 when it holds no header (a raw application, the caller decides). */
int load_verify_xip(const struct board_desc *b, const struct boot_area *code, const struct boot_area *data,
                    struct load_result *out);
#endif
