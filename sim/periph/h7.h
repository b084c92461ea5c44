/* STM32H7 peripheral models (RM0433 register maps, written from the reference manual). */
#ifndef SIM_PERIPH_H7_H
#define SIM_PERIPH_H7_H

#include "core/sim.h"

#define RCC_HSEON (1u << 16)
#define RCC_HSERDY (1u << 17)
#define RCC_PLL1ON (1u << 24)
#define RCC_PLL1RDY (1u << 25)
#define RCC_AHB4ENR_OFF 0xE0u
#define RCC_AHB3ENR_OFF 0xD4u
#define RCC_APB2ENR_OFF 0xF0u
#define RCC_APB1LENR_OFF 0xE8u

struct h7_rcc;
/* Where a family puts what the shared GPIO/USART/QUADSPI models serve: their base addresses,
 * the RCC registers gating and resetting them, and how HCLK is derived (H7: h7_rcc.c,
 * F7: f7_rcc.c). Register offsets are RCC offsets. */
struct periph_map {
    uint32_t gpio_base, qspi_base;
    uint32_t rstr_first, enr_first;   /* offsets of rstr[0] and enr[0] */
    uint32_t gpio_enr;                /* bit n gates port n */
    const char *gpio_enr_name;
    uint32_t qspi_enr, qspi_rstr;
    unsigned qspi_bit;
    uint32_t usart_enr[9];            /* by USART number; 0: no such USART */
    unsigned usart_bit[9];
    uint32_t (*hclk)(const struct h7_rcc *r); /* NULL: the H7 derivation */
};

struct h7_rcc {
    const struct periph_map *map;
    enum chip_family family;
    uint32_t hse_hz;
    uint32_t cr, cfgr, d1cfgr, d2cfgr, d3cfgr, pllckselr, pllcfgr, pll1divr, d1ccipr;
    uint32_t rstr[21], enr[9];
    uint64_t hse_ready_ps, pll_ready_ps, vos_ready_ps, supply_ready_ps;
    bool vos_pending, supply_pending, supply_set;
    uint8_t vos; /* D3CR/SRDCR.VOS field code (its meaning depends on the line) */
    uint32_t pwr_cr3, flash_acr;
    uint32_t sysclk;
    void (*on_reset)(struct sim *s, uint32_t rstr_off, uint32_t val);
};
void h7_rcc_init(struct sim *s, struct h7_rcc *r, uint32_t hse_hz);
bool h7_rcc_enabled(const struct h7_rcc *r, uint32_t enr_off, unsigned bit);
uint32_t h7_rcc_hclk(const struct h7_rcc *r);

#define GPIO_PORTS 11
struct gpio_model {
    struct h7_rcc *rcc;
    uint32_t moder[GPIO_PORTS], otyper[GPIO_PORTS], ospeedr[GPIO_PORTS], pupdr[GPIO_PORTS];
    uint32_t odr[GPIO_PORTS], afr[GPIO_PORTS][2], lckr[GPIO_PORTS];
    /* Inputs wired to a switch on the board (card detect): bit set in sw_mask = the pin
     * reads the switch; sw_closed = the switch ties it to ground, open = the pin floats and
     * reads what PUPDR pulls it to. */
    uint16_t sw_mask[GPIO_PORTS], sw_closed[GPIO_PORTS], sw_warned[GPIO_PORTS];
    unsigned events;
};
void gpio_model_init(struct sim *s, struct gpio_model *g, struct h7_rcc *rcc);
/* 2 = AF mode with that AF; returns the mode and the AF of a pin. */
unsigned gpio_model_mode(const struct gpio_model *g, unsigned port, unsigned pin, unsigned *af);
/* A board switch between the pin and ground (closed = reads 0 when the pin is an input). */
void gpio_model_switch(struct gpio_model *g, unsigned port, unsigned pin, bool closed);

struct usart_model {
    unsigned index;
    struct h7_rcc *rcc;
    struct gpio_model *gpio;
    struct board_pin tx;
    uint32_t cr1, cr2, cr3, brr;
    char line[256];
    unsigned len;
    unsigned lost;
};
void usart_model_init(struct sim *s, struct usart_model *u, unsigned index, uint32_t base,
                      struct h7_rcc *rcc, struct gpio_model *gpio, struct board_pin tx);
void usart_model_flush(struct sim *s, struct usart_model *u);

#include "xspi_fifo.h"
struct spi_nor;
struct quadspi_model {
    struct h7_rcc *rcc;
    struct gpio_model *gpio;
    const struct board_qspi *bq;
    struct spi_nor *die[2];
    uint8_t *storage;
    uint32_t storage_size;
    uint32_t cr, dcr, sr, dlr, ccr, ar, abr, psmkr, psmar, pir, lptr;
    uint8_t wbuf[512];
    struct xspi_fifo xf;     /* indirect transfer in progress (periph/xspi_fifo.h) */
    bool polling;
    uint64_t next_poll_ps;
    bool mapped;
    char mmap_why[300];
};
int quadspi_model_init(struct sim *s, struct quadspi_model *q, struct h7_rcc *rcc, struct gpio_model *gpio,
                       const struct board_qspi *bq, uint8_t *storage, uint32_t storage_size,
                       const char *part_override);

#endif
