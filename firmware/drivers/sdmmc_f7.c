/* SDMMC1 of the STM32F7 (SDMMC v1, RM0385 "SD/SDIO/MMC card host interface"): commands
 * through the CPSM, data through the DPSM, which v1 starts with DCTRL.DTEN before the read
 * command is sent (it waits for the card's start bit, bounded by DTIMER); the 32-word
 * receive FIFO is drained by the CPU 8 words at a time (RXFIFOHF) with hardware flow
 * control, so a slow CPU stops the card clock instead of overrunning. Kernel clock: the
 * 48 MHz domain (PLLQ with CK48MSEL = 0) selected by SDMMC1SEL = 0; CK = SDMMCCLK /
 * (CLKDIV + 2), or SDMMCCLK itself with BYPASS (high speed). No IDMA on this version. */
#include "sdmmc.h"
#include "chip.h"
#include "ip/sdmmc_v1.h"
#include "deadline.h"
#include "errors.h"
#include "gpio.h"

#define SDMMC1 ((struct sdmmc_v1_regs *)(uintptr_t)SDMMC1_BASE)

/* Bounds: the CPSM answers or times out within 64 card clocks, 160 us at 400 kHz; 10 ms
 * covers it. Data: the card's read access time is bounded by 100 ms (SD spec 4.6.2.1); the
 * FIFO wait uses the same bound per half FIFO. */
#define CMD_TIMEOUT_US 10000u
#define DATA_TIMEOUT_MS 100u
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
        gpio_clock_enable(sd->detect.port);
        gpio_configure(sd->detect, GPIO_MODE_INPUT, GPIO_SPEED_LOW);
    }
    /* SDMMCCLK = the 48 MHz clock, from PLLQ (board data: kernel_hz = VCO / PLLQ). */
    RCC_DCKCFGR2 &= ~(RCC_DCKCFGR2_CK48MSEL | RCC_DCKCFGR2_SDMMC1SEL);
    RCC_APB2ENR |= RCC_APB2_SDMMC1;
    (void)RCC_APB2ENR;
    RCC_APB2RSTR |= RCC_APB2_SDMMC1;
    RCC_APB2RSTR &= ~RCC_APB2_SDMMC1;
    (void)sdmmc_set_bus(sd, sd->init_hz, 1u);
    SDMMC1->POWER = SDMMC_V1_POWER_ON;
    /* 74 clocks after power-up before CMD0 (SD spec 6.4.1): no status bit tells it. */
    struct deadline d = deadline_in_us((POWER_UP_CLOCKS * 1000000u + card_hz - 1u) / card_hz + 1u);
    while (!deadline_passed(&d)) {
    }
    return DRV_OK;
}

uint32_t sdmmc_set_bus(const struct board_sdcard *sd, uint32_t hz, unsigned width)
{
    uint32_t clkcr = SDMMC_V1_CLKCR_CLKEN | SDMMC_V1_CLKCR_HWFC_EN |
                     (width == 4u ? SDMMC_V1_CLKCR_WIDBUS_4 : SDMMC_V1_CLKCR_WIDBUS_1);
    if (hz >= sd->kernel_hz) {
        clkcr |= SDMMC_V1_CLKCR_BYPASS;
        card_hz = sd->kernel_hz;
    } else {
        uint32_t n = (sd->kernel_hz + hz - 1u) / hz; /* CLKDIV + 2 */
        if (n < 2u) {
            n = 2u;
        }
        if (n > SDMMC_V1_CLKCR_CLKDIV_MAX + 2u) {
            n = SDMMC_V1_CLKCR_CLKDIV_MAX + 2u;
        }
        clkcr |= SDMMC_V1_CLKCR_CLKDIV(n - 2u);
        card_hz = sd->kernel_hz / n;
    }
    SDMMC1->CLKCR = clkcr;
    return card_hz;
}

static int wait_cmd(enum sdmmc_resp kind)
{
    const uint32_t done = kind == SDMMC_RESP_NONE
                              ? SDMMC_V1_STA_CMDSENT
                              : (SDMMC_V1_STA_CMDREND | SDMMC_V1_STA_CCRCFAIL | SDMMC_V1_STA_CTIMEOUT);
    struct deadline d = deadline_in_us(CMD_TIMEOUT_US);
    uint32_t sta;
    while (((sta = SDMMC1->STA) & done) == 0u) {
        if (deadline_passed(&d)) {
            return DRV_ETIMEDOUT;
        }
    }
    if (sta & SDMMC_V1_STA_CTIMEOUT) {
        return SDMMC_E_CMD_TIMEOUT;
    }
    /* v1 has no "response without CRC" mode: an R3 (all-ones CRC field) ends with CCRCFAIL,
     * which for that response means only "received". */
    if ((sta & SDMMC_V1_STA_CCRCFAIL) && kind != SDMMC_RESP_SHORT_NOCRC) {
        return SDMMC_E_CMD_CRC;
    }
    return DRV_OK;
}

static uint32_t cmd_word(uint8_t index, enum sdmmc_resp kind)
{
    static const uint32_t waitresp[] = { SDMMC_V1_CMD_WAITRESP_NONE, SDMMC_V1_CMD_WAITRESP_SHORT,
                                         SDMMC_V1_CMD_WAITRESP_SHORT, SDMMC_V1_CMD_WAITRESP_LONG };
    return SDMMC_V1_CMD_INDEX(index) | waitresp[kind] | SDMMC_V1_CMD_CPSMEN;
}

int sdmmc_command(uint8_t index, uint32_t arg, enum sdmmc_resp kind, uint32_t resp[4])
{
    SDMMC1->ICR = SDMMC_V1_ICR_ALL;
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
    SDMMC1->ICR = SDMMC_V1_ICR_ALL;
    return rc;
}

static void put_word(uint8_t *p, uint32_t w)
{
    p[0] = (uint8_t)w;
    p[1] = (uint8_t)(w >> 8);
    p[2] = (uint8_t)(w >> 16);
    p[3] = (uint8_t)(w >> 24);
}

/* A DPSM armed for data that will not come (command refused) ends only with DTIMEOUT: wait
 * for it (bounded by DTIMER), then drain what arrived, so the next transfer starts clean. */
static void dpsm_settle(void)
{
    struct deadline d = deadline_in_us(DATA_TIMEOUT_MS * 1000u + CMD_TIMEOUT_US);
    while ((SDMMC1->STA & SDMMC_V1_STA_RXACT) && !deadline_passed(&d)) {
    }
    while ((SDMMC1->STA & SDMMC_V1_STA_RXDAVL) && !deadline_passed(&d)) {
        (void)SDMMC1->FIFO;
    }
    SDMMC1->ICR = SDMMC_V1_ICR_ALL;
}

int sdmmc_read(uint8_t index, uint32_t arg, uint32_t resp_errors, uint32_t resp[1], void *buf, unsigned block_log2,
               uint32_t blocks)
{
    const uint32_t len = blocks << block_log2;
    const uint32_t errors = SDMMC_V1_STA_DCRCFAIL | SDMMC_V1_STA_DTIMEOUT | SDMMC_V1_STA_RXOVERR;
    uint8_t *p = buf;
    uint32_t got = 0;
    SDMMC1->ICR = SDMMC_V1_ICR_ALL;
    SDMMC1->DTIMER = (card_hz / 1000u) * DATA_TIMEOUT_MS;
    SDMMC1->DLEN = len;
    /* v1: the DPSM is started first and waits for the start bit (Wait_R). */
    SDMMC1->DCTRL = SDMMC_V1_DCTRL_DTEN | SDMMC_V1_DCTRL_DTDIR_READ | SDMMC_V1_DCTRL_DBLOCKSIZE(block_log2);
    SDMMC1->ARG = arg;
    SDMMC1->CMD = cmd_word(index, SDMMC_RESP_SHORT);
    int rc = wait_cmd(SDMMC_RESP_SHORT);
    if (rc == DRV_OK && (SDMMC1->RESP[0] & resp_errors) != 0u) {
        resp[0] = SDMMC1->RESP[0];
        rc = SDMMC_E_RESP_STATUS;
    }
    if (rc != DRV_OK) {
        dpsm_settle();
        return rc;
    }
    resp[0] = SDMMC1->RESP[0];
    struct deadline d = deadline_in_us(DATA_TIMEOUT_MS * 1000u);
    for (;;) {
        uint32_t sta = SDMMC1->STA;
        if (sta & errors) {
            rc = (sta & SDMMC_V1_STA_DCRCFAIL) ? SDMMC_E_DATA_CRC
                 : (sta & SDMMC_V1_STA_DTIMEOUT) ? SDMMC_E_DATA_TIMEOUT : SDMMC_E_OVERRUN;
            break;
        }
        if ((sta & SDMMC_V1_STA_RXFIFOHF) && len - got >= 4u * SDMMC_V1_FIFO_HALF_WORDS) {
            for (unsigned i = 0; i < SDMMC_V1_FIFO_HALF_WORDS; i++, got += 4u) {
                put_word(p + got, SDMMC1->FIFO);
            }
            d = deadline_in_us(DATA_TIMEOUT_MS * 1000u);
            continue;
        }
        if (sta & SDMMC_V1_STA_DATAEND) {
            /* The last words (fewer than half a FIFO) wait for the CPU after DATAEND. */
            while (got < len && (SDMMC1->STA & SDMMC_V1_STA_RXDAVL) != 0u) {
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
        dpsm_settle();
    }
    SDMMC1->ICR = SDMMC_V1_ICR_ALL;
    return rc;
}

/* Stop transmission (CMD12). v1 cannot watch D0 for the R1b busy; after a read the card is
 * back in the transfer state with its response, and a card still busy would only delay the
 * next read's start bit, which DTIMER bounds. */
int sdmmc_stop(uint32_t resp[1])
{
    uint32_t r[4] = { 0 };
    int rc = sdmmc_command(12u, 0u, SDMMC_RESP_SHORT, r);
    resp[0] = r[0];
    return rc;
}

void sdmmc_release(const struct board_sdcard *sd)
{
    SDMMC1->POWER = SDMMC_V1_POWER_OFF;
    RCC_APB2RSTR |= RCC_APB2_SDMMC1;
    RCC_APB2RSTR &= ~RCC_APB2_SDMMC1;
    RCC_APB2ENR &= ~RCC_APB2_SDMMC1;
    for (unsigned i = 0; i < BOARD_SD_PINS; i++) {
        gpio_release(sd->pins[i]);
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
