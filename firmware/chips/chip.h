/* The one place that selects the chip family of the build. */
#ifndef CHIPS_CHIP_H
#define CHIPS_CHIP_H
#if defined(EXTMEM_FAMILY_STM32H7)
#include "stm32h7.h"
#elif defined(EXTMEM_FAMILY_STM32F7)
#include "stm32f7.h"
#else
#error "unknown or missing chip family: define EXTMEM_FAMILY_STM32H7 or EXTMEM_FAMILY_STM32F7"
#endif
#endif
