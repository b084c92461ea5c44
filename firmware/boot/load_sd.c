/* BootROM from an SD card: card bring-up, FAT volume, BINARY_FILENAME copied into the code
 * RAM through the common image checks; the SDMMC is then powered off and reset. */
#include "load.h"
#include "boot.h"
#include "memory.h"
#include "boards/board_sdcard.h"
#include "drivers/console.h"
#include "drivers/errors.h"
#include "drivers/sdmmc.h"
#include "fs/fat.h"
#include "memories/sdcard.h"

#if defined(BINARY_AREA) && BINARY_AREA == USE_SDCARD


static struct sdcard card;
static struct fat_volume vol;
static struct fat_file file;
static int last_sd_err;

static int blk_read(void *ctx, uint32_t lba, uint32_t count, void *buf)
{
    int rc = sdcard_read(ctx, lba, count, buf);
    last_sd_err = rc;
    return rc;
}

/* Sequential reads of the file; a forward jump reads through (FAT has no seek). */
static int file_read(void *ctx, uint32_t off, void *buf, uint32_t len)
{
    struct fat_file *f = ctx;
    if (off != f->pos) {
        return FAT_E_ARG;
    }
    uint32_t got = 0;
    int rc = fat_read(f, buf, len, &got);
    if (rc == 0 && got != len) {
        rc = FAT_E_CHAIN_SHORT;
    }
    return rc;
}

static const char *file_strerror(int err)
{
    return err == FAT_E_IO ? sdcard_strerror(last_sd_err) : fat_strerror(err);
}

void load_sdcard(const struct board_desc *b, const struct boot_area *code, const struct boot_area *data,
                 struct load_result *out)
{
    const struct board_sdcard *sd = b->sdcard;
    const char *name = BINARY_FILENAME;
    if (sd == 0) {
        boot_fail(BOOT_E_CONFIG, "config: %s has no SD card slot: rebuild with another BINARY_AREA",
                  (uint32_t)(uintptr_t)b->name);
    }
    int rc = sdcard_init(&card, sd);
    if (rc == SDCARD_E_ABSENT || rc == SDCARD_E_NO_CARD ||
        (rc == SDMMC_E_CMD_TIMEOUT && card.stage == SD_STAGE_OP_COND)) {
        sdcard_release(&card);
        boot_fail(BOOT_E_SD_NO_CARD, "sdcard: no card (%s at %s): insert a card, check the slot's power "
                                     "and card-detect", (uint32_t)(uintptr_t)sdcard_strerror(rc),
                  (uint32_t)(uintptr_t)sdcard_stage_name(card.stage));
    }
    if (rc != DRV_OK) {
        sdcard_release(&card);
        boot_fail(BOOT_E_SD_INIT, "sdcard: %s failed (%s, status 0x%08x): check the card and the SDMMC pins",
                  (uint32_t)(uintptr_t)sdcard_stage_name(card.stage), (uint32_t)(uintptr_t)sdcard_strerror(rc),
                  card.status);
    }
    console_printf("[boot] sdcard: %s card '%s', %u MiB, %u-bit bus at %u MHz%s\n",
                   (uint32_t)(uintptr_t)(card.high_capacity ? "SDHC/SDXC" : "SDSC"),
                   (uint32_t)(uintptr_t)card.product, card.blocks / 2048u, (uint32_t)card.bus_width,
                   card.clock_hz / 1000000u, (uint32_t)(uintptr_t)(card.high_speed ? " (high speed)" : ""));
    const struct fat_blockdev dev = { blk_read, &card, card.blocks };
    rc = fat_mount(&vol, &dev);
    if (rc != FAT_OK) {
        sdcard_release(&card);
        if (rc == FAT_E_IO) {
            boot_fail(BOOT_E_SD_READ, "sdcard: reading the volume failed (%s): check the card",
                      (uint32_t)(uintptr_t)sdcard_strerror(last_sd_err));
        }
        boot_fail(BOOT_E_SD_NO_FAT, "sdcard: no FAT volume (%s): format the card FAT12/16/32 and copy %s",
                  (uint32_t)(uintptr_t)fat_strerror(rc), (uint32_t)(uintptr_t)name);
    }
    rc = fat_open(&vol, name, &file);
    if (rc != FAT_OK) {
        sdcard_release(&card);
        if (rc == FAT_E_NOT_FOUND) {
            boot_fail(BOOT_E_SD_NO_FILE, "sdcard: file %s not found in FAT%u volume: copy the packed "
                                         "application there (BINARY_FILENAME)", (uint32_t)(uintptr_t)name,
                      (uint32_t)vol.type);
        }
        boot_fail(rc == FAT_E_IO ? BOOT_E_SD_READ : BOOT_E_SD_FAT, "sdcard: cannot open %s (%s): check the card",
                  (uint32_t)(uintptr_t)name, (uint32_t)(uintptr_t)file_strerror(rc));
    }
    if (file.size == 0u) {
        sdcard_release(&card);
        boot_fail(BOOT_E_SD_EMPTY, "sdcard: file %s is empty (0 bytes): copy the packed application again",
                  (uint32_t)(uintptr_t)name);
    }
    console_printf("[boot] sdcard: FAT%u volume, %s is %u bytes\n", (uint32_t)vol.type, (uint32_t)(uintptr_t)name,
                   file.size);
    static char where[64];
    const char *prefix = "file ";
    unsigned n = 0;
    for (const char *p = prefix; *p && n < sizeof where - 1u; p++) {
        where[n++] = *p;
    }
    for (const char *p = name; *p && n < sizeof where - 1u; p++) {
        where[n++] = *p;
    }
    where[n] = '\0';
    const struct load_store st = { "sdcard", where, file.size, file_read, file_strerror, &file, BOOT_E_SD_READ };
    load_from_store(b, &st, code, data, out);
    sdcard_release(&card);
    console_printf("[boot] sdcard: SDMMC%u powered off and reset\n", (uint32_t)sd->sdmmc);
}
#endif
