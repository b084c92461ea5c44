#ifndef BOOT_BOOT_H
#define BOOT_BOOT_H
#include <stdint.h>

/* Boot error codes: every failure prints "Enn <stage>: <what>, <what to check>" and stops. */
enum boot_err {
    BOOT_E_CLOCK = 1,      /* clock tree did not come up */
    BOOT_E_CONFIG = 2,     /* the build's configuration does not match the board */
    BOOT_E_QSPI_SETUP = 10,
    BOOT_E_QSPI_RESET = 11,  /* flash never became ready after reset */
    BOOT_E_QSPI_NODEV = 12,  /* no answer on the bus */
    BOOT_E_QSPI_ID = 13,     /* another part answers */
    BOOT_E_QSPI_CONFIG = 14, /* a configuration register did not take the value */
    BOOT_E_QSPI_MMAP = 15,
    BOOT_E_QSPI_SFDP = 16,   /* SFDP missing or contradicting the parts table */
    BOOT_E_OSPI_SETUP = 20,  /* controller / pins / I/O manager */
    BOOT_E_OSPI_RESET = 21,  /* flash never became ready after reset */
    BOOT_E_OSPI_NODEV = 22,  /* no answer in 1-1-1 */
    BOOT_E_OSPI_ID = 23,     /* another part answers */
    BOOT_E_OSPI_SFDP = 24,   /* SFDP missing or contradicting the parts table */
    BOOT_E_OSPI_DTR = 25,    /* octal DTR entry or read-back (CR2, DQS) failed */
    BOOT_E_OSPI_MMAP = 26,
    BOOT_E_FMC_CONFIG = 30,    /* FMC board data out of range or part unknown */
    BOOT_E_SDRAM_SEQ = 31,     /* an SDRAM command was not taken */
    BOOT_E_SDRAM_REFRESH = 32, /* the refresh counter cannot refresh every row in time */
    BOOT_E_NOR_ID = 33,        /* another NOR part answers */
    BOOT_E_NOR_NODEV = 34,     /* no CFI answer on the chip select */
    BOOT_E_NOR_GEOMETRY = 35,  /* CFI geometry differs from the part table */
    BOOT_E_FMC_BANK = 36,      /* chip select configuration did not read back */
    BOOT_E_FMC_PROBE = 37,     /* the RAM does not hold a written word */
    BOOT_E_HYPERRAM_SETUP = 40, /* controller / pins / I/O manager */
    BOOT_E_HYPERRAM_NODEV = 41, /* a die does not answer in register space */
    BOOT_E_HYPERRAM_ID = 42,    /* ID0 is not the die geometry of the part */
    BOOT_E_HYPERRAM_CONFIG = 43,/* CR0 did not take the latency */
    BOOT_E_HYPERRAM_MMAP = 44,
    BOOT_E_HYPERRAM_TEST = 45,  /* a word did not hold its value */
    BOOT_E_APP_ERASED = 50,  /* nothing programmed where the application should be */
    BOOT_E_APP_VECTORS = 51, /* the vector table is not one of an application for this area */
    BOOT_E_IMAGE_MAGIC = 52,    /* no extmem image header (and raw images not allowed) */
    BOOT_E_IMAGE_HEADER = 53,   /* header CRC mismatch */
    BOOT_E_IMAGE_FORMAT = 54,   /* header version, header size or flags this boot does not read */
    BOOT_E_IMAGE_SIZE = 55,     /* image truncated: header + payload longer than the store */
    BOOT_E_IMAGE_PLACE = 56,    /* payload too big, or load range outside the code area / over the boot's RAM */
    BOOT_E_IMAGE_ENTRY = 57,    /* entry, stack pointer or vector table not usable */
    BOOT_E_IMAGE_HASH = 58,     /* payload SHA-256 mismatch */
    BOOT_E_IMAGE_EMPTY = 59,    /* empty payload */
    BOOT_E_SD_NO_CARD = 60,     /* no card in the slot, or nothing answers */
    BOOT_E_SD_INIT = 61,        /* the card did not complete identification */
    BOOT_E_SD_NO_FILE = 62,     /* BINARY_FILENAME not in the volume */
    BOOT_E_SD_NO_FAT = 63,      /* no FAT volume on the card */
    BOOT_E_SD_EMPTY = 64,       /* the file is empty */
    BOOT_E_SD_READ = 65,        /* a block read failed (CRC, timeout) */
    BOOT_E_SD_FAT = 66,         /* FAT structure of the file is inconsistent */
    BOOT_E_SPINOR_SETUP = 70,   /* the SPI-NOR store does not come up */
    BOOT_E_SPINOR_ERASED = 71,  /* nothing programmed at BINARY_BASE_OFFSET */
    BOOT_E_SPINOR_READ = 72,    /* an indirect read did not complete */
    BOOT_E_MEMTEST_MARCH = 80,     /* march test: a cell does not hold its value */
    BOOT_E_MEMTEST_LANES = 81,     /* byte / halfword writes land on the wrong lanes */
    BOOT_E_MEMTEST_RETENTION = 82, /* data lost while the memory was left alone */
    BOOT_E_MEMTEST_READBACK = 83,  /* code flash contents differ from the image */
    BOOT_E_MEMTEST_EXEC = 84,      /* a function programmed into the flash does not run */
    BOOT_E_WATCHDOG = 85,          /* the watchdog did not take its settings */
    BOOT_E_FAULT = 90,
};

__attribute__((noreturn)) void boot_fail(enum boot_err e, const char *fmt, ...);
#endif
