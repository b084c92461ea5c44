/* The seed's configuration names (section 3.3). The build passes CODE_AREA and DATA_AREA
 * (and BINARY_AREA for the BootROM model) as one of these; configure time already checked
 * the combination against the board, this is the second guard. */
#ifndef BOOT_MEMORY_H
#define BOOT_MEMORY_H

#define USE_EXTERNAL_SDRAM 1
#define USE_EXTERNAL_SRAM 2
#define USE_EXTERNAL_PSRAM 3
#define USE_INTERNAL_SRAM 4
#define USE_EXTERNAL_RAM 5 /* OSPI HyperRAM */
#define USE_QSPI 10
#define USE_OSPI 11
#define USE_NOR 12
#define USE_SPI_NOR 20
#define USE_SDCARD 21

#if !defined(CODE_AREA) || !defined(DATA_AREA)
#error "CODE_AREA and DATA_AREA must be defined (seed section 3.3)"
#endif
#if defined(BINARY_AREA)
/* BootROM model (seed 3.2): the application is copied from a store into a RAM. */
#if BINARY_AREA != USE_SPI_NOR && BINARY_AREA != USE_SDCARD
#error "BINARY_AREA: USE_SPI_NOR or USE_SDCARD (seed section 3.3)"
#endif
#if BINARY_AREA == USE_SPI_NOR && (!defined(BINARY_BASE_OFFSET) || !defined(BINARY_SIZE))
#error "BINARY_AREA=USE_SPI_NOR needs BINARY_BASE_OFFSET and BINARY_SIZE"
#endif
#if BINARY_AREA == USE_SDCARD && !defined(BINARY_FILENAME)
#error "BINARY_AREA=USE_SDCARD needs BINARY_FILENAME"
#endif
#if CODE_AREA == USE_QSPI || CODE_AREA == USE_OSPI || CODE_AREA == USE_NOR
#error "CODE_AREA: the BootROM model runs the application from a RAM, not from flash"
#endif
#else
#if CODE_AREA != USE_QSPI && CODE_AREA != USE_OSPI && CODE_AREA != USE_NOR
#error "CODE_AREA: the XiP model executes from USE_QSPI, USE_OSPI or USE_NOR"
#endif
#endif
#if DATA_AREA != USE_INTERNAL_SRAM && DATA_AREA != USE_EXTERNAL_RAM && DATA_AREA != USE_EXTERNAL_SDRAM && \
    DATA_AREA != USE_EXTERNAL_SRAM && DATA_AREA != USE_EXTERNAL_PSRAM
#error "DATA_AREA: USE_INTERNAL_SRAM, USE_EXTERNAL_RAM (OSPI HyperRAM), USE_EXTERNAL_SDRAM, USE_EXTERNAL_SRAM or USE_EXTERNAL_PSRAM"
#endif

/* Raw binaries (no header): the seed's behaviour, kept only on request for the BootROM
 * model; XiP keeps accepting them (with a warning) unless ALLOW_RAW_IMAGE=0. */
#if !defined(ALLOW_RAW_IMAGE)
#if defined(BINARY_AREA)
#define ALLOW_RAW_IMAGE 0
#else
#define ALLOW_RAW_IMAGE 1
#endif
#endif
/* Watchdog over the whole boot, in ms (0: none). */
#if !defined(BOOT_WATCHDOG_MS)
#if defined(BINARY_AREA)
#define BOOT_WATCHDOG_MS 2000
#else
#define BOOT_WATCHDOG_MS 0
#endif
#endif
#endif
