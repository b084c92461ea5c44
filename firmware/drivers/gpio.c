/* GPIO pin set-up: level, speed, pull and alternate function before the mode switches, so a
 * pin never drives a wrong level or function in between (STYLE: libopencm3 practice). */
#include "gpio.h"
#include "chip.h"

void gpio_clock_enable(uint8_t port)
{
    RCC_GPIO_ENR |= 1u << port;
    (void)RCC_GPIO_ENR; /* read back: the clock is on before the first register access */
}

void gpio_configure(struct board_pin p, enum gpio_mode mode, enum gpio_speed speed)
{
    struct gpio_regs *g = GPIO_PORT(p.port);
    uint32_t shift2 = 2u * p.pin;
    g->OSPEEDR = (g->OSPEEDR & ~(3u << shift2)) | ((uint32_t)speed << shift2);
    g->OTYPER &= ~(1u << p.pin);
    g->PUPDR &= ~(3u << shift2);
    if (mode == GPIO_MODE_AF) {
        uint32_t shift4 = 4u * (p.pin & 7u);
        volatile uint32_t *afr = &g->AFR[p.pin >> 3];
        *afr = (*afr & ~(0xFu << shift4)) | ((uint32_t)p.af << shift4);
    }
    g->MODER = (g->MODER & ~(3u << shift2)) | ((uint32_t)mode << shift2);
}

void gpio_write(struct board_pin p, bool high)
{
    GPIO_PORT(p.port)->BSRR = high ? (1u << p.pin) : (1u << (p.pin + 16u));
}

void gpio_toggle(struct board_pin p)
{
    struct gpio_regs *g = GPIO_PORT(p.port);
    gpio_write(p, (g->ODR & (1u << p.pin)) == 0u);
}

void gpio_release(struct board_pin p)
{
    struct gpio_regs *g = GPIO_PORT(p.port);
    uint32_t shift2 = 2u * p.pin;
    g->MODER |= 3u << shift2; /* analog: the reset state, lowest power */
    g->AFR[p.pin >> 3] &= ~(0xFu << (4u * (p.pin & 7u)));
    g->OSPEEDR &= ~(3u << shift2);
}
