/* SD memory card (SD Physical Layer Simplified Specification 4.10): identification to
 * transfer state, 4-bit bus, high speed, block reads. Read-only: the boot never writes. */
#ifndef MEMORIES_SDCARD_H
#define MEMORIES_SDCARD_H
#include <stdint.h>
#include "boards/board_sdcard.h"

enum sdcard_stage {
    SD_STAGE_DETECT, SD_STAGE_POWER, SD_STAGE_IDLE, SD_STAGE_IF_COND, SD_STAGE_OP_COND, SD_STAGE_CID,
    SD_STAGE_RCA, SD_STAGE_CSD, SD_STAGE_SELECT, SD_STAGE_SCR, SD_STAGE_BUS_WIDTH, SD_STAGE_HIGH_SPEED,
    SD_STAGE_BLOCKLEN, SD_STAGE_READ
};

/* Beyond drivers/errors.h and sdmmc.h. */
enum sdcard_err {
    SDCARD_E_ABSENT = -30,    /* the card-detect switch says no card */
    SDCARD_E_NO_CARD = -31,   /* nothing answers CMD0/CMD8/ACMD41 */
    SDCARD_E_VOLTAGE = -32,   /* CMD8 echo wrong or OCR without 2.7-3.6 V */
    SDCARD_E_STATUS = -33,    /* card status reports an error bit */
    SDCARD_E_UNSUPPORTED = -34, /* CSD structure, block length or bus width not supported */
    SDCARD_E_RANGE = -35,     /* read past the card's capacity */
};

struct sdcard {
    const struct board_sdcard *bsd;
    enum sdcard_stage stage; /* where it stopped, on failure */
    uint32_t status;         /* last R1 card status */
    uint32_t blocks;         /* capacity in 512-byte blocks */
    uint32_t clock_hz;
    uint16_t rca;
    uint8_t high_capacity;   /* SDHC/SDXC: block addressing */
    uint8_t bus_width;
    uint8_t high_speed;
    char product[6];         /* CID product name */
    uint8_t sd_spec;         /* SCR SD_SPEC */
};

int sdcard_init(struct sdcard *c, const struct board_sdcard *bsd);
/* Reads count 512-byte blocks from lba into buf (any alignment). */
int sdcard_read(struct sdcard *c, uint32_t lba, uint32_t count, void *buf);
void sdcard_release(struct sdcard *c);
const char *sdcard_stage_name(enum sdcard_stage s);
const char *sdcard_strerror(int err);
#endif
