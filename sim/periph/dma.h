/* The general-purpose DMA controllers DMA1 and DMA2 (8 streams each) of the STM32F7 (RM0431,
 * RM0385: 0x40026000/0x40026400, request by CHSEL in SxCR) and of the STM32H7 (RM0433,
 * RM0455, RM0468: 0x40020000/0x40020400, requests through DMAMUX1 at 0x40020800).
 * Memory-to-memory streams really copy, in virtual time; peripheral streams wait for
 * requests that no modelled peripheral issues (see dma.c). */
#ifndef SIM_PERIPH_DMA_H
#define SIM_PERIPH_DMA_H

#include "h7.h"

struct chip;

struct dma_stream {
    uint32_t cr, ndtr, par, m0ar, m1ar, fcr;
    uint32_t ndtr_start;   /* NDTR when the stream was enabled */
    uint32_t src, dst;     /* next addresses of a memory-to-memory transfer */
    uint64_t last_ps;      /* items are done up to this time */
    uint64_t stop_ps;      /* EN cleared by software: the stream stops at this time */
    bool stopping, half_done;
    uint8_t fifo[8];       /* bytes read, not yet written (PSIZE smaller than MSIZE) */
    unsigned fifo_len;
};

struct dma_ctrl {
    unsigned index;        /* 1: DMA1, 2: DMA2 */
    uint32_t isr[2];       /* LISR, HISR */
    struct dma_stream st[8];
};

struct dma_model {
    struct h7_rcc *rcc;
    bool f7;
    uint32_t enr_off, rstr_off;  /* RCC_AHB1ENR / RCC_AHB1RSTR offsets */
    unsigned enr_bit[2];         /* DMA1EN, DMA2EN (same positions in AHB1RSTR) */
    const char *enr_name;
    struct dma_ctrl ctl[2];
    uint32_t mux_ccr[16];        /* H7 DMAMUX1 C0CR..C15CR (channel n serves DMA1 stream n,
                                    channel 8 + n DMA2 stream n) */
    uint32_t mux_rgcr[8];
};

/* Builds DMA1, DMA2 (and DMAMUX1 on the H7) for the chip's family; sets c->dma. */
int dma_attach(struct sim *s, struct chip *c);
/* For the resources check: true when stream st of DMAn (n = 1, 2) is enabled now (EN reads
 * 1), with what it is doing in what. */
bool dma_model_stream_enabled(struct sim *s, struct dma_model *m, unsigned n, unsigned st, char *what,
                              size_t len);

#endif
