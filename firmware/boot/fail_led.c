/* Timing from SysTick at 10 ms with the core asleep in between: PRIMASK is set, so the
 * pending SysTick wakes the WFI without being taken (ARMv7-M B1.5.19) and no handler is
 * needed in the boot's vector table. From a fault handler (a fault report) SysTick could not
 * preempt, so it would not wake a WFI either: there COUNTFLAG is polled instead. */
#include "fail_led.h"
#include "chip.h"
#include "drivers/deadline.h"
#include "drivers/gpio.h"

#define TICK_MS 10u
#define LONG_ON_MS 400u
#define SHORT_ON_MS 100u
#define OFF_MS 300u
#define PAUSE_MS 1000u
#define REPEAT 2u

static void (*refresh_fn)(void);

static int in_handler(void)
{
    uint32_t ipsr;
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    return ipsr != 0u;
}

static void sleep_ms(uint32_t ms)
{
    const int handler = in_handler();
    for (uint32_t t = 0; t < ms; t += TICK_MS) {
        if (handler) {
            while ((SYST_CSR & SYST_CSR_COUNTFLAG) == 0u) {
            }
        } else {
            cm7_wfi();
        }
        SCB_ICSR = SCB_ICSR_PENDSTCLR;
        if (refresh_fn) {
            refresh_fn();
        }
    }
}

static void pulse(const struct board_led *led, uint32_t on_ms)
{
    gpio_write(led->pin, !led->active_low);
    sleep_ms(on_ms);
    gpio_write(led->pin, led->active_low);
    sleep_ms(OFF_MS);
}

void fail_led_blink(const struct board_led *led, unsigned code, void (*refresh)(void))
{
    refresh_fn = refresh;
    cm7_irq_disable();
    gpio_clock_enable(led->pin.port);
    gpio_write(led->pin, led->active_low);
    gpio_configure(led->pin, GPIO_MODE_OUTPUT, GPIO_SPEED_LOW);
    SYST_CSR = 0u;
    SYST_RVR = g_core_hz / (1000u / TICK_MS) - 1u;
    SYST_CVR = 0u;
    SCB_ICSR = SCB_ICSR_PENDSTCLR;
    SYST_CSR = SYST_CSR_CLKSOURCE | SYST_CSR_TICKINT | SYST_CSR_ENABLE;
    for (unsigned r = 0; r < REPEAT; r++) {
        for (unsigned i = 0; i < code / 10u; i++) {
            pulse(led, LONG_ON_MS);
        }
        for (unsigned i = 0; i < code % 10u; i++) {
            pulse(led, SHORT_ON_MS);
        }
        sleep_ms(PAUSE_MS);
    }
    SYST_CSR = 0u;
    SCB_ICSR = SCB_ICSR_PENDSTCLR;
}
