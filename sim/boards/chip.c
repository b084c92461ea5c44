/* The chip of a board: the one place that picks the family's builder. */
#include "chip.h"

int chip_build(struct sim *s, struct chip *c, struct chip_images *img)
{
    switch (s->board->family) {
    case FAMILY_STM32F7: return chip_build_f7(s, c, img);
    case FAMILY_STM32H74X:
    case FAMILY_STM32H7BX:
    case FAMILY_STM32H73X: return chip_build_h7(s, c, img);
    }
    fprintf(stderr, "extmem-sim: %s: unknown chip family %d\n", s->board->id, (int)s->board->family);
    return -1;
}
