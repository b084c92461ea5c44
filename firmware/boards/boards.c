/* The list of boards, for the host programs (simulator, layout generator, tools). The
 * firmware links its one board directly. */
#include <stddef.h>
#include <string.h>
#include "board.h"

extern const struct board_desc board_stm32f723e_disco;
extern const struct board_desc board_stm32756g_eval;

const struct board_desc *const board_list[] = {
    &board_stm32h743i_eval,
    &board_stm32f723e_disco,
    &board_stm32756g_eval,
    &board_stm32h7b3i_eval,
    &board_stm32h7b3i_dk,
    &board_stm32h735g_dk,
};
const unsigned board_count = sizeof board_list / sizeof board_list[0];

const struct board_desc *board_find(const char *id)
{
    for (unsigned i = 0; i < board_count; i++) {
        if (strcmp(board_list[i]->id, id) == 0) {
            return board_list[i];
        }
    }
    return NULL;
}
