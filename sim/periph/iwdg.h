/* IWDG1 model (RM0433 45): LSI-clocked down-counter, key register sequence, reset on
 * expiry (reported on the log; the run stops there: the simulator does not reboot). */
#ifndef SIM_PERIPH_IWDG_H
#define SIM_PERIPH_IWDG_H
#include "core/sim.h"

struct iwdg_model {
    bool started, access;
    uint32_t pr, rlr, winr;           /* effective values */
    uint32_t pr_new, rlr_new;         /* written, taking effect at update_ps */
    uint64_t pr_update_ps, rlr_update_ps;
    uint64_t reload_ps;               /* counter reloaded to rlr at this time */
    uint64_t lsi_hz;
    bool fired;
};
void iwdg_model_init(struct sim *s, struct iwdg_model *w);
#endif
