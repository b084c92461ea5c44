#ifndef DRIVERS_GPIO_H
#define DRIVERS_GPIO_H
#include <stdbool.h>
#include "boards/board.h"
#include "ip/gpio_v2.h"
void gpio_clock_enable(uint8_t port);
void gpio_configure(struct board_pin p, enum gpio_mode mode, enum gpio_speed speed);
void gpio_write(struct board_pin p, bool high);
void gpio_toggle(struct board_pin p);
void gpio_release(struct board_pin p);
#endif
