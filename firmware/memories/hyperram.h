/* HyperRAM (S70KL1281: two 64 Mbit dies) on OCTOSPI in HyperBus mode: identity and
 * configuration of each die in register space, then the memory space memory-mapped for
 * reads and writes (facts sheet nor-flash-parts.md section 11). */
#ifndef MEMORIES_HYPERRAM_H
#define MEMORIES_HYPERRAM_H
#include <stdint.h>
#include "boards/board.h"
#include "boards/board_ospi.h"

enum hyperram_stage { HYPERRAM_INIT, HYPERRAM_ID, HYPERRAM_CONFIG, HYPERRAM_MMAP, HYPERRAM_TEST };

struct hyperram_result {
    enum hyperram_stage stage;
    uint8_t die;              /* die of the failure */
    uint16_t id0[2];          /* ID0 of each die */
    uint16_t cr0[2];          /* CR0 written and read back */
    uint32_t test_addr, test_wrote, test_read; /* first word that did not hold its value */
    uint32_t total_us;
};

int hyperram_bringup(const struct board_hyperram *h, struct hyperram_result *r);
const char *hyperram_stage_name(enum hyperram_stage s);
#endif
