/* SDR SDRAM part (IS42S32800G/J): the JEDEC power-up sequence as a state machine, and the
 * contents decaying when no refresh reaches every row within the retention time. */
#ifndef SIM_DEVICES_SDRAM_H
#define SIM_DEVICES_SDRAM_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "fmc_parts.h"

enum sdram_cmd { SDRAM_CMD_CLOCK, SDRAM_CMD_PALL, SDRAM_CMD_AUTOREFRESH, SDRAM_CMD_LMR };

struct sdram_dev {
    const struct sdram_part *part;
    uint8_t *mem;
    uint32_t size;
    bool clocked, precharged, mode_set;
    unsigned autorefresh;
    uint32_t mode;
    uint64_t clock_on_ps;
    /* refresh */
    bool refreshing;          /* a refresh reaching every row in time is running */
    uint64_t unrefreshed_ps;  /* since when no adequate refresh runs */
    bool holds_data;          /* written since the last loss */
    unsigned losses;
    char why[200];            /* last refused command, for the access diagnostic */
    void (*log)(void *ctx, const char *msg);
    void *log_ctx;
};

void sdram_dev_init(struct sdram_dev *d, const struct sdram_part *p, uint8_t *mem, uint32_t size,
                    void (*log)(void *, const char *), void *ctx);
/* A command from the controller; false (and a log line) when the part would not take it. */
bool sdram_dev_command(struct sdram_dev *d, enum sdram_cmd c, unsigned count, uint32_t mode, unsigned cas,
                       uint64_t now_ps);
/* Ready for reads and writes; else why[] says what is missing. */
bool sdram_dev_ready(struct sdram_dev *d, char *why, size_t len);
/* The controller's refresh: row interval in ps (0 = none); may lose the contents. */
void sdram_dev_refresh(struct sdram_dev *d, uint64_t row_interval_ps, uint64_t now_ps);
/* Time at which the contents are lost if nothing changes (UINT64_MAX: never). */
uint64_t sdram_dev_deadline(const struct sdram_dev *d);
#endif
