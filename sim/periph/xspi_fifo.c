/* Indirect-transfer status of the QUADSPI and OCTOSPI models (see xspi_fifo.h). */
#include "xspi_fifo.h"

#include <string.h>

void xspi_fifo_clear(struct xspi_fifo *f)
{
    memset(f, 0, sizeof *f);
}

void xspi_fifo_start_read(struct xspi_fifo *f, uint64_t now_ps, uint64_t done_ps, uint32_t n)
{
    xspi_fifo_clear(f);
    f->busy_read = true;
    f->start_ps = now_ps;
    f->done_ps = done_ps;
    f->fifo_len = n;
}

void xspi_fifo_start_write(struct xspi_fifo *f, uint64_t now_ps, uint64_t header_ps, uint64_t byte_ps,
                           uint64_t tail_ps, uint32_t n)
{
    xspi_fifo_clear(f);
    f->busy_write = true;
    f->start_ps = now_ps;
    f->data_ps = now_ps + header_ps;
    f->byte_ps = byte_ps;
    f->tail_ps = tail_ps;
    f->wneed = n;
    f->wait_data = n != 0u;
    f->done_ps = n != 0u ? UINT64_MAX : f->data_ps + tail_ps;
}

/* Write: bytes already clocked out by now. The clock runs while the FIFO has data; when the
 * CPU falls behind, the clock stops and the next byte goes out as soon as it is written. */
static uint32_t sent(const struct xspi_fifo *f, uint64_t now_ps)
{
    if (now_ps <= f->data_ps || f->byte_ps == 0u) {
        return now_ps <= f->data_ps ? 0u : f->wlen;
    }
    uint64_t n = (now_ps - f->data_ps) / f->byte_ps;
    return n < f->wlen ? (uint32_t)n : f->wlen;
}

bool xspi_fifo_push(struct xspi_fifo *f, uint64_t now_ps)
{
    if (f->wlen == sent(f, now_ps) && now_ps > f->data_ps) {
        f->data_ps = now_ps - (uint64_t)f->wlen * f->byte_ps; /* the clock stopped with the FIFO empty */
    }
    f->wlen++;
    if (f->wlen < f->wneed) {
        return false;
    }
    f->wait_data = false;
    uint64_t end = f->data_ps + (uint64_t)f->wneed * f->byte_ps;
    f->done_ps = (end > now_ps ? end : now_ps) + f->tail_ps;
    return true;
}

uint32_t xspi_fifo_avail(const struct xspi_fifo *f, uint64_t now_ps)
{
    if (!f->busy_read) {
        return 0;
    }
    uint32_t got = f->fifo_len;
    if (now_ps < f->done_ps && f->done_ps > f->start_ps) {
        got = (uint32_t)((uint64_t)f->fifo_len * (now_ps - f->start_ps) / (f->done_ps - f->start_ps));
    }
    if (got > f->fifo_pos + XSPI_FIFO_SIZE) {
        got = f->fifo_pos + XSPI_FIFO_SIZE; /* the controller stops the clock when the FIFO is full */
    }
    return got - f->fifo_pos;
}

uint32_t xspi_fifo_status(struct xspi_fifo *f, uint64_t now_ps, uint32_t fthres, uint32_t *sticky)
{
    uint32_t sr = 0, level = 0;
    if (f->busy_read) {
        level = xspi_fifo_avail(f, now_ps);
        if (now_ps >= f->done_ps && f->fifo_len - f->fifo_pos <= XSPI_FIFO_SIZE) {
            sr |= XSPI_SR_TCF;
        }
        if (level || now_ps < f->done_ps) {
            sr |= XSPI_SR_BUSY;
        } else {
            f->busy_read = false;
        }
        if (level >= fthres || ((sr & XSPI_SR_TCF) && level)) {
            sr |= XSPI_SR_FTF;
        }
    } else if (f->busy_write) {
        if (f->wait_data) {
            level = f->wlen - sent(f, now_ps);
            level = level > XSPI_FIFO_SIZE ? XSPI_FIFO_SIZE : level;
            sr |= XSPI_SR_BUSY | (XSPI_FIFO_SIZE - level >= fthres ? XSPI_SR_FTF : 0u);
        } else if (now_ps < f->done_ps) {
            sr |= XSPI_SR_BUSY;
        } else {
            f->busy_write = false;
            sr |= XSPI_SR_TCF;
        }
    } else if (f->done_ps != 0u && now_ps < f->done_ps) {
        sr |= XSPI_SR_BUSY;
    }
    *sticky |= sr & XSPI_SR_TCF;
    return sr | (level << 8);
}
