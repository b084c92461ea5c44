/* Memory tests for external RAM (no chip access, so host tests can run them too):
 * March C- (van de Goor: detects stuck-at, transition, coupling and address decoder faults)
 * over 32-bit words, and a byte-lane check for buses with byte enables (NBL0..3). */
#ifndef EXTMEM_MARCH_H
#define EXTMEM_MARCH_H
#include <stdint.h>

struct march_fail {
    unsigned element;   /* 0..5: which march element saw the fault */
    uintptr_t addr;
    uint32_t expected, got;
};

/* March C-: {up(w0); up(r0,w1); up(r1,w0); down(r0,w1); down(r1,w0); down(r0)} with 0 =
 * all zeros, 1 = all ones. size in bytes, a multiple of 32 (eight words per step). 0, or -1 with *f filled. */
int march_c_minus(uintptr_t base, uint32_t size, struct march_fail *f);

/* Byte and halfword stores land in their own lanes: 0 or -1 with *f filled. */
int march_lanes(uintptr_t base, struct march_fail *f);
#endif
