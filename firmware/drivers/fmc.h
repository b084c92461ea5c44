/* FMC driver (F7 and H7: one IP, the family differences are data in fmc_f7.c / fmc_h7.c):
 * pins, clock, bank 1 chip selects for NOR/SRAM/PSRAM, SDRAM controller commands. */
#ifndef DRIVERS_FMC_H
#define DRIVERS_FMC_H
#include <stdbool.h>
#include <stdint.h>
#include "boards/board_fmc.h"
#include "ip/fmc_v1.h"

/* What differs between the families (fmc_<family>.c). */
struct fmc_family {
    uintptr_t base;        /* register block */
    bool has_fmcen;        /* H7: BCR1.FMCEN gates the whole controller */
    bool has_sdsr_busy;    /* F7: SDSR.BUSY flags a command still in progress */
};
extern const struct fmc_family fmc_family;
void fmc_clock_enable(void);               /* RCC kernel/bus clock of the FMC */

#define FMC_REGS ((struct fmc_regs *)fmc_family.base)

/* Every pin of the groups to its alternate function, very high speed. */
void fmc_pins_configure(const struct board_pin_group *g, unsigned n);
/* Clock on and (H7) the controller enabled; banks keep their configuration. */
void fmc_enable(void);

/* One chip select of bank 1: type (FMC_BCR_MTYP_*), width, asynchronous mode-1 timings, writes
 * enabled; the bank is enabled last. DRV_EINVAL when the board data is out of range. */
int fmc_async_configure(const struct board_fmc_async *m, unsigned mtyp);

/* SDRAM controller: geometry, SDCLK, read burst/pipe and timings for the board's bank. */
struct sdram_part;
int fmc_sdram_configure(const struct board_fmc_sdram *m, const struct sdram_part *p);
/* One SDCMR command to the board's bank; waits (F7) until the controller took it. */
int fmc_sdram_command(const struct board_fmc_sdram *m, unsigned mode, unsigned nrfs, uint32_t mrd);
void fmc_sdram_refresh(uint16_t count);
void fmc_sdram_write_protect(const struct board_fmc_sdram *m, bool on);
#endif
