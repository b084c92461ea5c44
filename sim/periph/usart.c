/* USART (RM0433 48; F7 RM0431 31: same core registers, no FIFO): transmitter to the console, line by line, with the virtual time. A byte
 * reaches the console only when the USART is clocked and enabled and its TX pin is in the
 * alternate function the board wires to it. */
#include "h7.h"

#include <string.h>

static bool clocked(const struct usart_model *u)
{
    const struct periph_map *m = u->rcc->map;
    return u->index < 9u && m->usart_enr[u->index] != 0u &&
           h7_rcc_enabled(u->rcc, m->usart_enr[u->index], m->usart_bit[u->index]);
}

void usart_model_flush(struct sim *s, struct usart_model *u)
{
    if (u->len) {
        u->line[u->len] = '\0';
        sim_printf(s, "uart%u: %s", u->index, u->line);
        u->len = 0;
    }
}

static void tx(struct sim *s, struct usart_model *u, uint8_t c)
{
    unsigned af;
    unsigned mode = gpio_model_mode(u->gpio, u->tx.port, u->tx.pin, &af);
    if (mode != 2u || af != u->tx.af) {
        if (u->lost++ == 0) {
            sim_printf(s, "sim: USART%u: byte sent with TX pin P%c%u in mode %u AF%u, not AF%u: lost on the board",
                       u->index, 'A' + u->tx.port, u->tx.pin, mode, af, u->tx.af);
        }
        return;
    }
    if (c == '\r') {
        return;
    }
    if (c == '\n' || u->len + 1 >= sizeof u->line) {
        usart_model_flush(s, u);
        if (c == '\n') {
            return;
        }
    }
    u->line[u->len++] = (char)c;
}

static uint32_t usart_read(struct sim *s, void *self, uint32_t off, unsigned size)
{
    (void)size;
    (void)s;
    struct usart_model *u = self;
    if (!clocked(u)) {
        return 0;
    }
    switch (off) {
    case 0x00: return u->cr1;
    case 0x04: return u->cr2;
    case 0x08: return u->cr3;
    case 0x0C: return u->brr;
    case 0x1C: {
        /* transmission is modelled as instantaneous: TXE and TC always set */
        uint32_t isr = (1u << 7) | (1u << 6);
        if ((u->cr1 & 1u) && (u->cr1 & 8u)) isr |= 1u << 21; /* TEACK */
        if ((u->cr1 & 1u) && (u->cr1 & 4u)) isr |= 1u << 22; /* REACK */
        return isr;
    }
    default: return 0;
    }
}

static void usart_write(struct sim *s, void *self, uint32_t off, unsigned size, uint32_t v)
{
    (void)size;
    struct usart_model *u = self;
    if (!clocked(u)) {
        sim_printf(s, "sim: USART%u write at +0x%02x with its clock off: ignored", u->index, off);
        return;
    }
    switch (off) {
    case 0x00: u->cr1 = v; break;
    case 0x04: u->cr2 = v; break;
    case 0x08: u->cr3 = v; break;
    case 0x0C: u->brr = v & 0xFFFFu; break;
    case 0x28:
        if (!(u->cr1 & 1u) || !(u->cr1 & 8u)) {
            sim_printf(s, "sim: USART%u: TDR written with UE/TE off: byte 0x%02x dropped", u->index, v & 0xFFu);
            break;
        }
        if (u->brr < 16u) {
            sim_violation(s, "USART%u: BRR 0x%x below 16 with oversampling by 16", u->index, u->brr);
        }
        tx(s, u, (uint8_t)v);
        break;
    default: break;
    }
}

void usart_model_init(struct sim *s, struct usart_model *u, unsigned index, uint32_t base,
                      struct h7_rcc *rcc, struct gpio_model *gpio, struct board_pin txpin)
{
    memset(u, 0, sizeof *u);
    u->index = index;
    u->rcc = rcc;
    u->gpio = gpio;
    u->tx = txpin;
    struct periph p = { "USART", base, 0x400u, usart_read, usart_write, u };
    sim_add_periph(s, &p);
}
