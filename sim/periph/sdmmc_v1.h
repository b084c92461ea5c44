/* SDMMC1 (v1, STM32F7: RM0385) model in front of the same SD card model as the v2 one. */
#ifndef SIM_PERIPH_SDMMC_V1_H
#define SIM_PERIPH_SDMMC_V1_H
#include "sdmmc.h"
#include "f7.h"

/* Registers SDMMC1 at 0x40012C00 (APB2, RCC_APB2ENR bit 11); m->card NULL: empty slot. */
int sdmmc_v1_model_init(struct sim *s, struct sdmmc_model *m, struct f7_rcc *rcc, struct gpio_model *gpio,
                        const struct board_sdcard *bsd, struct sdcard_dev *card);
#endif
