/* What the SDMMC v1 (STM32F7, RM0385) and v2 (STM32H7, RM0433) models share: the slot's pins,
 * card-clock time and the arrival of received data in front of the FIFO. */
#include "sdmmc.h"

bool sdmmc_pins_ok(struct sim *s, const struct sdmmc_model *m, unsigned lines, const char *what)
{
    unsigned n = 3u + (lines >= 4u ? 3u : 0u); /* CK, CMD, D0 (+ D1..D3) */
    for (unsigned i = 0; i < n && i < BOARD_SD_PINS; i++) {
        const struct board_pin *p = &m->bsd->pins[i];
        unsigned af;
        unsigned mode = gpio_model_mode(m->gpio, p->port, p->pin, &af);
        if (mode != 2u || af != p->af) {
            sim_printf(s, "sim: SDMMC1: %s: pin P%c%u is in mode %u AF%u, the slot needs AF%u: the card sees no signal",
                       what, 'A' + p->port, p->pin, mode, af, p->af);
            return false;
        }
    }
    return true;
}

uint64_t sdmmc_clocks_ps(uint64_t clocks, uint32_t hz)
{
    return hz ? clocks * 1000000000000ull / hz : UINT64_MAX / 4u;
}

uint32_t sdmmc_rx_arrived(struct sim *s, struct sdmmc_model *m, uint32_t fifo_bytes, bool flow_control,
                          bool *overrun)
{
    if (!m->rx_active) {
        return m->rx_len;
    }
    uint64_t got = s->now_ps <= m->rx_start_ps ? 0u : (s->now_ps - m->rx_start_ps) * 16u / m->rx_ps_per_byte_x16;
    if (got > m->rx_len) {
        got = m->rx_len;
    }
    if (got > (uint64_t)m->rx_pos + fifo_bytes) {
        if (flow_control) {
            /* The card clock stopped while the FIFO was full: arrival resumes from here. */
            uint64_t excess = got - (m->rx_pos + fifo_bytes);
            m->rx_start_ps += excess * m->rx_ps_per_byte_x16 / 16u;
            got = m->rx_pos + fifo_bytes;
        } else if (overrun) {
            *overrun = true;
        }
    }
    return (uint32_t)got;
}
