/* Test firmware: the boot's SD card drivers with one deliberate mistake, chosen at build
 * time, to prove that the simulator refuses what the card and the SDMMC refuse:
 *   MISTAKE_IDENT_FAST   identification at 25 MHz instead of <= 400 kHz: the card ignores it
 *   MISTAKE_NO_HWFC      hardware flow control off and a CPU that reads the FIFO late: overrun
 *   MISTAKE_WRONG_WIDTH  card switched to 4 bits, controller left at 1 bit: data CRC error
 *   MISTAKE_NO_CLKEN     (F7, SDMMC v1) card clock left disabled (CLKCR.CLKEN = 0): no response
 *   MISTAKE_PIN_ANALOG   CMD pin back in analog mode after the bring-up: no response */
#include "chip.h"
#if defined(EXTMEM_FAMILY_STM32F7)
#include "ip/sdmmc_v1.h"
#else
#include "ip/sdmmc_v2.h"
#endif
#include "boards/board_sdcard.h"
#include "drivers/clock.h"
#include "drivers/console.h"
#include "drivers/deadline.h"
#include "drivers/errors.h"
#include "drivers/gpio.h"
#include "drivers/sdmmc.h"
#include "memories/sdcard.h"

extern const struct board_desc EXTMEM_BOARD_SYMBOL;
#if defined(EXTMEM_FAMILY_STM32F7)
#define SDMMC1_V1 ((struct sdmmc_v1_regs *)(uintptr_t)SDMMC1_BASE)
#else
#define SDMMC1_REGS ((struct sdmmc_regs *)(uintptr_t)0x52007000u)
#endif

void fault_report(const char *what, const uint32_t *frame)
{
    console_printf("test: fault: %s at pc 0x%08x\n", (uint32_t)(uintptr_t)what, frame ? frame[6] : 0u);
    for (;;) {
        cm7_irq_disable();
        cm7_wfi();
    }
}

#if !defined(MISTAKE_IDENT_FAST) && !defined(MISTAKE_NO_CLKEN) && !defined(MISTAKE_PIN_ANALOG)
static uint8_t buf[4096];
#endif

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
    int rc;
#if defined(MISTAKE_NO_CLKEN) || defined(MISTAKE_PIN_ANALOG)
    uint32_t resp[4];
    (void)sdmmc_init(sd);
#if defined(MISTAKE_NO_CLKEN)
    SDMMC1_V1->CLKCR &= ~SDMMC_V1_CLKCR_CLKEN;
#else
    gpio_release(sd->pins[1]); /* CMD */
#endif
    (void)sdmmc_command(0u, 0u, SDMMC_RESP_NONE, resp);
    rc = sdmmc_command(8u, 0x1AAu, SDMMC_RESP_SHORT, resp);
    console_printf("test: CMD8: %s\n", (uint32_t)(uintptr_t)sdmmc_strerror(rc));
#elif defined(MISTAKE_IDENT_FAST)
    uint32_t resp[4];
    (void)sdmmc_init(sd);
    (void)sdmmc_set_bus(sd, sd->default_hz, 1u);
    (void)sdmmc_command(0u, 0u, SDMMC_RESP_NONE, resp);
    rc = sdmmc_command(8u, 0x1AAu, SDMMC_RESP_SHORT, resp);
    console_printf("test: CMD8 at 25 MHz: %s\n", (uint32_t)(uintptr_t)sdmmc_strerror(rc));
#else
    static struct sdcard card;
    rc = sdcard_init(&card, sd);
    console_printf("test: card init: %s, %u-bit\n", (uint32_t)(uintptr_t)(rc == 0 ? "ok" : sdcard_strerror(rc)),
                   (uint32_t)card.bus_width);
#if defined(MISTAKE_NO_HWFC) && defined(EXTMEM_FAMILY_STM32F7)
    /* v1: the DPSM is armed by DTEN before the command */
    SDMMC1_V1->CLKCR &= ~SDMMC_V1_CLKCR_HWFC_EN;
    SDMMC1_V1->ICR = SDMMC_V1_ICR_ALL;
    SDMMC1_V1->DTIMER = 0xFFFFFFu;
    SDMMC1_V1->DLEN = sizeof buf;
    SDMMC1_V1->DCTRL = SDMMC_V1_DCTRL_DTEN | SDMMC_V1_DCTRL_DTDIR_READ | SDMMC_V1_DCTRL_DBLOCKSIZE(9);
    SDMMC1_V1->ARG = 0u;
    SDMMC1_V1->CMD = SDMMC_V1_CMD_INDEX(18) | SDMMC_V1_CMD_WAITRESP_SHORT | SDMMC_V1_CMD_CPSMEN;
    struct deadline d = deadline_in_us(2000u); /* the CPU is busy elsewhere for 2 ms */
    while (!deadline_passed(&d)) {
    }
    uint32_t sta = SDMMC1_V1->STA;
    console_printf("test: STA after 2 ms: RXOVERR %u\n", (sta & SDMMC_V1_STA_RXOVERR) ? 1u : 0u);
#elif defined(MISTAKE_NO_HWFC)
    SDMMC1_REGS->CLKCR &= ~SDMMC_CLKCR_HWFC_EN;
    SDMMC1_REGS->ICR = SDMMC_ICR_ALL;
    SDMMC1_REGS->DTIMER = 0xFFFFFFu;
    SDMMC1_REGS->DLEN = sizeof buf;
    SDMMC1_REGS->DCTRL = SDMMC_DCTRL_DTDIR_READ | SDMMC_DCTRL_DBLOCKSIZE(9);
    SDMMC1_REGS->ARG = 0u;
    SDMMC1_REGS->CMD = SDMMC_CMD_CMDINDEX(18) | SDMMC_CMD_WAITRESP_SHORT | SDMMC_CMD_CPSMEN | SDMMC_CMD_CMDTRANS;
    struct deadline d = deadline_in_us(2000u); /* the CPU is busy elsewhere for 2 ms */
    while (!deadline_passed(&d)) {
    }
    uint32_t sta = SDMMC1_REGS->STA;
    console_printf("test: STA after 2 ms: RXOVERR %u\n", (sta & (1u << 5)) ? 1u : 0u);
#elif defined(MISTAKE_WRONG_WIDTH)
    (void)sdmmc_set_bus(sd, card.clock_hz, 1u);
    rc = sdcard_read(&card, 0u, 1u, buf);
    console_printf("test: block read with WIDBUS 1: %s\n", (uint32_t)(uintptr_t)sdcard_strerror(rc));
#endif
#endif
    for (;;) {
        cm7_wfi();
    }
}
