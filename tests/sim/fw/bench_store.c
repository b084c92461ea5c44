/* Benchmark firmware: a store-heavy loop (one store, one add, one compare-and-branch per
 * word) over 4 KiB of AXI SRAM, forever. The benchmark measures how many guest instructions
 * a second the simulator's fast mode runs. */
#include <stdint.h>

void fault_report(const char *what, const uint32_t *frame);
void fault_report(const char *what, const uint32_t *frame)
{
    (void)what;
    (void)frame;
    for (;;) {
    }
}

int main(void)
{
    volatile uint32_t *p = (volatile uint32_t *)(uintptr_t)0x24000000u;
    for (uint32_t n = 0;; n++) {
        for (uint32_t i = 0; i < 1024u; i++) {
            p[i] = i + n;
        }
    }
}
