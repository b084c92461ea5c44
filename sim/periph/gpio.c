/* GPIO ports A..K (RM0433 11.4; the same block on F7, RM0431 6.4) at the family's base: registers, clock gate, output events on the console. */
#include "h7.h"

#include <string.h>

static const char *led_name(struct sim *s, unsigned port, unsigned pin, bool level)
{
    static char buf[64];
    const struct board_desc *b = s->board;
    for (unsigned i = 0; i < b->led_count; i++) {
        if (b->leds[i].pin.port == port && b->leds[i].pin.pin == pin) {
            bool on = level != (b->leds[i].active_low != 0);
            snprintf(buf, sizeof buf, " (%s %s)", b->leds[i].name, on ? "on" : "off");
            return buf;
        }
    }
    return "";
}

static void pin_event(struct sim *s, struct gpio_model *g, unsigned port, unsigned pin)
{
    bool level = (g->odr[port] >> pin) & 1u;
    g->events++;
    sim_printf(s, "gpio: P%c%u = %u%s", 'A' + port, pin, level, led_name(s, port, pin, level));
}

static void output_events(struct sim *s, struct gpio_model *g, unsigned port, uint32_t old, uint32_t now)
{
    uint32_t changed = old ^ now;
    for (unsigned pin = 0; pin < 16; pin++) {
        if (((changed >> pin) & 1u) && ((g->moder[port] >> (2 * pin)) & 3u) == 1u) {
            pin_event(s, g, port, pin);
        }
    }
}

/* Inputs read back what the outputs drive, except pins on a board switch: a closed switch
 * reads 0, an open one floats and reads the pull (PUPDR 01 up, 10 down); a floating pin
 * without a pull reads 0 here (hardware: undefined) and is reported once. */
static uint32_t idr(struct sim *s, struct gpio_model *g, unsigned port)
{
    uint32_t v = g->odr[port] & 0xFFFFu;
    for (unsigned pin = 0; pin < 16u; pin++) {
        if (!((g->sw_mask[port] >> pin) & 1u) || ((g->moder[port] >> (2u * pin)) & 3u) != 0u) {
            continue;
        }
        unsigned pull = (g->pupdr[port] >> (2u * pin)) & 3u;
        bool high = !((g->sw_closed[port] >> pin) & 1u) && pull == 1u;
        if (!((g->sw_closed[port] >> pin) & 1u) && pull != 1u && pull != 2u && !((g->sw_warned[port] >> pin) & 1u)) {
            g->sw_warned[port] |= (uint16_t)(1u << pin);
            sim_printf(s, "sim: GPIO P%c%u: input on an open switch floats (no pull-up in PUPDR): reads 0 here, "
                          "undefined on the board", 'A' + port, pin);
        }
        v = high ? (v | (1u << pin)) : (v & ~(1u << pin));
    }
    return v;
}

static uint32_t gpio_read(struct sim *s, void *self, uint32_t off, unsigned size)
{
    (void)size;
    struct gpio_model *g = self;
    unsigned port = off / 0x400u, r = off % 0x400u;
    if (!h7_rcc_enabled(g->rcc, g->rcc->map->gpio_enr, port)) {
        sim_printf(s, "sim: GPIO%c read at +0x%02x with its clock off (%s bit %u): reads 0", 'A' + port, r,
                   g->rcc->map->gpio_enr_name, port);
        return 0;
    }
    switch (r) {
    case 0x00: return g->moder[port];
    case 0x04: return g->otyper[port];
    case 0x08: return g->ospeedr[port];
    case 0x0C: return g->pupdr[port];
    case 0x10: return idr(s, g, port);
    case 0x14: return g->odr[port];
    case 0x1C: return g->lckr[port];
    case 0x20: return g->afr[port][0];
    case 0x24: return g->afr[port][1];
    default: return 0;
    }
}

static void gpio_write(struct sim *s, void *self, uint32_t off, unsigned size, uint32_t v)
{
    (void)size;
    struct gpio_model *g = self;
    unsigned port = off / 0x400u, r = off % 0x400u;
    if (!h7_rcc_enabled(g->rcc, g->rcc->map->gpio_enr, port)) {
        sim_printf(s, "sim: GPIO%c write at +0x%02x with its clock off (%s bit %u): ignored", 'A' + port, r,
                   g->rcc->map->gpio_enr_name, port);
        return;
    }
    uint32_t old = g->odr[port];
    switch (r) {
    case 0x00: {
        uint32_t prev = g->moder[port];
        g->moder[port] = v;
        /* a pin switching to output starts driving its ODR level */
        for (unsigned pin = 0; pin < 16; pin++) {
            if (((prev >> (2 * pin)) & 3u) != 1u && ((v >> (2 * pin)) & 3u) == 1u) {
                pin_event(s, g, port, pin);
            }
        }
        return;
    }
    case 0x04: g->otyper[port] = v & 0xFFFFu; return;
    case 0x08: g->ospeedr[port] = v; return;
    case 0x0C: g->pupdr[port] = v; return;
    case 0x14: g->odr[port] = v & 0xFFFFu; break;
    case 0x18: g->odr[port] = (g->odr[port] | (v & 0xFFFFu)) & ~(v >> 16); break;
    case 0x1C: g->lckr[port] = v; return;
    case 0x20: g->afr[port][0] = v; return;
    case 0x24: g->afr[port][1] = v; return;
    default: return;
    }
    output_events(s, g, port, old, g->odr[port]);
}

unsigned gpio_model_mode(const struct gpio_model *g, unsigned port, unsigned pin, unsigned *af)
{
    *af = (g->afr[port][pin >> 3] >> (4u * (pin & 7u))) & 0xFu;
    return (g->moder[port] >> (2u * pin)) & 3u;
}

void gpio_model_switch(struct gpio_model *g, unsigned port, unsigned pin, bool closed)
{
    g->sw_mask[port] |= (uint16_t)(1u << pin);
    if (closed) {
        g->sw_closed[port] |= (uint16_t)(1u << pin);
    } else {
        g->sw_closed[port] &= (uint16_t)~(1u << pin);
    }
}

void gpio_model_init(struct sim *s, struct gpio_model *g, struct h7_rcc *rcc)
{
    memset(g, 0, sizeof *g);
    g->rcc = rcc;
    for (unsigned p = 0; p < GPIO_PORTS; p++) {
        g->moder[p] = 0xFFFFFFFFu; /* analog */
    }
    g->moder[0] = 0xABFFFFFFu; /* debug pins PA13/14/15 */
    g->moder[1] = 0xFFFFFEBFu; /* PB3/PB4 */
    g->pupdr[0] = 0x64000000u;
    g->pupdr[1] = 0x00000100u;
    g->ospeedr[0] = 0x0C000000u;
    g->ospeedr[1] = 0x000000C0u;
    struct periph p = { "GPIO", rcc->map->gpio_base, GPIO_PORTS * 0x400u, gpio_read, gpio_write, g };
    sim_add_periph(s, &p);
}
