/* Test firmware for the IWDG1 (H7) / IWDG (F7) model, one behaviour per build:
 *   TEST_EXPIRE   100 ms watchdog, then a busy loop: the model must reset the chip at 100 ms
 *   TEST_LOCKED   PR/RLR written without the 0x5555 key: ignored, reset values stay (512 ms)
 *   TEST_REFRESH  100 ms watchdog refreshed every 10 ms for 300 ms: no reset */
#include "chip.h"
#include "drivers/clock.h"
#include "drivers/console.h"
#include "drivers/deadline.h"
#include "drivers/iwdg.h"

extern const struct board_desc EXTMEM_BOARD_SYMBOL;

#define IWDG_KR  REG32(CHIP_IWDG_BASE + 0x0u) /* H7 IWDG1, F7 IWDG (chip.h) */
#define IWDG_PR  REG32(CHIP_IWDG_BASE + 0x4u)
#define IWDG_RLR REG32(CHIP_IWDG_BASE + 0x8u)

void fault_report(const char *what, const uint32_t *frame)
{
    console_printf("test: fault: %s at pc 0x%08x\n", (uint32_t)(uintptr_t)what, frame ? frame[6] : 0u);
    for (;;) {
        cm7_irq_disable();
        cm7_wfi();
    }
}

static void busy_ms(uint32_t ms)
{
    struct deadline d = deadline_in_us(ms * 1000u);
    while (!deadline_passed(&d)) {
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
#if defined(TEST_LOCKED)
    IWDG_PR = 6u;
    IWDG_RLR = 10u;
    IWDG_KR = 0xCCCCu;
    console_printf("test: PR reads %u, RLR reads %u after writes without the key\n", IWDG_PR, IWDG_RLR);
    for (;;) {
        busy_ms(10u);
    }
#else
    const struct iwdg_setting s = iwdg_setting_for(100u);
    if (iwdg_start(&s) != 0) {
        console_printf("test: iwdg did not start\n");
        return 1;
    }
#if defined(TEST_EXPIRE)
    console_printf("test: iwdg started, %u ms, spinning\n", s.timeout_ms);
    busy_ms(200u);
    console_printf("test: still running\n");
#else
    for (unsigned i = 0; i < 30u; i++) {
        busy_ms(10u);
        iwdg_refresh();
    }
    console_printf("test: refreshed 30 times over 300 ms\n");
#endif
    for (;;) {
        cm7_wfi();
    }
#endif
}
