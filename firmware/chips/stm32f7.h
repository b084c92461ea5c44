/* STM32F7 (RM0431 for F72x/F73x; RM0385 for F74x/F75x): base addresses and the RCC/PWR/FLASH
 * fields the boot uses. The two manuals agree on every field used here; where F72x and F75x
 * differ (IRQ count, RAM sizes) the value is the larger or comes from the board data. */
#ifndef CHIPS_STM32F7_H
#define CHIPS_STM32F7_H

#include "cm7.h"
#include "ip/gpio_v2.h"
#include "ip/usart_v2.h"
#include "ip/quadspi_v1.h"

#define RCC_BASE     0x40023800u
#define PWR_BASE     0x40007000u
#define FLASH_R_BASE 0x40023C00u
#define GPIOA_BASE   0x40020000u /* AHB1, ports A..K every 0x400 */
#define QUADSPI_BASE 0xA0001000u
#define QSPI_MEM_BASE 0x90000000u
#define SDMMC1_BASE  0x40012C00u /* APB2 (RM0385 memory map) */
/* IWDG (RM0385 "Independent watchdog"): one instance on APB1, always clocked by the LSI. */
#define CHIP_IWDG_BASE 0x40003000u
#define CHIP_IWDG_NAME "IWDG"
#define CHIP_LSI_HZ 32000u /* LSI typical (STM32F75x datasheet) */

/* Core clock after reset: the 16 MHz HSI RC oscillator. */
#define CHIP_HSI_HZ 16000000u

/* RCC (RM0431 5.3, RM0385 5.3) */
#define RCC_CR       REG32(RCC_BASE + 0x00u)
#define RCC_PLLCFGR  REG32(RCC_BASE + 0x04u)
#define RCC_CFGR     REG32(RCC_BASE + 0x08u)
#define RCC_AHB1RSTR REG32(RCC_BASE + 0x10u)
#define RCC_AHB3RSTR REG32(RCC_BASE + 0x18u)
#define RCC_APB1RSTR REG32(RCC_BASE + 0x20u)
#define RCC_APB2RSTR REG32(RCC_BASE + 0x24u)
#define RCC_AHB1ENR  REG32(RCC_BASE + 0x30u)
#define RCC_AHB3ENR  REG32(RCC_BASE + 0x38u)
#define RCC_APB1ENR  REG32(RCC_BASE + 0x40u)
#define RCC_APB2ENR  REG32(RCC_BASE + 0x44u)
#define RCC_DCKCFGR2 REG32(RCC_BASE + 0x90u)

#define RCC_CR_HSION   (1u << 0)
#define RCC_CR_HSIRDY  (1u << 1)
#define RCC_CR_HSEON   (1u << 16)
#define RCC_CR_HSERDY  (1u << 17)
#define RCC_CR_HSEBYP  (1u << 18)
#define RCC_CR_PLLON   (1u << 24)
#define RCC_CR_PLLRDY  (1u << 25)

/* PLLCFGR: M 5:0, N 14:6, P 17:16 (00 = /2 .. 11 = /8), source 22, Q 27:24. Bits 30:28
 * (PLLR on F72x, reserved on F75x) keep their reset value. */
#define RCC_PLLCFGR_KEEP_MSK (0x7u << 28)
#define RCC_PLLCFGR_VAL(m, n, p, q)                                                       \
    ((uint32_t)(m) | ((uint32_t)(n) << 6) | ((uint32_t)((p) / 2u - 1u) << 16) | (1u << 22) | \
     ((uint32_t)(q) << 24))

#define RCC_CFGR_SW_MSK   0x3u
#define RCC_CFGR_SW_PLL   0x2u
#define RCC_CFGR_SWS_MSK  (0x3u << 2)
#define RCC_CFGR_SWS_PLL  (0x2u << 2)
#define RCC_CFGR_HPRE_MSK (0xFu << 4)
#define RCC_CFGR_HPRE_DIV2 (0x8u << 4)
#define RCC_CFGR_PPRE1_MSK (0x7u << 10)
#define RCC_CFGR_PPRE2_MSK (0x7u << 13)
/* APB prescaler code: 0xx = /1, 100 = /2, 101 = /4, 110 = /8, 111 = /16 */
#define RCC_CFGR_PPRE1(code) ((uint32_t)(code) << 10)
#define RCC_CFGR_PPRE2(code) ((uint32_t)(code) << 13)

#define RCC_AHB3_QSPI    (1u << 1)
#define RCC_APB1_PWR     (1u << 28)
#define RCC_APB1L_USART3 (1u << 18) /* APB1ENR on F7; named as on H7 */
#define RCC_APB2_USART1  (1u << 4)
#define RCC_APB2_SDMMC1  (1u << 11) /* APB2ENR/APB2RSTR.SDMMC1EN/RST */
/* DCKCFGR2: CK48MSEL 27 (0: PLLQ, 1: PLLSAI P) is the 48 MHz clock, SDMMC1SEL 28 (0: that
 * 48 MHz clock, 1: SYSCLK) the SDMMC1 kernel clock (RM0385 5.3.25). */
#define RCC_DCKCFGR2_CK48MSEL  (1u << 27)
#define RCC_DCKCFGR2_SDMMC1SEL (1u << 28)
#define RCC_APB2_USART6  (1u << 5)
/* The console driver's names for the APB1 gate and reset (H7: APB1L). */
#define RCC_USART_APB1_ENR  RCC_APB1ENR
#define RCC_USART_APB1_RSTR RCC_APB1RSTR

/* PWR (RM0431 4.4): voltage scaling and over-drive. VOS can only change while the PLL is off
 * and takes effect when it runs; over-drive is needed above 180 MHz (scale 1). */
#define PWR_CR1  REG32(PWR_BASE + 0x00u)
#define PWR_CSR1 REG32(PWR_BASE + 0x04u)
#define PWR_CR1_VOS_MSK   (3u << 14)
#define PWR_CR1_VOS_SCALE1 (3u << 14)
#define PWR_CR1_ODEN   (1u << 16)
#define PWR_CR1_ODSWEN (1u << 17)
#define PWR_CSR1_VOSRDY  (1u << 14)
#define PWR_CSR1_ODRDY   (1u << 16)
#define PWR_CSR1_ODSWRDY (1u << 17)

/* Highest HCLK without over-drive in voltage scale 1 (datasheet general operating conditions). */
#define CHIP_HCLK_MAX_NO_OD 180000000u
#define CHIP_APB1_MAX_HZ 54000000u
#define CHIP_APB2_MAX_HZ 108000000u

/* FLASH (RM0431 3.7): ACR LATENCY 3:0, PRFTEN 8, ARTEN 9. */
#define FLASH_ACR REG32(FLASH_R_BASE + 0x00u)
#define FLASH_ACR_LATENCY_MSK 0xFu
#define FLASH_ACR_PRFTEN (1u << 8)
#define FLASH_ACR_ARTEN  (1u << 9)

#define GPIO_PORT(n) ((struct gpio_regs *)(uintptr_t)(GPIOA_BASE + (n) * GPIO_PORT_STRIDE))
#define RCC_GPIO_ENR RCC_AHB1ENR
#define RCC_GPIO_RSTR RCC_AHB1RSTR
#define QUADSPI ((struct quadspi_regs *)(uintptr_t)QUADSPI_BASE)

/* F72x/F73x: 104 interrupt lines (last: SDMMC2, 103); F74x/F75x: 98 (last: SPDIF-RX, 97).
 * The larger table serves both. */
#define CHIP_IRQ_COUNT 104u
#endif
