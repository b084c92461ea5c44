/* LED toggling from external memory (the seed's sample application): sets VTOR to its own
 * vector table (startup code), says where it runs, and toggles the board's LEDs from a 1 ms
 * SysTick time base: the first LED every 100 ms, the second every 250 ms. */
#include "chip.h"
#include "drivers/console.h"
#include "drivers/deadline.h"
#include "drivers/gpio.h"

extern const struct board_desc EXTMEM_BOARD_SYMBOL;
extern const void *const __vector_table[];

static const uint32_t period_ms[2] = { 100u, 250u };
static volatile uint32_t ticks;

void SysTick_Handler(void)
{
    ticks++;
}

void fault_report(const char *what, const uint32_t *frame)
{
    console_printf("app: fault: %s at pc 0x%08x\n", (uint32_t)(uintptr_t)what, frame ? frame[6] : 0u);
    for (;;) {
        cm7_irq_disable();
        cm7_wfi();
    }
}

int main(void)
{
    const struct board_desc *b = &EXTMEM_BOARD_SYMBOL;
    g_core_hz = b->clock.sysclk_hz; /* the boot left the clock tree configured */
    cm7_cyccnt_start();
    console_init(b, b->clock.hclk_hz / b->clock.apb_div);
    uint32_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    console_printf("led: running from 0x%08x (VTOR 0x%08x), stack at 0x%08x, core %u MHz\n",
                   (uint32_t)(uintptr_t)&main, SCB_VTOR, sp, g_core_hz / 1000000u);
    for (unsigned i = 0; i < b->led_count && i < 2u; i++) {
        gpio_clock_enable(b->leds[i].pin.port);
        gpio_write(b->leds[i].pin, b->leds[i].active_low); /* off */
        gpio_configure(b->leds[i].pin, GPIO_MODE_OUTPUT, GPIO_SPEED_LOW);
    }
    SYST_RVR = g_core_hz / 1000u - 1u;
    SYST_CVR = 0u;
    SYST_CSR = SYST_CSR_CLKSOURCE | SYST_CSR_TICKINT | SYST_CSR_ENABLE;
    uint32_t next[2] = { period_ms[0], period_ms[1] };
    for (;;) {
        cm7_wfi();
        uint32_t now = ticks;
        for (unsigned i = 0; i < b->led_count && i < 2u; i++) {
            if ((int32_t)(now - next[i]) >= 0) {
                gpio_toggle(b->leds[i].pin);
                next[i] += period_ms[i];
            }
        }
    }
}
