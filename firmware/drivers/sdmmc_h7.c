/* SDMMC1 of the STM32H7 (SDMMC v2, RM0433 55): commands through the CPSM, data through the
 * DPSM started by CMDTRANS (the way SD cards must be read on v2: DTEN is for transfers
 * without a command), receive FIFO drained by the CPU 8 words at a time (RXFIFOHF) with
 * hardware flow control so a slow CPU stops the card clock instead of overrunning. */
#include "sdmmc.h"
#include "chip.h"
#include "ip/sdmmc_v2.h"
#include "deadline.h"
#include "errors.h"
#include "gpio.h"

#define SDMMC1_BASE 0x52007000u /* facts sheet 1.1, CMSIS-H7 */
#define SDMMC1 ((struct sdmmc_regs *)(uintptr_t)SDMMC1_BASE)
#define RCC_AHB3_SDMMC1 (1u << 16)   /* AHB3ENR/AHB3RSTR.SDMMC1EN/RST (facts sheet 2.2) */
#define RCC_D1CCIPR_SDMMCSEL (1u << 16) /* 0: pll1_q_ck */

/* Bounds: CPSM answers or times out within 64 card clocks (RM0433), which at 400 kHz is
 * 160 us; 10 ms covers it with margin. Data: the card's read access time is bounded by
 * 100 ms for SDHC (SD spec 4.6.2.1); the FIFO wait uses the same bound per half FIFO. */
#define CMD_TIMEOUT_US 10000u
#define DATA_TIMEOUT_MS 100u
#define BUSY_TIMEOUT_US 250000u /* R1b busy after CMD12: 250 ms write-busy bound (spec 4.6.2.2) */
#define POWER_UP_CLOCKS 74u

static uint32_t card_hz;

int sdmmc_init(const struct board_sdcard *sd)
{
    if (sd->kernel_hz == 0u || sd->init_hz == 0u || sd->init_hz > 400000u) {
        return DRV_EINVAL;
    }
    for (unsigned i = 0; i < BOARD_SD_PINS; i++) {
        gpio_clock_enable(sd->pins[i].port);
        gpio_configure(sd->pins[i], GPIO_MODE_AF, GPIO_SPEED_VERY_HIGH);
    }
    if (sd->has_detect) {
        /* The detect switch ties the pin to ground (active low) or leaves it open: the pull
         * toward the inactive level gives the open switch a defined level. */
        gpio_clock_enable(sd->detect.port);
        gpio_configure(sd->detect, GPIO_MODE_INPUT, GPIO_SPEED_LOW);
        GPIO_PORT(sd->detect.port)->PUPDR |= (sd->detect_active_low ? 1u : 2u) << (2u * sd->detect.pin);
    }
    RCC_D1CCIPR &= ~RCC_D1CCIPR_SDMMCSEL;
    RCC_AHB3ENR |= RCC_AHB3_SDMMC1;
    (void)RCC_AHB3ENR;
    RCC_AHB3RSTR |= RCC_AHB3_SDMMC1;
    RCC_AHB3RSTR &= ~RCC_AHB3_SDMMC1;
    (void)sdmmc_set_bus(sd, sd->init_hz, 1u);
    SDMMC1->POWER = SDMMC_POWER_PWRCTRL_ON;
    /* 74 clocks after power-up before CMD0 (SD spec 6.4.1): no status bit tells it. */
    struct deadline d = deadline_in_us((POWER_UP_CLOCKS * 1000000u + card_hz - 1u) / card_hz + 1u);
    while (!deadline_passed(&d)) {
    }
    return DRV_OK;
}

uint32_t sdmmc_set_bus(const struct board_sdcard *sd, uint32_t hz, unsigned width)
{
    uint32_t div = (sd->kernel_hz + 2u * hz - 1u) / (2u * hz); /* CK = ker / (2 x CLKDIV) */
    if (div == 0u) {
        div = 1u;
    }
    if (div > SDMMC_CLKCR_CLKDIV_MSK) {
        div = SDMMC_CLKCR_CLKDIV_MSK;
    }
    card_hz = sd->kernel_hz / (2u * div);
    SDMMC1->CLKCR = SDMMC_CLKCR_CLKDIV(div) | SDMMC_CLKCR_HWFC_EN |
                    (width == 4u ? SDMMC_CLKCR_WIDBUS_4 : SDMMC_CLKCR_WIDBUS_1);
    return card_hz;
}

static int wait_cmd(enum sdmmc_resp kind)
{
    const uint32_t done = kind == SDMMC_RESP_NONE ? SDMMC_STA_CMDSENT
                                                   : (SDMMC_STA_CMDREND | SDMMC_STA_CCRCFAIL | SDMMC_STA_CTIMEOUT);
    struct deadline d = deadline_in_us(CMD_TIMEOUT_US);
    uint32_t sta;
    while (((sta = SDMMC1->STA) & done) == 0u) {
        if (deadline_passed(&d)) {
            return DRV_ETIMEDOUT;
        }
    }
    if (sta & SDMMC_STA_CTIMEOUT) {
        return SDMMC_E_CMD_TIMEOUT;
    }
    /* R3 carries no CRC: WAITRESP=10 makes the CPSM ignore it (CCRCFAIL is not raised). */
    if (sta & SDMMC_STA_CCRCFAIL) {
        return SDMMC_E_CMD_CRC;
    }
    return DRV_OK;
}

static uint32_t cmd_word(uint8_t index, enum sdmmc_resp kind)
{
    static const uint32_t waitresp[] = { SDMMC_CMD_WAITRESP_NONE, SDMMC_CMD_WAITRESP_SHORT,
                                         SDMMC_CMD_WAITRESP_NOCRC, SDMMC_CMD_WAITRESP_LONG };
    return SDMMC_CMD_CMDINDEX(index) | waitresp[kind] | SDMMC_CMD_CPSMEN;
}

int sdmmc_command(uint8_t index, uint32_t arg, enum sdmmc_resp kind, uint32_t resp[4])
{
    SDMMC1->ICR = SDMMC_ICR_ALL;
    SDMMC1->ARG = arg;
    SDMMC1->CMD = cmd_word(index, kind);
    int rc = wait_cmd(kind);
    if (rc == DRV_OK && kind != SDMMC_RESP_NONE) {
        resp[0] = SDMMC1->RESP[0];
        if (kind == SDMMC_RESP_LONG) {
            resp[1] = SDMMC1->RESP[1];
            resp[2] = SDMMC1->RESP[2];
            resp[3] = SDMMC1->RESP[3];
        }
    }
    SDMMC1->ICR = SDMMC_ICR_ALL;
    return rc;
}

static void put_word(uint8_t *p, uint32_t w)
{
    p[0] = (uint8_t)w;
    p[1] = (uint8_t)(w >> 8);
    p[2] = (uint8_t)(w >> 16);
    p[3] = (uint8_t)(w >> 24);
}

int sdmmc_read(uint8_t index, uint32_t arg, uint32_t resp_errors, uint32_t resp[1], void *buf, unsigned block_log2,
               uint32_t blocks)
{
    const uint32_t len = blocks << block_log2;
    const uint32_t errors = SDMMC_STA_DCRCFAIL | SDMMC_STA_DTIMEOUT | SDMMC_STA_RXOVERR;
    uint8_t *p = buf;
    uint32_t got = 0;
    SDMMC1->ICR = SDMMC_ICR_ALL;
    SDMMC1->DTIMER = (card_hz / 1000u) * DATA_TIMEOUT_MS;
    SDMMC1->DLEN = len;
    SDMMC1->DCTRL = SDMMC_DCTRL_DTDIR_READ | SDMMC_DCTRL_DTMODE_BLOCK | SDMMC_DCTRL_DBLOCKSIZE(block_log2);
    SDMMC1->ARG = arg;
    SDMMC1->CMD = cmd_word(index, SDMMC_RESP_SHORT) | SDMMC_CMD_CMDTRANS;
    int rc = wait_cmd(SDMMC_RESP_SHORT);
    if (rc == DRV_OK && (SDMMC1->RESP[0] & resp_errors) != 0u) {
        resp[0] = SDMMC1->RESP[0];
        rc = SDMMC_E_RESP_STATUS;
    }
    if (rc != DRV_OK) {
        SDMMC1->DCTRL = SDMMC_DCTRL_FIFORST;
        SDMMC1->ICR = SDMMC_ICR_ALL;
        return rc;
    }
    resp[0] = SDMMC1->RESP[0];
    struct deadline d = deadline_in_us(DATA_TIMEOUT_MS * 1000u);
    for (;;) {
        uint32_t sta = SDMMC1->STA;
        if (sta & errors) {
            rc = (sta & SDMMC_STA_DCRCFAIL) ? SDMMC_E_DATA_CRC
                 : (sta & SDMMC_STA_DTIMEOUT) ? SDMMC_E_DATA_TIMEOUT : SDMMC_E_OVERRUN;
            break;
        }
        if ((sta & SDMMC_STA_RXFIFOHF) && len - got >= 4u * SDMMC_FIFO_HALF_WORDS) {
            for (unsigned i = 0; i < SDMMC_FIFO_HALF_WORDS; i++, got += 4u) {
                put_word(p + got, SDMMC1->FIFO);
            }
            d = deadline_in_us(DATA_TIMEOUT_MS * 1000u);
            continue;
        }
        if (sta & SDMMC_STA_DATAEND) {
            /* The last words (fewer than half a FIFO) wait for the CPU after DATAEND. */
            while (got < len && (SDMMC1->STA & SDMMC_STA_RXFIFOE) == 0u) {
                uint32_t w = SDMMC1->FIFO;
                for (unsigned i = 0; i < 4u && got < len; i++) {
                    p[got++] = (uint8_t)(w >> (8u * i));
                }
            }
            rc = got == len ? DRV_OK : DRV_EIO;
            break;
        }
        if (deadline_passed(&d)) {
            rc = DRV_ETIMEDOUT;
            break;
        }
    }
    if (rc != DRV_OK) {
        SDMMC1->DCTRL = SDMMC_DCTRL_FIFORST;
    }
    SDMMC1->ICR = SDMMC_ICR_ALL;
    return rc;
}

int sdmmc_stop(uint32_t resp[1])
{
    SDMMC1->ICR = SDMMC_ICR_ALL;
    SDMMC1->ARG = 0u;
    SDMMC1->CMD = cmd_word(12u, SDMMC_RESP_SHORT) | SDMMC_CMD_CMDSTOP;
    int rc = wait_cmd(SDMMC_RESP_SHORT);
    if (rc == DRV_OK) {
        resp[0] = SDMMC1->RESP[0];
        rc = wait_reg(&SDMMC1->STA, SDMMC_STA_BUSYD0, 0u, BUSY_TIMEOUT_US);
    }
    SDMMC1->ICR = SDMMC_ICR_ALL;
    return rc;
}

void sdmmc_release(const struct board_sdcard *sd)
{
    SDMMC1->POWER = SDMMC_POWER_PWRCTRL_OFF;
    RCC_AHB3RSTR |= RCC_AHB3_SDMMC1;
    RCC_AHB3RSTR &= ~RCC_AHB3_SDMMC1;
    RCC_AHB3ENR &= ~RCC_AHB3_SDMMC1;
    for (unsigned i = 0; i < BOARD_SD_PINS; i++) {
        gpio_release(sd->pins[i]);
    }
    if (sd->has_detect) {
        gpio_release(sd->detect); /* analog, pull removed */
        GPIO_PORT(sd->detect.port)->PUPDR &= ~(3u << (2u * sd->detect.pin));
    }
}

const char *sdmmc_strerror(int err)
{
    switch (err) {
    case SDMMC_E_CMD_TIMEOUT: return "no response (command timeout)";
    case SDMMC_E_CMD_CRC: return "response CRC error";
    case SDMMC_E_DATA_TIMEOUT: return "data timeout";
    case SDMMC_E_DATA_CRC: return "data CRC error";
    case SDMMC_E_OVERRUN: return "receive FIFO overrun";
    case SDMMC_E_RESP_STATUS: return "card status reports an error";
    case DRV_ETIMEDOUT: return "controller did not finish in time";
    case DRV_EIO: return "short data";
    case DRV_EINVAL: return "invalid board clock data";
    default: return "error";
    }
}
