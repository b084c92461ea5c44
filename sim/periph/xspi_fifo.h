/* Indirect-transfer state and status shared by the QUADSPI and OCTOSPI models (RM0433 23,
 * RM0455 22: the two controllers have the same SR layout for it: TCF bit 1, FTF bit 2,
 * BUSY bit 5, FLEVEL bits 13:8, and the same 32-byte FIFO).
 * Read: the device's answer arrives evenly between start_ps and done_ps; the FIFO holds what
 * has arrived and the CPU has not taken, and the controller stops the clock when it is full.
 * Write: the command starts with CCR/IR/AR (the header goes out first), then each byte
 * written to DR leaves the FIFO at the bus rate; the transfer ends when the last of the DLR+1
 * bytes is out. A command without data completes at done_ps. */
#ifndef SIM_PERIPH_XSPI_FIFO_H
#define SIM_PERIPH_XSPI_FIFO_H
#include <stdbool.h>
#include <stdint.h>

#define XSPI_FIFO_SIZE 32u
#define XSPI_SR_TCF (1u << 1)
#define XSPI_SR_FTF (1u << 2)
#define XSPI_SR_BUSY (1u << 5)

struct xspi_fifo {
    bool busy_read, busy_write;
    bool wait_data;              /* write: DR bytes still expected */
    uint64_t start_ps, done_ps;  /* read: arrival window; write/command: end of the transfer */
    uint32_t fifo_len, fifo_pos; /* read: bytes of the transfer, bytes taken from DR */
    uint32_t wlen, wneed;        /* write: bytes written to DR, bytes of the transfer */
    uint64_t data_ps, byte_ps;   /* write: first data bit on the bus, bus time of one byte */
    uint64_t tail_ps;            /* write: after the last byte (chip select high) */
};

/* A read of n bytes from now to done_ps. */
void xspi_fifo_start_read(struct xspi_fifo *f, uint64_t now_ps, uint64_t done_ps, uint32_t n);
/* A write of n data bytes: header (instruction to dummy) takes header_ps, each byte byte_ps,
 * chip select high tail_ps; n == 0: a command that ends after header_ps + tail_ps. */
void xspi_fifo_start_write(struct xspi_fifo *f, uint64_t now_ps, uint64_t header_ps, uint64_t byte_ps,
                           uint64_t tail_ps, uint32_t n);
/* One byte written to DR; true when it was the last one of the transfer. */
bool xspi_fifo_push(struct xspi_fifo *f, uint64_t now_ps);
/* Bytes the CPU may read from DR now. */
uint32_t xspi_fifo_avail(const struct xspi_fifo *f, uint64_t now_ps);
/* BUSY, TCF, FTF and FLEVEL of an indirect transfer now (fthres = CR.FTHRES + 1); *sticky
 * gets TCF once the transfer is complete (it stays until the firmware clears it). */
uint32_t xspi_fifo_status(struct xspi_fifo *f, uint64_t now_ps, uint32_t fthres, uint32_t *sticky);
/* Abort or reset: nothing in progress. */
void xspi_fifo_clear(struct xspi_fifo *f);
#endif
