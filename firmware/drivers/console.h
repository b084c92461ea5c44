/* The board's console USART, and a small formatter (no printf: the boot must stay small). */
#ifndef DRIVERS_CONSOLE_H
#define DRIVERS_CONSOLE_H
#include <stdarg.h>
#include <stdint.h>
#include "boards/board.h"
void console_init(const struct board_desc *b, uint32_t pclk_hz);
void console_release(const struct board_desc *b);
void console_putc(char c);
void console_puts(const char *s);
/* %s %c %u %d %x %X, with an optional width and 0 flag (%08x); %M prints a byte size
 * as KiB or MiB. */
void console_printf(const char *fmt, ...);
void console_vprintf(const char *fmt, va_list ap);
#endif
