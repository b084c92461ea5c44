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
#if CODE_AREA != USE_QSPI && CODE_AREA != USE_OSPI && CODE_AREA != USE_NOR
#error "CODE_AREA: this build supports USE_QSPI, USE_OSPI and USE_NOR (XiP); other execution memories: see the issues"
#endif
#if DATA_AREA != USE_INTERNAL_SRAM && DATA_AREA != USE_EXTERNAL_RAM && DATA_AREA != USE_EXTERNAL_SDRAM && \
    DATA_AREA != USE_EXTERNAL_SRAM && DATA_AREA != USE_EXTERNAL_PSRAM
#error "DATA_AREA: this build supports USE_INTERNAL_SRAM, USE_EXTERNAL_RAM (OSPI HyperRAM), USE_EXTERNAL_SDRAM, USE_EXTERNAL_SRAM, USE_EXTERNAL_PSRAM"
#endif
#if defined(BINARY_AREA)
#error "BINARY_AREA must be undefined in the XiP model (seed section 3.3)"
#endif
#endif
