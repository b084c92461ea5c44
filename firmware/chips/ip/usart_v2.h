/* USART with ISR/ICR/RDR/TDR (STM32F7 and STM32H7: RM0433 48.7, RM0385 34.8). */
#ifndef CHIPS_IP_USART_V2_H
#define CHIPS_IP_USART_V2_H
#include <stddef.h>
#include <stdint.h>

struct usart_regs {
    volatile uint32_t CR1;  /* 0x00 */
    volatile uint32_t CR2;  /* 0x04 */
    volatile uint32_t CR3;  /* 0x08 */
    volatile uint32_t BRR;  /* 0x0C */
    volatile uint32_t GTPR; /* 0x10 */
    volatile uint32_t RTOR; /* 0x14 */
    volatile uint32_t RQR;  /* 0x18 */
    volatile uint32_t ISR;  /* 0x1C */
    volatile uint32_t ICR;  /* 0x20 */
    volatile uint32_t RDR;  /* 0x24 */
    volatile uint32_t TDR;  /* 0x28 */
};
_Static_assert(offsetof(struct usart_regs, TDR) == 0x28, "USART TDR offset");

#define USART_CR1_UE   (1u << 0)
#define USART_CR1_RE   (1u << 2)
#define USART_CR1_TE   (1u << 3)
#define USART_ISR_TC   (1u << 6)
#define USART_ISR_TXE  (1u << 7) /* TXFNF when the FIFO is enabled (H7) */
#define USART_ISR_TEACK (1u << 21)
#endif
