/* STM32H7 (RM0433 for H742/H743/H750; RM0455 for H7A3/H7B0/H7B3; RM0468 for H723/H730/H735):
 * base addresses and the RCC/PWR/FLASH fields the boot uses. Where the three manuals differ the
 * field carries the family in its name. */
#ifndef CHIPS_STM32H7_H
#define CHIPS_STM32H7_H

#include "cm7.h"
#include "ip/gpio_v2.h"
#include "ip/usart_v2.h"
#include "ip/quadspi_v1.h"
#include "ip/octospi_v1.h"

#define RCC_BASE   0x58024400u
#define PWR_BASE   0x58024800u
#define FLASH_R_BASE 0x52002000u
#define GPIOA_BASE 0x58020000u
#define QUADSPI_BASE 0x52005000u
/* IWDG1 (RM0433 45), CMSIS-H7 (two independent sources checked). */
#define CHIP_IWDG_BASE 0x58004800u
#define CHIP_IWDG_NAME "IWDG1"
#define CHIP_LSI_HZ 32000u /* H7 LSI, nominal (datasheet: 32 kHz typical) */
#define QSPI_MEM_BASE 0x90000000u

/* Core clock after reset: the 64 MHz HSI RC oscillator. */
#define CHIP_HSI_HZ 64000000u

/* RCC (RM0433 8.7) */
#define RCC_CR        REG32(RCC_BASE + 0x00u)
#define RCC_CFGR      REG32(RCC_BASE + 0x10u)
#define RCC_D1CFGR    REG32(RCC_BASE + 0x18u)
#define RCC_D2CFGR    REG32(RCC_BASE + 0x1Cu)
#define RCC_D3CFGR    REG32(RCC_BASE + 0x20u)
#define RCC_PLLCKSELR REG32(RCC_BASE + 0x28u)
#define RCC_PLLCFGR   REG32(RCC_BASE + 0x2Cu)
#define RCC_PLL1DIVR  REG32(RCC_BASE + 0x30u)
#define RCC_D1CCIPR   REG32(RCC_BASE + 0x4Cu)
#define RCC_AHB3RSTR  REG32(RCC_BASE + 0x7Cu)
#define RCC_AHB4RSTR  REG32(RCC_BASE + 0x88u)
#define RCC_APB1LRSTR REG32(RCC_BASE + 0x90u)
#define RCC_APB2RSTR  REG32(RCC_BASE + 0x98u)
#define RCC_AHB3ENR   REG32(RCC_BASE + 0xD4u)
#define RCC_AHB4ENR   REG32(RCC_BASE + 0xE0u)
#define RCC_APB1LENR  REG32(RCC_BASE + 0xE8u)
#define RCC_APB2ENR   REG32(RCC_BASE + 0xF0u)
#define RCC_APB4ENR   REG32(RCC_BASE + 0xF4u)

#define RCC_CR_HSION    (1u << 0)
#define RCC_CR_HSIRDY   (1u << 2)
#define RCC_CR_HSEON    (1u << 16)
#define RCC_CR_HSERDY   (1u << 17)
#define RCC_CR_HSEBYP   (1u << 18)
#define RCC_CR_PLL1ON   (1u << 24)
#define RCC_CR_PLL1RDY  (1u << 25)
#define RCC_CFGR_SW_MSK  0x7u
#define RCC_CFGR_SW_PLL1 0x3u
#define RCC_CFGR_SWS(cfgr) (((cfgr) >> 3) & 0x7u)
#define RCC_D1CFGR_HPRE_DIV2   0x8u        /* bits 3:0 */
#define RCC_D1CFGR_D1PPRE_DIV2 (0x4u << 4)
#define RCC_D2CFGR_D2PPRE1_DIV2 (0x4u << 4)
#define RCC_D2CFGR_D2PPRE2_DIV2 (0x4u << 8)
#define RCC_D3CFGR_D3PPRE_DIV2 (0x4u << 4)
#define RCC_PLLCKSELR_PLLSRC_HSE 0x2u
#define RCC_PLLCKSELR_DIVM1(m) ((uint32_t)(m) << 4)
#define RCC_PLLCFGR_PLL1RGE(r) ((uint32_t)(r) << 2) /* 0:1-2 1:2-4 2:4-8 3:8-16 MHz */
#define RCC_PLLCFGR_DIVP1EN (1u << 16)
#define RCC_PLLCFGR_DIVQ1EN (1u << 17)
#define RCC_PLLCFGR_DIVR1EN (1u << 18)
#define RCC_PLL1DIVR_VAL(n, p, q, r) \
    ((uint32_t)((n) - 1u) | ((uint32_t)((p) - 1u) << 9) | ((uint32_t)((q) - 1u) << 16) | \
     ((uint32_t)((r) - 1u) << 24))
#define RCC_AHB3_QSPI   (1u << 14)
/* RM0455 / RM0468 (H7A3/H7B0/H7B3, H72x/H73x): same bit as QSPIEN on H74x */
#define RCC_AHB3_OSPI1  (1u << 14)
#define RCC_AHB3_OSPI2  (1u << 19)
#define RCC_AHB3_IOMNGR (1u << 21)
#define RCC_APB2_USART1 (1u << 4)
#define RCC_APB1L_USART3 (1u << 18)
#define RCC_APB2_USART6 (1u << 5)
/* The console driver's names for the APB1 gate and reset (F7: APB1). */
#define RCC_USART_APB1_ENR  RCC_APB1LENR
#define RCC_USART_APB1_RSTR RCC_APB1LRSTR

/* PWR (RM0433 6.8): supply configuration and voltage scaling on H74x/H75x */
#define PWR_CSR1 REG32(PWR_BASE + 0x04u)
#define PWR_CR3  REG32(PWR_BASE + 0x0Cu)
#define PWR_D3CR REG32(PWR_BASE + 0x18u)
#define PWR_CR3_BYPASS (1u << 0)
#define PWR_CR3_LDOEN  (1u << 1)
#define PWR_CR3_SCUEN  (1u << 2)
#define PWR_CSR1_ACTVOSRDY (1u << 13)
#define PWR_D3CR_VOSRDY (1u << 13)
#define PWR_D3CR_VOS_MSK (3u << 14)
#define PWR_D3CR_VOS1  (3u << 14)
#define PWR_CR3_SMPSEN (1u << 2) /* RM0455 / RM0468 (parts with an SMPS); SCUEN on H74x */

/* The families differ in the supply register and in the voltage-scale encoding of
 * PWR_D3CR / PWR_SRDCR (+0x18, VOS 15:14, VOSRDY 13). EXTMEM_CHIP_* comes from the board's
 * family (boards/layout.c). */
#if defined(EXTMEM_CHIP_STM32H74X)
/* RM0433 6.8.4: CR3 BYPASS 0, LDOEN 1, SCUEN 2. VOS 11 = VOS1, the top without ODEN (VOS0
 * needs SYSCFG_PWRCR.ODEN, not used: 400 MHz is reached at VOS1). */
#define PWR_CR3_SUPPLY_MSK (PWR_CR3_BYPASS | PWR_CR3_LDOEN | PWR_CR3_SCUEN)
#define PWR_VOS_TOP (3u << 14)
#define CHIP_HAS_SMPS 0
#elif defined(EXTMEM_CHIP_STM32H7BX)
/* RM0455 (PWR_CR3: BYPASS 0, LDOEN 1, SMPSEN 2, SMPSEXTHP 3, SMPSLEVEL 5:4; PWR_SRDCR VOS
 * 11 = VOS0, 10 VOS1, 01 VOS2, 00 VOS3: the ST HAL's PWR_REGULATOR_VOLTAGE_SCALEx). */
#define PWR_CR3_SUPPLY_MSK 0x3Fu
#define PWR_VOS_TOP (3u << 14)
#define CHIP_HAS_SMPS 1
#elif defined(EXTMEM_CHIP_STM32H73X)
/* RM0468 (PWR_CR3 as RM0455; PWR_D3CR VOS 00 = VOS0, 11 VOS1, 10 VOS2, 01 VOS3: the same
 * names as RM0433 but VOS0 is a code of its own, no ODEN). */
#define PWR_CR3_SUPPLY_MSK 0x3Fu
#define PWR_VOS_TOP (0u << 14)
#define CHIP_HAS_SMPS 1
#else
#error "unknown STM32H7 line: define EXTMEM_CHIP_STM32H74X, EXTMEM_CHIP_STM32H7BX or EXTMEM_CHIP_STM32H73X"
#endif

/* FLASH (RM0433 4.9) */
#define FLASH_ACR REG32(FLASH_R_BASE + 0x00u)
#define FLASH_ACR_LATENCY_MSK 0xFu
#define FLASH_ACR_WRHIGHFREQ(n) ((uint32_t)(n) << 4)
#define FLASH_ACR_WRHIGHFREQ_MSK (3u << 4)

#define GPIO_PORT(n) ((struct gpio_regs *)(uintptr_t)(GPIOA_BASE + (n) * GPIO_PORT_STRIDE))
#define RCC_GPIO_ENR RCC_AHB4ENR
#define RCC_GPIO_RSTR RCC_AHB4RSTR
#define QUADSPI ((struct quadspi_regs *)(uintptr_t)QUADSPI_BASE)

/* OCTOSPI (RM0455 22, RM0468 24): two controllers and the I/O manager (facts sheet 13). */
#define OCTOSPI1_BASE 0x52005000u
#define OCTOSPI2_BASE 0x5200A000u
#define OCTOSPIM_BASE 0x5200B400u
#define OCTOSPI1_MEM_BASE 0x90000000u
#define OCTOSPI2_MEM_BASE 0x70000000u
#define OCTOSPI(n) ((struct octospi_regs *)(uintptr_t)((n) == 2u ? OCTOSPI2_BASE : OCTOSPI1_BASE))
#define OCTOSPIM ((struct octospim_regs *)(uintptr_t)OCTOSPIM_BASE)

#define CHIP_IRQ_COUNT 150u
#endif
