#include <stdarg.h>
#include <stdbool.h>
#include "console.h"
#include "deadline.h"
#include "gpio.h"
#include "chip.h"

static struct usart_regs *con;

/* USART instances and their clock enable / reset bits (RM0433 8.7.38-8.7.40; F7: RM0431
 * 5.3.13-5.3.14). The instances live at the same addresses on both families. */
static struct usart_regs *usart_lookup(uint32_t n, volatile uint32_t **enr, volatile uint32_t **rstr,
                                       uint32_t *bit)
{
    switch (n) {
    case 1:
        *enr = &RCC_APB2ENR; *rstr = &RCC_APB2RSTR; *bit = RCC_APB2_USART1;
        return (struct usart_regs *)(uintptr_t)0x40011000u;
    case 3:
        *enr = &RCC_USART_APB1_ENR; *rstr = &RCC_USART_APB1_RSTR; *bit = RCC_APB1L_USART3;
        return (struct usart_regs *)(uintptr_t)0x40004800u;
    case 6:
        *enr = &RCC_APB2ENR; *rstr = &RCC_APB2RSTR; *bit = RCC_APB2_USART6;
        return (struct usart_regs *)(uintptr_t)0x40011400u;
    default:
        return 0;
    }
}

void console_init(const struct board_desc *b, uint32_t pclk_hz)
{
    volatile uint32_t *enr, *rstr;
    uint32_t bit;
    struct usart_regs *u = usart_lookup(b->console_usart, &enr, &rstr, &bit);
    if (u == 0) {
        return; /* no console: the boot still runs, silently */
    }
    gpio_clock_enable(b->console_tx.port);
    gpio_configure(b->console_tx, GPIO_MODE_AF, GPIO_SPEED_MEDIUM);
    gpio_configure(b->console_rx, GPIO_MODE_AF, GPIO_SPEED_MEDIUM);
    *enr |= bit;
    (void)*enr;
    u->CR1 = 0u;
    u->BRR = (pclk_hz + b->console_baud / 2u) / b->console_baud; /* oversampling by 16 */
    u->CR1 = USART_CR1_TE | USART_CR1_RE | USART_CR1_UE;
    con = u;
    (void)wait_reg(&u->ISR, USART_ISR_TEACK, USART_ISR_TEACK, 1000u);
}

void console_release(const struct board_desc *b)
{
    volatile uint32_t *enr, *rstr;
    uint32_t bit;
    struct usart_regs *u = usart_lookup(b->console_usart, &enr, &rstr, &bit);
    if (u == 0 || con == 0) {
        return;
    }
    (void)wait_reg(&u->ISR, USART_ISR_TC, USART_ISR_TC, 2000u); /* last byte out */
    *rstr |= bit; /* the application starts from the reset state */
    *rstr &= ~bit;
    *enr &= ~bit;
    gpio_release(b->console_tx);
    gpio_release(b->console_rx);
    con = 0;
}

void console_putc(char c)
{
    if (con == 0) {
        return;
    }
    if (c == '\n') {
        console_putc('\r');
    }
    /* 100 us is ten bit times at 115200 baud: a stuck transmitter cannot hang the boot. */
    if (wait_reg(&con->ISR, USART_ISR_TXE, USART_ISR_TXE, 100u) == 0) {
        con->TDR = (uint8_t)c;
    }
}

void console_puts(const char *s)
{
    while (*s) {
        console_putc(*s++);
    }
}

static void put_num(uint32_t v, unsigned base, unsigned width, bool zero, bool upper)
{
    char buf[12];
    unsigned n = 0;
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    do {
        buf[n++] = digits[v % base];
        v /= base;
    } while (v != 0u && n < sizeof buf);
    while (n < width && n < sizeof buf) {
        buf[n++] = zero ? '0' : ' ';
    }
    while (n > 0u) {
        console_putc(buf[--n]);
    }
}

void console_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    console_vprintf(fmt, ap);
    va_end(ap);
}

void console_vprintf(const char *fmt, va_list ap)
{
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            console_putc(*p);
            continue;
        }
        p++;
        bool zero = false;
        unsigned width = 0;
        if (*p == '0') {
            zero = true;
            p++;
        }
        while (*p >= '0' && *p <= '9') {
            width = width * 10u + (unsigned)(*p++ - '0');
        }
        switch (*p) {
        case 's': console_puts(va_arg(ap, const char *)); break;
        case 'c': console_putc((char)va_arg(ap, int)); break;
        case 'u': put_num(va_arg(ap, uint32_t), 10, width, zero, false); break;
        case 'd': {
            int32_t v = va_arg(ap, int32_t);
            if (v < 0) {
                console_putc('-');
                v = -v;
            }
            put_num((uint32_t)v, 10, width, zero, false);
            break;
        }
        case 'x': put_num(va_arg(ap, uint32_t), 16, width, zero, false); break;
        case 'X': put_num(va_arg(ap, uint32_t), 16, width, zero, true); break;
        case 'M': {
            uint32_t v = va_arg(ap, uint32_t);
            if (v >= (1u << 20) && (v & 0xFFFFFu) == 0u) {
                put_num(v >> 20, 10, 0, false, false);
                console_puts(" MiB");
            } else {
                put_num(v >> 10, 10, 0, false, false);
                console_puts(" KiB");
            }
            break;
        }
        case '%': console_putc('%'); break;
        default: console_putc('?'); break;
        }
    }
}
