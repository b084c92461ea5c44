/* IWDG1 (H7, RM0433 45) and IWDG (F7, RM0385) model: LSI-clocked down-counter, key register sequence, reset on
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
    const char *name;                 /* "IWDG1" (H7), "IWDG" (F7) */
};
/* The watchdog at base (H7 IWDG1 0x58004800, F7 IWDG 0x40003000: the same registers). */
void iwdg_model_init(struct sim *s, struct iwdg_model *w, uint32_t base, const char *name);
#endif
