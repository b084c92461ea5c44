/* OCTOSPI NOR flash (XiP): reset from any protocol, identity and SFDP in 1-1-1, dummy
 * cycles and octal DTR via CR2, identity again in octal DTR, memory-mapped 0xEE11; every
 * failure reported with what to check. */
#include "area.h"
#include "boot.h"
#include "boards/board_ospi.h"
#include "drivers/console.h"
#include "drivers/errors.h"
#include "memories/nor_ospi.h"

static const char *why(int rc)
{
    return rc == DRV_ETIMEDOUT ? "timeout" : rc == DRV_EIO ? "transfer error" : "invalid configuration";
}

void area_ospi_bring_up(const struct board_desc *b, const struct boot_area *a)
{
    const struct board_ospi *o = b->ospi;
    struct nor_ospi_result r = { 0 };
    int rc = nor_ospi_bringup(o, &r);
    const uint32_t part = (uint32_t)(uintptr_t)o->part;
    if (rc != 0) {
        switch (r.stage) {
        case NOR_OSPI_INIT:
            boot_fail(BOOT_E_OSPI_SETUP, "ospi: OCTOSPI%u set-up refused (%s): check the board's OSPI data",
                      (uint32_t)o->instance, (uint32_t)(uintptr_t)why(rc));
        case NOR_OSPI_RESET:
            boot_fail(BOOT_E_OSPI_RESET, "ospi: the %s did not become ready after reset (%s): check the flash "
                                         "power and the OCTOSPIM port %u pins", part, (uint32_t)(uintptr_t)why(rc),
                      (uint32_t)o->port);
        case NOR_OSPI_ID:
            if (rc == DRV_ENODEV) {
                boot_fail(BOOT_E_OSPI_NODEV, "ospi: no answer from the %s (identity reads FF FF FF): check the "
                                             "pins and the OCTOSPIM port %u routing", part, (uint32_t)o->port);
            }
            boot_fail(BOOT_E_OSPI_ID, "ospi: JEDEC ID %02X %02X %02X is not the %s the board declares: check the "
                                      "part fitted", r.id[0], r.id[1], r.id[2], part);
        case NOR_OSPI_SFDP:
            boot_fail(BOOT_E_OSPI_SFDP, "ospi: SFDP of the %s (%u Mbit) does not match the parts table: check "
                                        "the part fitted", part, r.sfdp_bits >> 20);
        case NOR_OSPI_DUMMY:
        case NOR_OSPI_DTR:
            boot_fail(BOOT_E_OSPI_DTR, "ospi: %s failed (%s: no ready status read in octal DTR): check the DQS "
                                       "pin and that DQS is enabled for DTR reads",
                      (uint32_t)(uintptr_t)nor_ospi_stage_name(r.stage), (uint32_t)(uintptr_t)why(rc));
        case NOR_OSPI_DTR_ID:
            boot_fail(BOOT_E_OSPI_DTR, "ospi: %s failed (%s: %02X %02X %02X %02X %02X %02X): check the DQS pin "
                                       "and that DQS is enabled for DTR reads",
                      (uint32_t)(uintptr_t)nor_ospi_stage_name(r.stage),
                      (uint32_t)(uintptr_t)(rc == DRV_EVERIFY ? "read back differs" : why(rc)), r.dtr_id[0],
                      r.dtr_id[1], r.dtr_id[2], r.dtr_id[3], r.dtr_id[4], r.dtr_id[5]);
        default:
            boot_fail(BOOT_E_OSPI_MMAP, "ospi: memory-mapped mode refused (%s)", (uint32_t)(uintptr_t)why(rc));
        }
    }
    uint32_t bus_mhz = o->kernel_hz / o->prescaler / 1000000u;
    console_printf("[boot] ospi: %s, id %02X %02X %02X, SFDP %u Mbit, ready %u us after reset%s\n", part, r.id[0],
                   r.id[1], r.id[2], r.sfdp_bits >> 20, r.reset_us,
                   (uint32_t)(uintptr_t)(r.was_octal ? " (was left in octal mode)" : ""));
    console_printf("[boot] ospi: octal DTR at %u MHz, DQS, %u dummy cycles, memory-mapped at 0x%08x (%M), "
                   "read 0xEE11, up in %u us\n", bus_mhz, (uint32_t)o->read_dummy, a->base, a->size, r.total_us);
}
