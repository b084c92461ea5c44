/* IWDG1 of the STM32H7 at 0x58004800 (RM0433 45.4), and the IWDG of the STM32F7 at
 * 0x40003000 (RM0385, the same registers and behaviour): KR 0x00 (write only), PR 0x04 (reset 0,
 * divider 4 << PR, codes above 6 are /256), RLR 0x08 (reset 0xFFF), SR 0x0C (PVU 0, RVU 1,
 * WVU 2), WINR 0x10 (reset 0xFFF). Writes to PR/RLR/WINR are ignored unless 0x5555 was
 * written to KR first; 0xAAAA reloads and closes the access again; 0xCCCC starts the
 * watchdog (and the LSI). A PR/RLR update crosses into the LSI domain: its status bit stays
 * set for 5 LSI periods (RM0433: "up to 5 RC 32 kHz cycles") and the old value counts until
 * then. The counter runs at LSI / divider; reaching 0 resets the chip. */
#include "iwdg.h"

#include <string.h>

#define LSI_HZ 32000u
#define UPDATE_LSI_CYCLES 5u
#define KEY_START 0xCCCCu
#define KEY_ACCESS 0x5555u
#define KEY_RELOAD 0xAAAAu

static uint64_t lsi_ps(const struct iwdg_model *w, uint64_t cycles)
{
    return cycles * 1000000000000ull / w->lsi_hz;
}

static void settle(struct sim *s, struct iwdg_model *w)
{
    if (w->pr_update_ps && s->now_ps >= w->pr_update_ps) {
        w->pr = w->pr_new;
        w->pr_update_ps = 0;
    }
    if (w->rlr_update_ps && s->now_ps >= w->rlr_update_ps) {
        w->rlr = w->rlr_new;
        w->rlr_update_ps = 0;
    }
}

static unsigned divider(const struct iwdg_model *w)
{
    return 4u << (w->pr > 6u ? 6u : w->pr);
}

static uint64_t expiry_ps(const struct iwdg_model *w)
{
    return w->reload_ps + lsi_ps(w, (uint64_t)(w->rlr + 1u) * divider(w));
}

static void tick(struct sim *s, void *self)
{
    struct iwdg_model *w = self;
    if (!w->started || w->fired) {
        return;
    }
    settle(s, w);
    uint64_t end = expiry_ps(w);
    if (s->now_ps >= end) {
        w->fired = true;
        sim_printf(s, "sim: %s: watchdog reset: counter reached 0 (%u ms without refresh, /%u, reload %u): "
                   "the chip resets here and the run ends", w->name,
                   (unsigned)((s->now_ps - w->reload_ps) / 1000000000ull), divider(w), w->rlr);
        s->stop = true;
        sim_schedule(s, s->until_ps);
        return;
    }
    sim_schedule(s, end);
    if (w->pr_update_ps) {
        sim_schedule(s, w->pr_update_ps);
    }
    if (w->rlr_update_ps) {
        sim_schedule(s, w->rlr_update_ps);
    }
}

static uint32_t iwdg_read(struct sim *s, void *self, uint32_t off, unsigned size)
{
    (void)size;
    struct iwdg_model *w = self;
    settle(s, w);
    switch (off) {
    case 0x04: return w->pr_update_ps ? w->pr_new : w->pr;
    case 0x08: return w->rlr_update_ps ? w->rlr_new : w->rlr;
    case 0x0C: return (w->pr_update_ps ? 1u : 0u) | (w->rlr_update_ps ? 2u : 0u);
    case 0x10: return w->winr;
    default: return 0; /* KR reads 0 */
    }
}

static void iwdg_write(struct sim *s, void *self, uint32_t off, unsigned size, uint32_t v)
{
    (void)size;
    struct iwdg_model *w = self;
    settle(s, w);
    switch (off) {
    case 0x00:
        switch (v & 0xFFFFu) {
        case KEY_START:
            if (!w->started) {
                w->started = true;
                w->reload_ps = s->now_ps;
                sim_printf(s, "sim: %s: started (LSI %u kHz, /%u, reload %u)", w->name, (unsigned)(w->lsi_hz / 1000u),
                           divider(w), w->rlr);
            }
            break;
        case KEY_ACCESS: w->access = true; break;
        case KEY_RELOAD:
            w->access = false;
            w->reload_ps = s->now_ps;
            break;
        default: w->access = false; break; /* any other key closes the access */
        }
        break;
    case 0x04:
    case 0x08:
    case 0x10:
        if (!w->access) {
            sim_printf(s, "sim: %s: write of 0x%x at +0x%02x ignored: registers are write-protected "
                       "(write 0x5555 to KR first)", w->name, v, off);
            break;
        }
        if (off == 0x04) {
            w->pr_new = v & 7u;
            w->pr_update_ps = s->now_ps + lsi_ps(w, UPDATE_LSI_CYCLES);
        } else if (off == 0x08) {
            w->rlr_new = v & 0xFFFu;
            w->rlr_update_ps = s->now_ps + lsi_ps(w, UPDATE_LSI_CYCLES);
        } else {
            w->winr = v & 0xFFFu;
        }
        break;
    default: break;
    }
    tick(s, w);
}

void iwdg_model_init(struct sim *s, struct iwdg_model *w, uint32_t base, const char *name)
{
    memset(w, 0, sizeof *w);
    w->rlr = w->rlr_new = 0xFFFu;
    w->winr = 0xFFFu;
    w->lsi_hz = LSI_HZ;
    w->name = name;
    struct periph p = { name, base, 0x400u, iwdg_read, iwdg_write, w };
    sim_add_periph(s, &p);
    sim_add_tick(s, tick, w);
}
