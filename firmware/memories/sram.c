/* SRAM / PSRAM: static timings only; the part is usable as soon as the chip select is. */
#include "sram.h"
#include "drivers/errors.h"
#include "drivers/fmc.h"
#include "fmc_parts.h"

int fmc_sram_bringup(const struct board_fmc_async *m)
{
    const struct fmc_ram_part *p = fmc_ram_part_by_name(m->part);
    if (p == NULL || m->bus_bits != p->bus_bits) {
        return DRV_EINVAL;
    }
    fmc_pins_configure(m->pins, m->ngroups);
    int rc = fmc_async_configure(m, FMC_BCR_MTYP_SRAM);
    if (rc != 0) {
        return rc;
    }
    fmc_enable();
    return DRV_OK;
}
