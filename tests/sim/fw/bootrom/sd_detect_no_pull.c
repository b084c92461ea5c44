/* Test firmware: the SD slot's card-detect input read without the pull-up the open switch
 * needs (a deliberate mistake), on a board whose slot has a detect switch (STM32H7B3I-DK,
 * STM32H735G-DK). With the slot empty the pin floats: the simulator reports it and it reads
 * 0 here, i.e. "card present", which is why the driver enables the pull-up. */
#include "chip.h"
#include "boards/board_sdcard.h"
#include "drivers/clock.h"
#include "drivers/console.h"
#include "drivers/gpio.h"

extern const struct board_desc EXTMEM_BOARD_SYMBOL;

void fault_report(const char *what, const uint32_t *frame)
{
    console_printf("test: fault: %s at pc 0x%08x\n", (uint32_t)(uintptr_t)what, frame ? frame[6] : 0u);
    for (;;) {
        cm7_irq_disable();
        cm7_wfi();
    }
}

int main(void)
{
    const struct board_desc *b = &EXTMEM_BOARD_SYMBOL;
    enum clock_stage st;
    cm7_cyccnt_start();
    if (clock_init(&b->clock, &st) != 0) {
        return 1;
    }
    console_init(b, b->clock.hclk_hz / b->clock.apb_div);
    const struct board_sdcard *sd = b->sdcard;
    gpio_clock_enable(sd->detect.port);
    gpio_configure(sd->detect, GPIO_MODE_INPUT, GPIO_SPEED_LOW); /* no pull: the mistake */
    unsigned without = (GPIO_PORT(sd->detect.port)->IDR >> sd->detect.pin) & 1u;
    GPIO_PORT(sd->detect.port)->PUPDR |= 1u << (2u * sd->detect.pin);
    unsigned with = (GPIO_PORT(sd->detect.port)->IDR >> sd->detect.pin) & 1u;
    console_printf("test: detect P%c%u reads %u without pull-up, %u with it\n", 'A' + (uint32_t)sd->detect.port,
                   (uint32_t)sd->detect.pin, without, with);
    for (;;) {
        cm7_wfi();
    }
}
