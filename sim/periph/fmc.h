/* FMC controller model (F7 and H7 register map) with the board's FMC memories behind it:
 * NOR flash (cfi_nor), asynchronous SRAM / PSRAM, SDRAM (sdram). A window is mapped into the
 * CPU only while the controller, the pins and the part make it accessible; otherwise an access
 * faults and the explain hook says why. RAM windows are plain host memory once up (fast); the
 * NOR window is host memory (read + execute) in read-array mode and a register-like region
 * while commands run. */
#ifndef SIM_PERIPH_FMC_H
#define SIM_PERIPH_FMC_H
#include <stdbool.h>
#include "core/sim.h"
#include "boards/board_fmc.h"
#include "devices/cfi_nor.h"
#include "devices/sdram.h"

struct gpio_model;

enum fmc_win_state { FMC_WIN_UNMAPPED, FMC_WIN_HOST, FMC_WIN_MMIO };

struct fmc_window {
    const char *name;          /* "NOR flash", "SRAM", "PSRAM", "SDRAM" */
    uint32_t base, size;
    uint8_t *host;
    enum fmc_win_state state;
    uint32_t prot;             /* protection of the host mapping */
    char why[300];             /* why it is not accessible (or not writable) */
};

enum { FMC_WIN_NOR, FMC_WIN_SRAM, FMC_WIN_PSRAM, FMC_WIN_SDRAM, FMC_WINS };

struct fmc_model {
    struct gpio_model *gpio;
    /* family and clock, from the chip: the gate is an RCC enable bit, the kernel clock HCLK */
    uint32_t reg_base;
    bool has_fmcen;
    struct h7_rcc *rcc;
    uint32_t enr_off;
    unsigned enr_bit;
    const struct board_fmc *bf;
    uint32_t bcr[4], btr[4], bwtr[4], sdcr[2], sdtr[2], sdcmr, sdrtr;
    struct fmc_window win[FMC_WINS];
    struct cfi_nor nor;
    struct sdram_dev sdram;
    bool has_nor, has_sdram;
    uint64_t sdram_ready_ps, nor_array_ps;
};

/* The FMC of a family: registers, whether BCR1.FMCEN gates it (H7), its RCC enable bit. */
struct fmc_family_desc {
    uint32_t reg_base;
    bool has_fmcen;
    uint32_t enr_off;
    unsigned enr_bit;
};
extern const struct fmc_family_desc fmc_family_h7, fmc_family_f7;

/* Attaches the board's FMC memories to the chip (nothing when the board has none). The NOR
 * image comes from --image fmc-nor=FILE; --set fmc-nor-part=NAME fits another part. */
struct chip;
struct chip_images;
int fmc_attach(struct sim *s, struct chip *c, struct chip_images *img, const struct fmc_family_desc *fam);
void fmc_model_free(struct fmc_model *m);
#endif
