/* Independent watchdog (IWDG1 on the H7, IWDG on the F7, clocked by the 32 kHz LSI). Once
 * started it cannot be stopped; only a reset clears it. */
#ifndef DRIVERS_IWDG_H
#define DRIVERS_IWDG_H
#include <stdint.h>

struct iwdg_setting {
    uint32_t timeout_ms; /* what the prescaler and reload give, at the nominal LSI */
    uint8_t prescaler;   /* PR code: divider 4 << code */
    uint16_t reload;     /* RLR: 0..4095 */
};

/* Prescaler and reload for at least timeout_ms (clamped to the longest possible). */
struct iwdg_setting iwdg_setting_for(uint32_t timeout_ms);
/* Starts the watchdog (or re-times it when already running); 0 or DRV_ETIMEDOUT when the
 * prescaler/reload update never completes. */
int iwdg_start(const struct iwdg_setting *s);
void iwdg_refresh(void);
#endif
