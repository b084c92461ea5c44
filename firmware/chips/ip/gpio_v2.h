/* GPIO port (the same block on STM32F7 and STM32H7: RM0433 11.4, RM0385 6.4). */
#ifndef CHIPS_IP_GPIO_V2_H
#define CHIPS_IP_GPIO_V2_H
#include <stddef.h>
#include <stdint.h>

struct gpio_regs {
    volatile uint32_t MODER;   /* 0x00: 2 bits a pin */
    volatile uint32_t OTYPER;  /* 0x04 */
    volatile uint32_t OSPEEDR; /* 0x08 */
    volatile uint32_t PUPDR;   /* 0x0C */
    volatile uint32_t IDR;     /* 0x10 */
    volatile uint32_t ODR;     /* 0x14 */
    volatile uint32_t BSRR;    /* 0x18: set bits 15:0, reset bits 31:16 */
    volatile uint32_t LCKR;    /* 0x1C */
    volatile uint32_t AFR[2];  /* 0x20, 0x24: 4 bits a pin */
};
_Static_assert(offsetof(struct gpio_regs, AFR) == 0x20, "GPIO AFRL offset");

enum gpio_mode { GPIO_MODE_INPUT = 0, GPIO_MODE_OUTPUT = 1, GPIO_MODE_AF = 2, GPIO_MODE_ANALOG = 3 };
enum gpio_speed { GPIO_SPEED_LOW = 0, GPIO_SPEED_MEDIUM = 1, GPIO_SPEED_HIGH = 2, GPIO_SPEED_VERY_HIGH = 3 };
#define GPIO_PORT_STRIDE 0x400u
#endif
