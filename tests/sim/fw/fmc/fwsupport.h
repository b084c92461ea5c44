/* What the FMC test firmwares share: the boot's error line format, fault reporting with the
 * fault status registers, and sleeping with the core in WFI. */
#ifndef TESTS_FMC_FWSUPPORT_H
#define TESTS_FMC_FWSUPPORT_H
#include <stdint.h>
#include "boot.h"

/* boot_fail (boot.h) prints "Enn ..." and stops, as the boot does. */
/* Sleeps with the core in WFI, woken by a 1 ms SysTick: memory refresh goes on meanwhile. */
void fw_sleep_ms(uint32_t ms);
#endif
