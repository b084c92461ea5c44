/* Independent watchdog: IWDG1 of the H7 (RM0433 45) and the IWDG of the F7 (RM0385), the
 * same registers at another address (chip.h: CHIP_IWDG_BASE). Key register sequence 0xCCCC
 * start (also starts the LSI), 0x5555 write access to PR/RLR, 0xAAAA reload (and write
 * protection back on). PR/RLR updates cross into
 * the LSI domain: SR.PVU/RVU stay set until done (up to 5 LSI periods, about 160 us). */
#include "iwdg.h"
#include "chip.h"
#include "deadline.h"
#include "errors.h"

#define IWDG_KR   REG32(CHIP_IWDG_BASE + 0x00u)
#define IWDG_PR   REG32(CHIP_IWDG_BASE + 0x04u)
#define IWDG_RLR  REG32(CHIP_IWDG_BASE + 0x08u)
#define IWDG_SR   REG32(CHIP_IWDG_BASE + 0x0Cu)
#define IWDG_KEY_START  0xCCCCu
#define IWDG_KEY_ACCESS 0x5555u
#define IWDG_KEY_RELOAD 0xAAAAu
#define IWDG_SR_PVU (1u << 0)
#define IWDG_SR_RVU (1u << 1)
#define IWDG_PR_MAX 6u      /* divider 256 */
#define IWDG_RLR_MAX 4095u
#define LSI_HZ CHIP_LSI_HZ
#define UPDATE_TIMEOUT_US 1000u

struct iwdg_setting iwdg_setting_for(uint32_t timeout_ms)
{
    struct iwdg_setting s = { 0u, IWDG_PR_MAX, IWDG_RLR_MAX };
    for (uint8_t pr = 0; pr <= IWDG_PR_MAX; pr++) {
        uint32_t div = 4u << pr;
        uint64_t ticks = ((uint64_t)timeout_ms * LSI_HZ + (uint64_t)div * 1000u - 1u) / ((uint64_t)div * 1000u);
        if (ticks >= 1u && ticks - 1u <= IWDG_RLR_MAX) {
            s.prescaler = pr;
            s.reload = (uint16_t)(ticks - 1u);
            break;
        }
    }
    s.timeout_ms = (uint32_t)(((uint64_t)(s.reload + 1u) * (4u << s.prescaler) * 1000u) / LSI_HZ);
    return s;
}

int iwdg_start(const struct iwdg_setting *s)
{
    IWDG_KR = IWDG_KEY_START;
    IWDG_KR = IWDG_KEY_ACCESS;
    IWDG_PR = s->prescaler;
    IWDG_RLR = s->reload;
    int rc = wait_reg(&IWDG_SR, IWDG_SR_PVU | IWDG_SR_RVU, 0u, UPDATE_TIMEOUT_US);
    IWDG_KR = IWDG_KEY_RELOAD;
    return rc == 0 ? DRV_OK : DRV_ETIMEDOUT;
}

void iwdg_refresh(void)
{
    IWDG_KR = IWDG_KEY_RELOAD;
}
