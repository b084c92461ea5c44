/* SPI-NOR store on OCTOSPI (H7A3/H7B0/H7B3, H72x/H73x): the board's octal flash
 * (MX25LM51245G) used as a plain SPI flash with 1 data line, as the seed's Table 2 says (1-1-1
 * fast read 0x0C, 4-byte address, 8 dummy cycles; the flash stays in SPI mode), or with its
 * fastest read: octal DTR (8D-8D-8D 0xEE11, DQS, the board's dummy cycles) after the CR2
 * switch. Indirect reads. Afterwards a software reset in the protocol the flash is in puts it
 * back to SPI and its power-on state; the controller is reset through RCC and unclocked, its
 * pins go back to analog, and the OCTOSPIM too unless the other controller (HyperRAM) still
 * runs through it. */
#include "spinor.h"
#include "memory.h"
#include "chip.h"
#include "boards/board_ospi.h"
#include "drivers/errors.h"
#include "drivers/gpio.h"
#include "drivers/octospi.h"
#include "memories/nor_ospi.h"

#if defined(BINARY_AREA) && BINARY_AREA == USE_SPI_NOR && SPINOR_ON_OCTOSPI

/* Reset recovery: 100 ms covers a reset that lands in an erase (facts sheet 2, ST-MXLM). */
#define RESET_TIMEOUT_US 100000u
#define CMD_FAST_READ_4B 0x0Cu
#define CMD_OCTA_DTR_READ 0xEE11u

static const struct board_ospi *flash;
static int in_dtr; /* the flash has been switched to octal DTR */

int spinor_link_describe(const struct board_desc *b, unsigned lines, int fast, struct spinor_link *l)
{
    const struct board_ospi *o = b->ospi;
    if (o == 0) {
        return DRV_ENODEV;
    }
    if (!fast && lines != 1u) {
        return DRV_EINVAL; /* the octal part has no dual or quad reads in SPI mode */
    }
    flash = o;
    l->part = o->part;
    l->controller = o->instance == 2u ? "OCTOSPI2" : "OCTOSPI1";
    l->flash_size = o->size;
    l->dies = 1u;
    l->mode = fast ? "8D-8D-8D" : "1-1-1";
    l->opcode = fast ? CMD_OCTA_DTR_READ : CMD_FAST_READ_4B;
    l->bus_hz = o->kernel_hz / o->prescaler;
    l->data_lines = fast ? 8u : 1u;
    l->transfer = fast ? ", DTR with DQS" : "";
    l->dtr = fast;
    l->down_note = "";
    return DRV_OK;
}

int spinor_link_up(const struct board_desc *b, struct spinor_link *l)
{
    const struct board_ospi *o = b->ospi;
    struct nor_ospi_result r = { 0 };
    in_dtr = 0;
    int rc = nor_ospi_init(o);
    if (rc == 0 && (rc = nor_ospi_reset(o, &r)) == 0 && (rc = nor_ospi_read_id(o, &r)) == 0 && l->dtr) {
        if ((rc = nor_ospi_enter_dtr(o, o->read_dummy)) == 0) {
            in_dtr = 1;
            rc = nor_ospi_read_id_dtr(o, &r, 1);
        }
    }
    for (unsigned i = 0; i < 3u; i++) {
        l->id[i] = r.id[i];
    }
    return rc;
}

int spinor_link_read(uint32_t addr, void *buf, uint32_t len)
{
    return nor_ospi_read(flash, in_dtr, addr, buf, len);
}

void spinor_link_down(const struct board_desc *b, struct spinor_link *l)
{
    const struct board_ospi *o = b->ospi;
    const uint32_t en = o->instance == 2u ? RCC_AHB3_OSPI2 : RCC_AHB3_OSPI1;
    const uint32_t other = o->instance == 2u ? RCC_AHB3_OSPI1 : RCC_AHB3_OSPI2;
    if (RCC_AHB3ENR & en) {
        (void)nor_ospi_reset_from(o, in_dtr, RESET_TIMEOUT_US); /* SPI mode, power-on state */
        in_dtr = 0;
        ospi_abort(o->instance);
    }
    RCC_AHB3RSTR |= en;
    RCC_AHB3RSTR &= ~en;
    RCC_AHB3ENR &= ~en;
    for (unsigned i = 0; i < o->pin_count; i++) {
        gpio_release(o->pins[i]);
    }
    /* The I/O manager routes both controllers: reset and gate it only when the other one
     * (the HyperRAM's) is not in use, since it may not be rewritten while that one runs. */
    if ((RCC_AHB3ENR & other) == 0u) {
        RCC_AHB3RSTR |= RCC_AHB3_IOMNGR;
        RCC_AHB3RSTR &= ~RCC_AHB3_IOMNGR;
        RCC_AHB3ENR &= ~RCC_AHB3_IOMNGR;
        l->down_note = ", OCTOSPIM reset and unclocked";
    } else {
        l->down_note = ", OCTOSPIM kept (it routes the other OCTOSPI)";
    }
}
#endif
