/* QUADSPI NOR flash (XiP): reset, identity, SFDP, addressing, dummy cycles, memory-mapped mode;
 * every failure reported with what to check. */
#include "area.h"
#include "boot.h"
#include "drivers/console.h"
#include "drivers/errors.h"
#include "memories/nor_qspi.h"

void area_qspi_bring_up(const struct board_desc *b, const struct boot_area *a)
{
    const struct board_qspi *q = &b->qspi;
    struct nor_qspi_result r = { 0 };
    int rc = nor_qspi_bringup(q, &r);
    unsigned dies = q->dual_flash ? 2u : 1u;
    if (rc == DRV_ENODEV) {
        boot_fail(BOOT_E_QSPI_NODEV, "qspi: no answer from the %s (identity reads FF FF FF): check the flash "
                                     "power, pins and that the reset recovery time was respected", (uint32_t)(uintptr_t)q->part);
    }
    if (rc == DRV_EID) {
        for (unsigned d = 0; d < dies; d++) {
            console_printf("[boot] qspi: die %u identity %02X %02X %02X\n", d, r.id[d][0], r.id[d][1], r.id[d][2]);
        }
        boot_fail(BOOT_E_QSPI_ID, "qspi: JEDEC ID %02X %02X %02X is not the %s the board declares: check the "
                                  "part fitted", r.id[0][0], r.id[0][1], r.id[0][2], (uint32_t)(uintptr_t)q->part);
    }
    if (rc == DRV_EVERIFY && r.stage == NOR_STAGE_SFDP) {
        boot_fail(BOOT_E_QSPI_SFDP, "qspi: SFDP %s of die %u differ from the %s the board declares (JEDEC ID %02X %02X "
                                    "%02X matches): check the part fitted", (uint32_t)(uintptr_t)r.sfdp_what,
                  (uint32_t)r.sfdp_die, (uint32_t)(uintptr_t)q->part, r.id[0][0], r.id[0][1], r.id[0][2]);
    }
    if (rc == DRV_EVERIFY) {
        boot_fail(BOOT_E_QSPI_CONFIG, "qspi: %s not confirmed by the flash (register read back differs)",
                  (uint32_t)(uintptr_t)nor_stage_name(r.stage));
    }
    if (rc != 0) {
        boot_fail(r.stage == NOR_STAGE_RESET ? BOOT_E_QSPI_RESET : BOOT_E_QSPI_SETUP,
                  "qspi: %s failed (%s)", (uint32_t)(uintptr_t)nor_stage_name(r.stage),
                  (uint32_t)(uintptr_t)(rc == DRV_ETIMEDOUT ? "timeout" : rc == DRV_EIO ? "transfer error" : "invalid configuration"));
    }
    uint32_t bus_mhz = q->kernel_hz / q->prescaler / 1000000u;
    console_printf("[boot] qspi: %u x %s, id %02X %02X %02X, %u MHz, ready %u us after reset, SFDP %u Mbit\n",
                   dies, (uint32_t)(uintptr_t)q->part, r.id[0][0], r.id[0][1], r.id[0][2], bus_mhz, r.reset_us,
                   r.sfdp_mbit);
    console_printf("[boot] qspi: memory-mapped at 0x%08x (%M), quad I/O read 0xEC, %u dummy cycles\n",
                   a->base, a->size, (uint32_t)q->read_dummy);
}
